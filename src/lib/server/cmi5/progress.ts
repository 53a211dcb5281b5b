import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import { switchyardAuthority } from '../completion/trust.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { storeStatements } from '../learning-record/store.ts';
import { ACTIVITY_TYPES, VERBS } from '../../courses/activity-ids.ts';
import { findImportedCourse } from './course-catalog.ts';
import { CMI5, cmi5Ids } from './cmi5-ids.ts';
import { recordLmsStatements, type LmsStatement } from './lms-statements.ts';
import { readRegistrationRecord } from './registration-record.ts';
import { markSatisfied, type Registration } from './registrations.ts';
import { auOutcomes, satisfiedNodes } from './satisfaction.ts';

/**
 * Writes `satisfied` for every block and the course whose moveOn rules are now met (cmi5 9.3.9) and,
 * once the course is, its Switchyard completion: a `completed` statement on the course dated by the
 * server and reported by imported content. `sessionId` is the session that caused it, or
 * a fresh one for satisfaction outside a launch (cmi5 9.6.1).
 */
export async function evaluateRegistration(
  db: Database,
  origin: string,
  registration: Registration,
  sessionId: string = crypto.randomUUID(),
): Promise<{ isCourseSatisfied: boolean }> {
  const course = await findImportedCourse(db, registration.courseId, registration.versionId);
  if (!course) return { isCourseSatisfied: false };
  const record = await readRegistrationRecord(db, registration.id);
  const outcomes = auOutcomes(record.statements);
  const nodes = satisfiedNodes(course.structure, outcomes, (id) =>
    cmi5Ids.au(origin, course.id, id),
  );
  const already = new Set(
    record.statements.filter((s) => s.verb === 'satisfied').map((s) => s.objectId),
  );
  const drafts: LmsStatement[] = [];
  for (const node of nodes) {
    const objectId =
      node.kind === 'course'
        ? cmi5Ids.course(origin, course.id)
        : cmi5Ids.block(origin, course.id, node.publisherId);
    if (already.has(objectId)) continue;
    drafts.push({
      verb: 'satisfied',
      objectId,
      objectType: node.kind === 'course' ? CMI5.courseType : CMI5.blockType,
      name: node.title,
      sessionId,
    });
  }
  const actor = JSON.parse(registration.actor) as Agent;
  await recordLmsStatements(db, origin, actor, registration.id, drafts);
  const isCourseSatisfied = nodes.some((node) => node.kind === 'course');
  if (isCourseSatisfied && (await markSatisfied(db, registration.id, now()))) {
    await recordCourseCompletion(db, origin, registration, actor, course.title);
  }
  return { isCourseSatisfied };
}

/** The course's completion in Switchyard's terms, recorded by the server (as reported by imported content) when the LMS found it satisfied. */
async function recordCourseCompletion(
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
