import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { findImportedCourse } from './course-catalog.ts';
import { listAus } from './course-structure.ts';
import { CMI5, cmi5Ids } from './cmi5-ids.ts';
import { recordLmsStatements } from './lms-statements.ts';
import { evaluateRegistration } from './progress.ts';
import { readRegistrationRecord } from './registration-record.ts';
import type { Registration } from './registrations.ts';

/** The reasons cmi5 names for a waiver (cmi5 9.5.5.2); other text is recorded as Administrative. */
export const WAIVER_REASONS = [
  'Tested Out',
  'Equivalent AU',
  'Equivalent Outside Activity',
  'Administrative',
] as const;

/** One of the waiver reasons cmi5 names. */
export type WaiverReason = (typeof WAIVER_REASONS)[number];

export type WaiveResult =
  | { ok: true; statementId: string; isCourseSatisfied: boolean }
  | { ok: false; status: 404 | 409; message: string };

/**
 * Waives an AU for a registration (cmi5 9.3.7): one `waived` statement with its own session id and
 * the reason, an audit event naming who waived it and why, then satisfaction is evaluated.
 */
export async function waiveAu(
  db: Database,
  origin: string,
  registration: Registration,
  auIndex: number,
  input: {
    /** Why, in words: audit-logged and shown in the evidence export. */
    reason: string;
    /** The cmi5 reason recorded in the statement; by default the reason when it is one, else Administrative. */
    category?: WaiverReason | undefined;
    actorId: string | null;
    credentialKey?: string | undefined;
  },
): Promise<WaiveResult> {
  const course = await findImportedCourse(db, registration.courseId, registration.versionId);
  const au = course ? listAus(course.structure.children)[auIndex] : undefined;
  if (!course || !au)
    return { ok: false, status: 404, message: `The course has no AU number ${auIndex}.` };
  const activityId = cmi5Ids.au(origin, course.id, au.id);
  const record = await readRegistrationRecord(db, registration.id);
  if (record.statements.some((s) => s.verb === 'waived' && s.objectId === activityId)) {
    return {
      ok: false,
      status: 409,
      message: `"${au.title}" is already waived in this registration (cmi5 9.3).`,
    };
  }
  const reason =
    input.category ??
    ((WAIVER_REASONS as readonly string[]).includes(input.reason)
      ? (input.reason as WaiverReason)
      : 'Administrative');
  const sessionId = crypto.randomUUID();
  const [statementId = ''] = await recordLmsStatements(
    db,
    origin,
    JSON.parse(registration.actor) as Agent,
    registration.id,
    [
      {
        verb: 'waived',
        objectId: activityId,
        name: au.title,
        sessionId,
        publisherAuId: au.id,
        hasMoveOnCategory: true,
        result: { success: true, completion: true, extensions: { [CMI5.reason]: reason } },
      },
    ],
  );
  await recordAuditEvent(db, {
    type: 'cmi5.au-waived',
    actorId: input.actorId,
    subjectId: registration.userId,
    detail: {
      course: course.id,
      registration: registration.id,
      au: au.title,
      reason: input.reason,
      category: reason,
      statementId,
      ...(input.credentialKey ? { credential: input.credentialKey } : {}),
    },
  });
  const { isCourseSatisfied } = await evaluateRegistration(db, origin, registration, sessionId);
  return { ok: true, statementId, isCourseSatisfied };
}
