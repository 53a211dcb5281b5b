import type { Database } from '../../../../db/client.ts';
import { ACTIVITY_TYPES, VERBS } from '../../shared/courses/activity-ids.ts';
import { getUserById } from '../auth/user.ts';
import { now } from '../clock.ts';
import { recordGrading, type StatementDraft } from '../completion/grading.ts';
import type { CourseRequirements } from '../completion/requirements.ts';
import { switchyardAuthority } from '../completion/trust.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { storeStatements } from '../learning-record/store-statements.ts';
import { derivedUuid } from '../learning-record/derived-values.ts';
import type { ImportedCourse } from './course-catalog.ts';
import { CMI5_VERBS, cmi5Ids } from './cmi5-ids.ts';
import { lmsStatementDraft, recordLmsStatements, type LmsStatement } from './lms-statements.ts';
import { markSatisfied, type Registration } from './registrations.ts';

/**
 * An imported course as the completion owner reads it: no Switchyard requirements, completed by the
 * LMS's `satisfied` statement on the course (cmi5 9.3.9), which follows cmi5's moveOn rules.
 */
export function importedCourseRequirements(course: ImportedCourse): CourseRequirements {
  return {
    slug: course.id,
    data: { title: course.title, passingScore: 1, scenarios: [], version: String(course.version) },
    lessons: [],
    completedByVerb: CMI5_VERBS.satisfied,
  };
}

/** Stable ids: a second evaluation of the same registration (a retry, another instance) writes nothing. */
const draftsWithIds = (registration: string, drafts: readonly LmsStatement[]): StatementDraft[] =>
  drafts.map((draft) => ({
    ...(lmsStatementDraft(registration, draft) as StatementDraft),
    id: derivedUuid(`cmi5:${registration}:${draft.verb}:${draft.objectId}`),
  }));

/**
 * Records the blocks and course a registration newly satisfied. A Switchyard learner's go through
 * the completion owner, reported by imported content: in one transaction the `satisfied` statements,
 * the course's completion with its certificate, and the registration's satisfied mark. An external
 * learner (an actor that is no Switchyard account) gets the statements and the course's completion
 * in the learning record, and no certificate, since certificates belong to Switchyard accounts.
 */
export async function recordSatisfaction(
  db: Database,
  origin: string,
  registration: Registration,
  course: ImportedCourse,
  drafts: readonly LmsStatement[],
): Promise<void> {
  if (drafts.length === 0) return;
  const isCourse = drafts.some((draft) => draft.objectId === cmi5Ids.course(origin, course.id));
  const user = registration.userId ? await getUserById(db, registration.userId) : null;
  if (!user) {
    const actor = JSON.parse(registration.actor) as Agent;
    await recordLmsStatements(db, origin, actor, registration.id, [...drafts]);
    if (isCourse && (await markSatisfied(db, registration.id, now()))) {
      await recordExternalCompletion(db, origin, registration, actor, course.title);
    }
    return;
  }
  const at = now();
  const recorded = await recordGrading(db, {
    learner: { id: user.id, displayName: user.displayName },
    statements: draftsWithIds(registration.id, drafts),
    courses: [importedCourseRequirements(course)],
    reportedBy: 'imported-content',
    now: at,
    alsoWrite: isCourse
      ? [
          {
            sql: 'UPDATE cmi5_registrations SET satisfied_at = ? WHERE id = ? AND satisfied_at IS NULL',
            args: [at, registration.id],
          },
        ]
      : [],
  });
  // A conflict means another request already stored these statements (their ids are derived).
  if (!recorded.ok && recorded.reason !== 'conflict') {
    throw new Error(`the learning record refused a cmi5 satisfaction: ${recorded.message}`);
  }
}

/** An external learner's course completion, recorded by the server as reported by imported content. */
async function recordExternalCompletion(
  db: Database,
  origin: string,
  registration: Registration,
  actor: Agent,
  title: string,
): Promise<void> {
  const at = now();
  const result = await storeStatements(
    db,
    [
      {
        id: crypto.randomUUID(),
        actor,
        verb: VERBS.completed,
        object: {
          objectType: 'Activity',
          id: cmi5Ids.course(origin, registration.courseId),
          definition: { type: ACTIVITY_TYPES.course, name: { 'en-US': title } },
        },
        result: { completion: true },
        context: { registration: registration.id },
        timestamp: new Date(at).toISOString(),
      },
    ],
    {
      authority: switchyardAuthority(origin, 'imported-content'),
      siteOrigin: origin,
      version: '2.0.0',
      now: at,
    },
  );
  if (!result.ok)
    throw new Error(`the learning record refused a course completion: ${result.message}`);
}
