import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { now } from '../clock.ts';
import { switchyardAuthority } from '../completion/trust.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { storeStatements } from '../learning-record/store-statements.ts';
import { findImportedCourse } from './course-catalog.ts';
import { listAus } from './course-structure.ts';
import { cmi5Ids } from './cmi5-ids.ts';
import { readRegistrationRecord } from './registration-record.ts';
import type { Registration } from './registrations.ts';
import { auOutcomes, satisfiedNodes } from './satisfaction.ts';
import { WAIVER_EVENTS } from './waiver-notes.ts';

const VOIDED = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };

export type RevokeResult =
  { ok: true; voidedIds: string[] } | { ok: false; status: 404 | 409; message: string };

/**
 * Revokes a waiver while the course is not yet satisfied: the `waived` statement is voided, and so
 * is the `satisfied` of any block that only the waiver made satisfied; an audit event says who and why.
 * Once the course is satisfied its completion and certificate stand, so the waiver does too.
 */
export async function revokeWaiver(
  db: Database,
  origin: string,
  registration: Registration,
  auIndex: number,
  input: { reason: string; actorId: string },
): Promise<RevokeResult> {
  const course = await findImportedCourse(db, registration.courseId, registration.versionId);
  const au = course ? listAus(course.structure.children)[auIndex] : undefined;
  if (!course || !au)
    return { ok: false, status: 404, message: `The course has no AU number ${auIndex}.` };
  if (registration.satisfiedAt !== null) {
    return {
      ok: false,
      status: 409,
      message: `"${course.title}" is already complete in this registration, with the waiver counted: its completion and certificate stand, so the waiver cannot be revoked.`,
    };
  }
  const activityId = cmi5Ids.au(origin, course.id, au.id);
  const { statements } = await readRegistrationRecord(db, registration.id);
  const waived = statements.find((s) => s.verb === 'waived' && s.objectId === activityId);
  if (!waived) {
    return { ok: false, status: 404, message: `"${au.title}" is not waived in this registration.` };
  }
  const rest = statements.filter((s) => s.id !== waived.id);
  const stillSatisfied = new Set(
    satisfiedNodes(course.structure, auOutcomes(rest), (id) => cmi5Ids.au(origin, course.id, id))
      .filter((node) => node.kind === 'block')
      .map((node) => cmi5Ids.block(origin, course.id, node.publisherId)),
  );
  const courseActivity = cmi5Ids.course(origin, course.id);
  const lapsed = rest.filter(
    (s) =>
      s.verb === 'satisfied' && s.objectId !== courseActivity && !stillSatisfied.has(s.objectId),
  );
  const targets = [waived, ...lapsed].map((s) => s.id);
  const at = now();
  const actor = JSON.parse(registration.actor) as Agent;
  const stored = await storeStatements(
    db,
    targets.map((id) => ({
      id: crypto.randomUUID(),
      actor,
      verb: VOIDED,
      object: { objectType: 'StatementRef' as const, id },
      timestamp: new Date(at).toISOString(),
    })),
    {
      authority: switchyardAuthority(origin, 'imported-content'),
      siteOrigin: origin,
      version: '2.0.0',
      now: at,
    },
  );
  if (!stored.ok) throw new Error(`the learning record refused a revocation: ${stored.message}`);
  await recordAuditEvent(db, {
    type: WAIVER_EVENTS.revoked,
    actorId: input.actorId,
    subjectId: registration.userId,
    detail: {
      course: course.id,
      registration: registration.id,
      au: au.title,
      reason: input.reason,
      statementId: waived.id,
    },
  });
  return { ok: true, voidedIds: targets };
}
