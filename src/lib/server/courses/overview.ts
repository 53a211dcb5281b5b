import type { Database } from '../../../../db/client.ts';
import { learnerCompletions } from '../completion/read.ts';
import { computeCourseProgress, type CourseProgress } from '../completion/requirements.ts';
import { getCatalog, type CatalogCourse } from './catalog.ts';

/** A course with the learner's progress on it. */
export interface CourseWithProgress {
  course: CatalogCourse;
  progress: CourseProgress;
}

/** Progress on every course for one learner, from one query over their completion rows. */
export async function getLearnerCourses(
  db: Database,
  base: string,
  userId: string,
): Promise<CourseWithProgress[]> {
  const catalog = await getCatalog();
  const rows = await learnerCompletions(db, userId);
  return [...catalog.courses.values()].map((course) => ({
    course,
    progress: computeCourseProgress(base, course, rows),
  }));
}
