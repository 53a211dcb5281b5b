import { actorKey } from '../learning-record/actor-key.ts';
import type { Statement } from '../learning-record/statement-schema.ts';
import { CMI5 } from './cmi5-ids.ts';
import type { RecordedStatement } from './registration-record.ts';
import { toRecorded } from './registration-record.ts';

/** The AU session a launch token belongs to, as the statement rules need it. */
export interface SessionContext {
  sessionId: string;
  registration: string;
  auActivityId: string;
  agentKey: string;
  launchMode: 'Normal' | 'Browse' | 'Review';
  masteryScore: number | null;
  /** The session ended: terminated or abandoned (cmi5 9.3.6, 9.3.8). */
  isEnded: boolean;
}

/** Verbs an AU may use in cmi5-defined statements; the others are the LMS's (cmi5 9.3). */
const AU_VERBS = new Set(['initialized', 'completed', 'passed', 'failed', 'terminated']);
const JUDGED = new Set(['completed', 'passed', 'failed']);

/**
 * Checks statements an AU sends with its launch token against cmi5's rules (sections 9.3 to 9.6):
 * whose they are, order in the session and the registration, results, mastery score, context and
 * launch mode. Returns the reason for refusing the batch, or null. `record` is the registration's
 * statements already stored; the batch is judged in order, each after the ones before it.
 */
export function judgeAuStatements(
  session: SessionContext,
  record: readonly RecordedStatement[],
  statements: readonly Statement[],
): string | null {
  const seen = [...record];
  for (const [index, statement] of statements.entries()) {
    const which = statements.length === 1 ? 'The statement' : `statements[${index}]`;
    if (actorKey(statement.actor) !== session.agentKey) {
      return `${which}: this launch token writes only statements about the learner it was issued for.`;
    }
    if (statement.context?.registration?.toLowerCase() !== session.registration) {
      return `${which}: context.registration must be this launch's registration ${session.registration} (cmi5 9.6.1).`;
    }
    const recorded = toRecorded(statement as never);
    const inSession = seen.filter(
      (s) => s.sessionId === session.sessionId && s.objectId === session.auActivityId,
    );
    const sessionVerbs = new Set(inSession.filter((s) => s.isCmi5Defined).map((s) => s.verb));
    if (session.isEnded || sessionVerbs.has('terminated') || sessionVerbs.has('abandoned')) {
      return `${which}: the AU session has ended (terminated or abandoned); nothing more is recorded for it (cmi5 9.3.6, 9.3.8).`;
    }
    const sessionId = statement.context?.extensions?.[CMI5.sessionId];
    if (sessionId !== session.sessionId) {
      return `${which}: the context needs the session id extension ${CMI5.sessionId} = "${session.sessionId}" from LMS.LaunchData (cmi5 9.6.3.1).`;
    }
    const verb = recorded?.isCmi5Defined ? recorded.verb : null;
    if (!sessionVerbs.has('initialized') && verb !== 'initialized') {
      return `${which}: "initialized" must be the first statement of the session (cmi5 9.3, 9.3.2).`;
    }
    if (verb) {
      const problem = judgeDefined(session, statement, verb, seen, sessionVerbs);
      if (problem) return `${which}: ${problem}`;
    }
    if (recorded) seen.push({ ...recorded, sessionId: session.sessionId });
  }
  return null;
}

function judgeDefined(
  session: SessionContext,
  statement: Statement,
  verb: RecordedStatement['verb'],
  seen: readonly RecordedStatement[],
  sessionVerbs: ReadonlySet<string>,
): string | null {
  if (!AU_VERBS.has(verb))
    return `"${verb}" statements are made by the LMS, not by the AU (cmi5 9.3).`;
  if (statement.object.objectType !== undefined && statement.object.objectType !== 'Activity') {
    return 'the object of a cmi5 defined statement is the AU (cmi5 9.4).';
  }
  if ((statement.object as { id?: string }).id !== session.auActivityId) {
    return `the object id must be the launch's activityId ${session.auActivityId} (cmi5 9.4).`;
  }
  if (sessionVerbs.has(verb)) return `"${verb}" was already sent in this session (cmi5 9.3).`;
  const result = statement.result;
  const categories = statement.context?.contextActivities?.category ?? [];
  const hasMoveOn = categories.some((activity) => activity.id === CMI5.moveOnCategory);
  const hasVerdict = result?.success !== undefined || result?.completion !== undefined;
  if (hasVerdict !== hasMoveOn) {
    return hasVerdict
      ? `a statement with success or completion needs the moveOn category ${CMI5.moveOnCategory} (cmi5 9.6.2.2).`
      : `only statements with success or completion carry the moveOn category (cmi5 9.6.2.2).`;
  }
  if (!JUDGED.has(verb)) {
    if (hasVerdict)
      return `"${verb}" statements carry neither success nor completion (cmi5 9.5.2, 9.5.3).`;
    if (result?.score) return `only passed and failed statements carry a score (cmi5 9.5.1).`;
    return null;
  }
  if (session.launchMode !== 'Normal') {
    return `the AU was launched in ${session.launchMode} mode, where completion, pass and fail are not recorded (cmi5 10.0, launchMode).`;
  }
  const inRegistration = seen.filter((s) => s.objectId === session.auActivityId && s.isCmi5Defined);
  const has = (name: string) => inRegistration.some((s) => s.verb === name);
  if (verb === 'completed') {
    if (has('completed')) return '"completed" is sent once per registration (cmi5 9.3).';
    if (result?.completion !== true || result.success !== undefined) {
      return 'a completed statement has result.completion true and no success (cmi5 9.5.2, 9.5.3).';
    }
    if (result.score) return 'a completed statement carries no score (cmi5 9.5.1).';
    return null;
  }
  if (sessionVerbs.has('passed') || sessionVerbs.has('failed')) {
    return 'only one of passed and failed is sent in a session (cmi5 9.3).';
  }
  if (result?.completion !== undefined)
    return `a ${verb} statement carries no completion (cmi5 9.5.3).`;
  const scaled = result?.score?.scaled;
  const mastery = session.masteryScore;
  if (mastery !== null && scaled !== undefined) {
    const context = statement.context?.extensions?.[CMI5.masteryScore];
    if (context !== mastery) {
      return `a ${verb} statement judged against the mastery score carries the masteryScore extension ${mastery} (cmi5 9.6.3.2).`;
    }
  }
  if (verb === 'passed') {
    if (has('passed')) return '"passed" is sent once per registration (cmi5 9.3).';
    if (result?.success !== true) return 'a passed statement has result.success true (cmi5 9.5.2).';
    if (mastery !== null && scaled !== undefined && scaled < mastery) {
      return `a passed statement's scaled score (${scaled}) is at least the mastery score ${mastery} (cmi5 9.3.4).`;
    }
    return null;
  }
  if (has('passed')) return '"failed" may not follow "passed" in a registration (cmi5 9.3).';
  if (result?.success !== false) return 'a failed statement has result.success false (cmi5 9.5.2).';
  if (mastery !== null && scaled !== undefined && scaled >= mastery) {
    return `a failed statement's scaled score (${scaled}) is below the mastery score ${mastery} (cmi5 9.3.5).`;
  }
  return null;
}
