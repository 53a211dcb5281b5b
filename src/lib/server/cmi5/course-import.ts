import { and, eq, max } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { cmi5Courses, cmi5CourseVersions, cmi5PackageFiles } from '../../../../db/schema.ts';
import { recordAuditEvent } from '../audit.ts';
import { now } from '../clock.ts';
import { withWriteLock } from '../learning-record/write-lock.ts';
import { contentTypeOf } from './content-type.ts';
import { readCoursePackage } from './package.ts';
import type { ImportRefusal } from './refusal.ts';
import { freeSlug, slugFromTitle } from './slug.ts';

/** Who imports, and how the course is listed. */
export interface ImportOptions {
  /** A user id, or `credential:<key>` for the integration API. */
  importedBy: string;
  /** The publisher shown in the catalogue; defaults to the host of the course id. */
  publisher?: string | undefined;
  /** A track to list the course under. */
  track?: string | undefined;
  /** Slugs of Switchyard's own courses, which an imported course must not take. */
  reservedSlugs: ReadonlySet<string>;
  fileName?: string | undefined;
}

export type ImportResult =
  | { ok: true; id: string; version: number; versionId: string; isNewCourse: boolean }
  | { ok: false; refusal: ImportRefusal };

/** Rows per INSERT of package files, so a large package stays under SQLite's parameter limit. */
const FILES_PER_INSERT = 50;

function publisherFrom(courseId: string): string {
  try {
    return new URL(courseId).hostname || courseId;
  } catch {
    return courseId.split(':')[1] ?? courseId;
  }
}

/**
 * Validates a package and stores it as a new version of its course (a new course the first time its
 * course id is seen), files and all, in one transaction: a refused or failed import changes nothing.
 */
export async function importCoursePackage(
  db: Database,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportResult> {
  const read = readCoursePackage(bytes, options.fileName);
  if (!read.ok) return read;
  const { structure, files, isZip } = read.package;
  const at = now();
  return withWriteLock(db, () =>
    db.transaction(async (tx) => {
      const existing = (
        await tx.select().from(cmi5Courses).where(eq(cmi5Courses.publisherCourseId, structure.id))
      )[0];
      let courseId = existing?.id;
      if (!courseId) {
        const taken = new Set(
          (await tx.select({ id: cmi5Courses.id }).from(cmi5Courses)).map((row) => row.id),
        );
        courseId = freeSlug(
          slugFromTitle(structure.title),
          (slug) => taken.has(slug) || options.reservedSlugs.has(slug),
        );
      }
      const last = existing
        ? ((
            await tx
              .select({ version: max(cmi5CourseVersions.version) })
              .from(cmi5CourseVersions)
              .where(eq(cmi5CourseVersions.courseId, courseId))
          )[0]?.version ?? 0)
        : 0;
      const versionId = crypto.randomUUID();
      const version = last + 1;
      const publisher =
        options.publisher?.trim() || existing?.publisher || publisherFrom(structure.id);
      if (existing) {
        await tx
          .update(cmi5Courses)
          .set({
            currentVersionId: versionId,
            updatedAt: at,
            deletedAt: null,
            publisher,
            ...(options.track !== undefined ? { track: options.track || null } : {}),
          })
          .where(and(eq(cmi5Courses.id, courseId)));
      } else {
        await tx.insert(cmi5Courses).values({
          id: courseId,
          publisherCourseId: structure.id,
          publisher,
          track: options.track || null,
          currentVersionId: versionId,
          createdAt: at,
          updatedAt: at,
        });
      }
      await tx.insert(cmi5CourseVersions).values({
        id: versionId,
        courseId,
        version,
        title: structure.title,
        description: structure.description,
        structure: JSON.stringify(structure),
        hasPackage: isZip,
        importedAt: at,
        importedBy: options.importedBy,
      });
      for (let start = 0; start < files.length; start += FILES_PER_INSERT) {
        await tx.insert(cmi5PackageFiles).values(
          files.slice(start, start + FILES_PER_INSERT).map((file) => ({
            versionId,
            path: file.path,
            contentType: contentTypeOf(file.path),
            body: Buffer.from(file.bytes),
          })),
        );
      }
      return { ok: true as const, id: courseId, version, versionId, isNewCourse: !existing };
    }),
  );
}

/** Records an import in the audit log. */
export async function auditImport(
  db: Database,
  actorId: string | null,
  result: Extract<ImportResult, { ok: true }>,
): Promise<void> {
  await recordAuditEvent(db, {
    type: 'cmi5.course-imported',
    actorId,
    subjectId: result.id,
    detail: { version: result.version },
  });
}
