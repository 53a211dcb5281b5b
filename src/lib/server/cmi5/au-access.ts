import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import { actorKey } from '../learning-record/actor-key.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import type { Statement } from '../learning-record/statement-schema.ts';
import { abandonSession, touchSession } from './abandon.ts';
import { findImportedCourse } from './course-catalog.ts';
import { PREFERENCES_PROFILE_ID } from './learner-preferences.ts';
import { listAus } from './course-structure.ts';
import { cmi5Ids } from './cmi5-ids.ts';
import { evaluateRegistration } from './progress.ts';
import { readRegistrationRecord, toRecorded } from './registration-record.ts';
import { findRegistration, type Registration } from './registrations.ts';
import { findSessionByToken, isSessionEnded, type LaunchSession } from './sessions.ts';
import { judgeAuStatements, type SessionContext } from './statement-rules.ts';

/** What a launch token lets its AU do: write and read for one actor, registration and AU. */
export interface AuAccess {
  session: LaunchSession;
  registration: Registration;
  agent: Agent;
  agentKey: string;
  auActivityId: string;
  masteryScore: number | null;
}

/** The key of the Basic credentials an auth token carries (cmi5 8.2.1); credential keys differ. */
export const AU_TOKEN_KEY = 'cmi5';

/** The access a launch token grants, or why it grants none. */
export async function resolveAuToken(
  db: Database,
  token: string,
  origin: string,
): Promise<{ ok: true; access: AuAccess } | { ok: false; message: string }> {
  const session = await findSessionByToken(db, token);
  const registration = session ? await findRegistration(db, session.registrationId) : null;
  if (!session || !registration) {
    return {
      ok: false,
      message: 'This launch token is not one Switchyard issued; launch the unit again.',
    };
  }
  const course = await findImportedCourse(db, registration.courseId, registration.versionId);
  const au = course ? listAus(course.structure.children)[session.auIndex] : undefined;
  if (!course || !au)
    return { ok: false, message: 'The course of this launch is no longer available.' };
  const at = now();
  if (
    session.terminatedAt === null &&
    session.abandonedAt === null &&
    isSessionEnded(session, at)
  ) {
    await abandonSession(db, origin, session, registration);
  }
  if (isSessionEnded(session, at)) {
    return {
      ok: false,
      message: 'This AU session has ended; launch the unit again for a new one.',
    };
  }
  const agent = JSON.parse(registration.actor) as Agent;
  return {
    ok: true,
    access: {
      session,
      registration,
      agent,
      agentKey: actorKey(agent) ?? '',
      auActivityId: cmi5Ids.au(origin, course.id, au.id),
      masteryScore: au.masteryScore,
    },
  };
}

/**
 * The write policy of an AU's statements: cmi5's rules against the registration's record read now,
 * and what to do once they are stored (note the session's progress, evaluate satisfaction).
 */
export async function auWritePolicy(
  db: Database,
  origin: string,
  access: AuAccess,
): Promise<{
  authorize: (statements: readonly Statement[]) => string | null;
  afterStore: () => Promise<void>;
}> {
  const record = await readRegistrationRecord(db, access.registration.id);
  const context: SessionContext = {
    sessionId: access.session.id,
    registration: access.registration.id,
    auActivityId: access.auActivityId,
    agentKey: access.agentKey,
    launchMode: access.session.launchMode,
    masteryScore: access.masteryScore,
    isEnded: false,
  };
  let judged: readonly Statement[] = [];
  return {
    authorize: (statements) => {
      judged = statements;
      return judgeAuStatements(context, record.statements, statements);
    },
    afterStore: async () => {
      const verbs = judged.flatMap((s) => {
        const recorded = toRecorded(s as never);
        return recorded?.isCmi5Defined ? [recorded.verb] : [];
      });
      await touchSession(db, access.session.id, {
        at: now(),
        isInitialized: verbs.includes('initialized'),
        isTerminated: verbs.includes('terminated'),
      });
      if (verbs.some((verb) => verb === 'completed' || verb === 'passed')) {
        await evaluateRegistration(db, origin, access.registration, access.session.id);
      }
    },
  };
}

/** What an AU may do with documents: its own agent's, its own registration's state, never LaunchData nor the learner's preferences. */
export function auDocumentRefusal(
  access: AuAccess,
  kind: 'state' | 'activity_profile' | 'agent_profile',
  /** stateId is the document's id: the State id, or the profile id of a profile document. */
  request: { agentKey: string | null; registration: string | null; stateId: string | null },
  method: string,
): string | null {
  const isRead = method === 'GET' || method === 'HEAD';
  if (kind === 'activity_profile') {
    return isRead ? null : 'Activity Profile documents are written with an xAPI credential.';
  }
  if (request.agentKey !== access.agentKey) {
    return 'This launch token reads and writes only the documents of the learner it was issued for.';
  }
  if (kind === 'agent_profile' && !isRead && request.stateId === PREFERENCES_PROFILE_ID) {
    // cmi5 11.0 lets the LMS refuse a unit's change with 403; the learner sets these at /account.
    return 'cmi5LearnerPreferences are the learner’s choice, set in Switchyard on the account page; a unit reads them and must not treat this 403 as an error (cmi5 11.0).';
  }
  if (kind === 'state') {
    if ((request.registration ?? '').toLowerCase() !== access.registration.id) {
      return `This launch token reads and writes State only in its registration ${access.registration.id}.`;
    }
    if (!isRead && request.stateId === 'LMS.LaunchData') {
      return 'LMS.LaunchData is written by the LMS; the AU must not change it (cmi5 10.0).';
    }
  }
  return null;
}
