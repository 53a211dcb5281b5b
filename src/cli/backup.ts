import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/** `backup FILE`: a consistent copy of the (possibly running) local database, never overwriting. */
export const backup: Command = async ({ db, config, args, print }) => {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) throw new CliError('usage: switchyard backup FILE');
  if (!config.DATABASE_URL.startsWith('file:')) {
    throw new CliError(
      "backup copies a local database file; DATABASE_URL points to a libSQL server, so use that server's own backups",
    );
  }
  const target = resolve(file);
  if (existsSync(target))
    throw new CliError(`${file} already exists; backup never overwrites a file`);
  mkdirSync(dirname(target), { recursive: true });
  // VACUUM INTO copies one read transaction's snapshot, so writers carry on and the copy is consistent.
  await db.$client.execute({ sql: 'VACUUM INTO ?', args: [target] });
  print(`Backed up ${config.DATABASE_URL} to ${target} (${statSync(target).size} bytes).`);
};
