import type { Database } from '../../../../db/client.ts';
import type { SessionUser } from '../auth/session.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { findImportedCourse, type ImportedCourse } from './course-catalog.ts';
import { listAus } from './course-structure.ts';
import { cmi5Ids } from './cmi5-ids.ts';
import { readRegistrationRecord } from './registration-record.ts';
import { latestRegistration } from './registrations.ts';
import { auOutcomes, isAuSatisfied } from './satisfaction.ts';

/** What the imported course's page shows. */
export interface CoursePageData {
  course: ImportedCourse;
  indexOf: Map<string, number>;
  /** Per AU index, the signed-in learner's state in words. */
  states: Map<number, string>;
  statusLine: string | null;
}

/** The page of an imported course (null when unknown or withdrawn), with the learner's progress. */
export async function loadCoursePage(
  db: Database,
  id: string,
  user: SessionUser | null,
): Promise<CoursePageData | null> {
  const current = await findImportedCourse(db, id);
  if (!current || current.isWithdrawn) return null;
  const origin = recordBase(db);
  const registration = user ? await latestRegistration(db, id, userAgent(origin, user.id)) : null;
  // A learner who started sees the version of their registration.
  const course = registration
    ? ((await findImportedCourse(db, id, registration.versionId)) ?? current)
    : current;
  const aus = listAus(course.structure.children);
  const indexOf = new Map(aus.map((au, index) => [au.id, index]));
  const states = new Map<number, string>();
  if (!registration) return { course, indexOf, states, statusLine: null };
  const outcomes = auOutcomes((await readRegistrationRecord(db, registration.id)).statements);
  for (const [index, au] of aus.entries()) {
    const outcome = outcomes.get(cmi5Ids.au(origin, course.id, au.id));
    if (!outcome) continue;
    const words = [
      outcome.isWaived ? 'Waived' : '',
      outcome.isPassed ? 'Passed' : '',
      outcome.isCompleted ? 'Completed' : '',
    ].filter(Boolean);
    const done = isAuSatisfied(au.moveOn, outcome) ? ' (done)' : '';
    if (words.length) states.set(index, `${words.join(', ')}${done}`);
  }
  const statusLine = registration.satisfiedAt
    ? `Completed on ${new Date(registration.satisfiedAt).toISOString().slice(0, 10)} (reported by the course content).`
    : 'In progress.';
  return { course, indexOf, states, statusLine };
}
