import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { completions } from '../../../../db/schema.ts';
import { getCatalog, type CatalogCourse } from './catalog.ts';
import { computeCourseProgress, type CourseProgress } from './progress.ts';

/** A course with the learner's progress on it. */
export interface CourseWithProgress {
  course: CatalogCourse;
  progress: CourseProgress;
}

/** Progress on every course for one learner, from one query over their completion rows. */
export async function getLearnerCourses(
  db: Database,
  origin: string,
  userId: string,
): Promise<CourseWithProgress[]> {
  const catalog = await getCatalog();
  const rows = await db.select().from(completions).where(eq(completions.userId, userId));
  const rank = { attempted: 0, failed: 1, completed: 2, passed: 3 } as const;
  const map = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const existing = map.get(row.activityId);
    if (!existing || rank[row.status] > rank[existing.status]) map.set(row.activityId, row);
  }
  return [...catalog.courses.values()].map((course) => ({
    course,
    progress: computeCourseProgress(origin, course, map),
  }));
}
