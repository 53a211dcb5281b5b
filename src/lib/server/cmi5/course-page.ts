import type { Database } from '../../../../db/client.ts';
import type { SessionUser } from '../auth/session.ts';
import { findImportedCourse, type ImportedCourse } from './course-catalog.ts';
import { listAus } from './course-structure.ts';

/** What the imported course's page shows. */
export interface CoursePageData {
  course: ImportedCourse;
  indexOf: Map<string, number>;
  /** Per AU index, the signed-in learner's state in words. */
  states: Map<number, string>;
  statusLine: string | null;
}

/** The page of an imported course (null when unknown or withdrawn). */
export async function loadCoursePage(
  db: Database,
  id: string,
  _user: SessionUser | null,
): Promise<CoursePageData | null> {
  const course = await findImportedCourse(db, id);
  if (!course || course.isWithdrawn) return null;
  const indexOf = new Map(listAus(course.structure.children).map((au, index) => [au.id, index]));
  return { course, indexOf, states: new Map(), statusLine: null };
}
