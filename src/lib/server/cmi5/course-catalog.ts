import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { cmi5Courses, cmi5CourseVersions } from '../../../../db/schema.ts';
import type { CourseStructure } from './course-structure.ts';

/** An imported cmi5 course at one of its versions. */
export interface ImportedCourse {
  /** The course's slug in Switchyard. */
  id: string;
  publisherCourseId: string;
  publisher: string;
  track: string | null;
  versionId: string;
  version: number;
  title: string;
  description: string;
  structure: CourseStructure;
  hasPackage: boolean;
  importedAt: number;
  isWithdrawn: boolean;
}

type CourseRow = typeof cmi5Courses.$inferSelect;
type VersionRow = typeof cmi5CourseVersions.$inferSelect;

function toCourse(course: CourseRow, version: VersionRow): ImportedCourse {
  return {
    id: course.id,
    publisherCourseId: course.publisherCourseId,
    publisher: course.publisher,
    track: course.track,
    versionId: version.id,
    version: version.version,
    title: version.title,
    description: version.description,
    structure: JSON.parse(version.structure) as CourseStructure,
    hasPackage: version.hasPackage,
    importedAt: version.importedAt,
    isWithdrawn: course.deletedAt !== null,
  };
}

/** Every imported course that is not withdrawn, at its current version, by title. */
export async function listImportedCourses(db: Database): Promise<ImportedCourse[]> {
  const rows = await db
    .select({ course: cmi5Courses, version: cmi5CourseVersions })
    .from(cmi5Courses)
    .innerJoin(cmi5CourseVersions, eq(cmi5CourseVersions.id, cmi5Courses.currentVersionId))
    .where(isNull(cmi5Courses.deletedAt));
  return rows
    .map((row) => toCourse(row.course, row.version))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** An imported course at its current version (or at `versionId`), withdrawn or not; null when unknown. */
export async function findImportedCourse(
  db: Database,
  id: string,
  versionId?: string,
): Promise<ImportedCourse | null> {
  const rows = await db
    .select({ course: cmi5Courses, version: cmi5CourseVersions })
    .from(cmi5Courses)
    .innerJoin(
      cmi5CourseVersions,
      versionId
        ? and(eq(cmi5CourseVersions.courseId, cmi5Courses.id), eq(cmi5CourseVersions.id, versionId))
        : eq(cmi5CourseVersions.id, cmi5Courses.currentVersionId),
    )
    .where(eq(cmi5Courses.id, id))
    .limit(1);
  const row = rows[0];
  return row ? toCourse(row.course, row.version) : null;
}

/** Version numbers of a course, newest first, for the administrator's page. */
export async function listVersions(
  db: Database,
  id: string,
): Promise<{ version: number; importedAt: number; importedBy: string }[]> {
  return db
    .select({
      version: cmi5CourseVersions.version,
      importedAt: cmi5CourseVersions.importedAt,
      importedBy: cmi5CourseVersions.importedBy,
    })
    .from(cmi5CourseVersions)
    .where(eq(cmi5CourseVersions.courseId, id))
    .orderBy(desc(cmi5CourseVersions.version));
}

/** Marks a course withdrawn: not listed or launchable; its records, registrations and evidence stay. */
export async function withdrawCourse(db: Database, id: string, at: number): Promise<boolean> {
  const result = await db
    .update(cmi5Courses)
    .set({ deletedAt: at, updatedAt: at })
    .where(and(eq(cmi5Courses.id, id), isNull(cmi5Courses.deletedAt)));
  return result.rowsAffected > 0;
}

/** The imported courses a catalogue filter keeps: words in the title, description or publisher, and the track. */
export function filterImportedCourses(
  courses: readonly ImportedCourse[],
  filter: {
    q?: string | undefined;
    track?: string | undefined;
    audience?: string | undefined;
    level?: string | undefined;
  },
): ImportedCourse[] {
  // Imported courses declare neither audience nor level, so those filters leave them out.
  if (filter.audience || filter.level) return [];
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return courses.filter((course) => {
    if (filter.track && course.track !== filter.track) return false;
    const text = `${course.title} ${course.description} ${course.publisher}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
