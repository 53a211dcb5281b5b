import type { Database } from '../../../../db/client.ts';
import { findImportedCourse } from './course-catalog.ts';
import { CMI5, cmi5Ids } from './cmi5-ids.ts';
import { recordSatisfaction } from './course-completion.ts';
import type { LmsStatement } from './lms-statements.ts';
import { readRegistrationRecord } from './registration-record.ts';
import type { Registration } from './registrations.ts';
import { auOutcomes, satisfiedNodes } from './satisfaction.ts';

/**
 * Writes `satisfied` for every block and the course whose moveOn rules are now met (cmi5 9.3.9) and,
 * once the course is, its Switchyard completion and certificate, dated by the server and reported by
 * imported content (see course-completion.ts). `sessionId` is the session that caused it, or a fresh
 * one for satisfaction outside a launch (cmi5 9.6.1).
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
  await recordSatisfaction(db, origin, registration, course, drafts);
  return { isCourseSatisfied: nodes.some((node) => node.kind === 'course') };
}
