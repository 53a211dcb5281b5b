import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { now } from '../clock.ts';
import { auditImport, importCoursePackage, type ImportResult } from './course-import.ts';
import { withdrawCourse } from './course-catalog.ts';
import type { ImportRefusal } from './refusal.ts';
import { readFormUpload, readUpload } from './upload.ts';

/** Listing options an import may carry (query string of the API, fields of the form). */
export const ImportListingSchema = z.object({
  /** The publisher shown in the catalogue (defaults to the host of the course id). */
  publisher: z.string().trim().max(120, 'The publisher is at most 120 characters.').optional(),
  /** The track slug to list the course under; empty for none. */
  track: z
    .string()
    .trim()
    .regex(/^([a-z0-9][a-z0-9-]*)?$/, 'The track is a track slug such as data-analytics.')
    .optional(),
});

/** What an import action answers: the new version, or a refusal a person can act on. */
export type ImportOutcome =
  | { ok: true; id: string; version: number }
  | { ok: false; status: 400 | 413; message: string; refusal?: ImportRefusal };

function outcome(result: ImportResult): ImportOutcome {
  return result.ok
    ? { ok: true, id: result.id, version: result.version }
    : { ok: false, status: 400, message: result.refusal.message, refusal: result.refusal };
}

function listing(
  values: Record<string, string | undefined>,
  tracks: ReadonlySet<string>,
): { ok: true; value: z.output<typeof ImportListingSchema> } | { ok: false; message: string } {
  const parsed = ImportListingSchema.safeParse(values);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' };
  if (parsed.data.track && !tracks.has(parsed.data.track)) {
    return { ok: false, message: `There is no track "${parsed.data.track}".` };
  }
  return { ok: true, value: parsed.data };
}

/** Where the catalogue's own names live, so an import neither takes nor invents them. */
export interface CatalogNames {
  courseSlugs: ReadonlySet<string>;
  trackSlugs: ReadonlySet<string>;
}

/** `POST /api/cmi5/courses`: the body is the zip or the cmi5.xml; listing options in the query. */
export async function importFromRequest(
  db: Database,
  request: Request,
  url: URL,
  importedBy: { credentialKey: string },
  names: CatalogNames,
): Promise<ImportOutcome> {
  const options = listing(Object.fromEntries(url.searchParams), names.trackSlugs);
  if (!options.ok) return { ok: false, status: 400, message: options.message };
  const body = await readUpload(request);
  if (!body.ok) return body;
  const result = await importCoursePackage(db, body.bytes, {
    importedBy: `credential:${importedBy.credentialKey}`,
    publisher: options.value.publisher,
    track: options.value.track,
    reservedSlugs: names.courseSlugs,
  });
  if (result.ok) await auditImport(db, null, result);
  return outcome(result);
}

/** The import page's form: a `package` file plus publisher and track fields. */
export async function importFromForm(
  db: Database,
  request: Request,
  user: { id: string },
  names: CatalogNames,
): Promise<ImportOutcome> {
  const upload = await readFormUpload(request);
  if (!upload.ok) return upload;
  const options = listing(upload.fields, names.trackSlugs);
  if (!options.ok) return { ok: false, status: 400, message: options.message };
  const result = await importCoursePackage(db, upload.bytes, {
    importedBy: user.id,
    publisher: options.value.publisher,
    track: options.value.track,
    reservedSlugs: names.courseSlugs,
    fileName: upload.fileName,
  });
  if (result.ok) await auditImport(db, user.id, result);
  return outcome(result);
}

/** Withdraws a course; false when there is no such course (or it was withdrawn already). */
export async function withdrawImportedCourse(
  db: Database,
  id: string,
  actor: { userId: string | null; credentialKey?: string },
): Promise<boolean> {
  const isWithdrawn = await withdrawCourse(db, id, now());
  if (isWithdrawn) {
    await recordAuditEvent(db, {
      type: 'cmi5.course-withdrawn',
      actorId: actor.userId,
      subjectId: id,
      detail: actor.credentialKey ? { credential: actor.credentialKey } : {},
    });
  }
  return isWithdrawn;
}
