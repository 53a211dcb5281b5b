import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readContent } from '../lib/content/content-files.ts';
import { itemCatalogOf } from '../lib/server/assignments/item-catalog.ts';
import { ImportListingSchema } from '../lib/server/cmi5/course-actions.ts';
import { auditImport, importCoursePackage } from '../lib/server/cmi5/course-import.ts';
import { CMI5_PACKAGE_LIMIT } from '../lib/server/cmi5/package.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/** `cmi5 import FILE [--publisher P] [--track T]`: imports a zip package or a bare cmi5.xml. */
export const cmi5Import: Command = async ({ db, args, print }) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { publisher: { type: 'string' }, track: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) {
    throw new CliError('give one file: switchyard cmi5 import course.zip');
  }
  const options = ImportListingSchema.safeParse(parsed.values);
  if (!options.success) throw new CliError(options.error.issues[0]?.message ?? 'invalid options');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  if (size > CMI5_PACKAGE_LIMIT) {
    throw new CliError(
      `${file} is larger than ${CMI5_PACKAGE_LIMIT / 1024 / 1024} MB, the most an import accepts`,
    );
  }
  const catalog = itemCatalogOf(readContent());
  if (options.data.track && !catalog.tracks.some((track) => track.slug === options.data.track)) {
    throw new CliError(`there is no track "${options.data.track}"`);
  }
  const result = await importCoursePackage(db, new Uint8Array(readFileSync(file)), {
    importedBy: 'cli',
    publisher: options.data.publisher,
    track: options.data.track,
    reservedSlugs: new Set(catalog.courses.keys()),
    fileName: basename(file),
  });
  if (!result.ok) {
    throw new CliError(`${result.refusal.message} (rule: ${result.refusal.requirement})`);
  }
  await auditImport(db, null, result);
  print(`id=${result.id}`);
  print(`version=${result.version}`);
  print(
    result.isNewCourse
      ? 'Imported a new course.'
      : 'Imported a new version; registrations already started keep theirs.',
  );
};
