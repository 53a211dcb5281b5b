import { getCatalog } from '../courses/catalog.ts';
import { listImportedCourses } from '../cmi5/course-catalog.ts';
import { getDb } from '../db.ts';
import { getSimCatalog } from '../sims/catalog.ts';
import { scenarioTitles, type CourseInfo, type ItemCatalog } from './item-catalog.ts';

let scenarios: Map<string, { title: string; isJoint: boolean }> | undefined;

/**
 * The assignable items inside the Astro server: the course engine's catalog, the imported cmi5
 * courses (read from the database, so every instance sees an import at once) and scenario titles.
 */
export async function getItemCatalog(): Promise<ItemCatalog> {
  const catalog = await getCatalog();
  scenarios ??= scenarioTitles(await getSimCatalog());
  const imported = await listImportedCourses(await getDb());
  if (imported.length === 0) {
    return { tracks: catalog.tracks, courses: catalog.courses, scenarios };
  }
  const courses = new Map<string, CourseInfo>(catalog.courses);
  for (const course of imported) {
    courses.set(course.id, {
      slug: course.id,
      data: { title: course.title, track: course.track ?? '', audience: 'all', skills: [] },
      imported: { publisher: course.publisher },
    });
  }
  const tracks = catalog.tracks.map((track) => ({
    ...track,
    courses: [
      ...track.courses,
      ...imported
        .filter((course) => course.track === track.slug)
        .map((course) => ({ slug: course.id })),
    ],
  }));
  return { tracks, courses, scenarios };
}
