import type { Agent } from '../learning-record/agent-schema.ts';
import type { Statement } from '../learning-record/statement-schema.ts';

/**
 * The trust model in one table: which verbs and result fields assert graded state, and why only
 * Switchyard's server may send them about a Switchyard activity. Graded state (completed, passed,
 * failed, scores, completion dates) counts only when a statement's authority is one of Switchyard's
 * own (see SWITCHYARD_AUTHORITIES); a learner's browser is refused with the reason, and statements
 * sent with an xAPI credential are stored but never complete a Switchyard activity.
 */

const ADL = 'http://adlnet.gov/expapi/verbs/';
const CMI5 = 'https://w3id.org/xapi/adl/verbs/';

/** One verb that asserts a verdict or a completion, with the reason a browser may not send it. */
export interface VerdictVerb {
  id: string;
  name: string;
  reason: string;
}

/** Verbs that assert a verdict or a completion: only Switchyard's graders send them about its activities. */
export const VERDICT_VERBS: readonly VerdictVerb[] = Object.freeze([
  {
    id: `${ADL}completed`,
    name: 'completed',
    reason:
      'completing a lesson, check, lab, simulation or course is recorded by the server when it finishes the step',
  },
  {
    id: `${ADL}passed`,
    name: 'passed',
    reason: 'a pass is the verdict of the server after it graded the answers, query or action log',
  },
  {
    id: `${ADL}failed`,
    name: 'failed',
    reason: 'a fail is the verdict of the server after it graded the answers, query or action log',
  },
  {
    id: `${ADL}mastered`,
    name: 'mastered',
    reason: 'mastery is a graded outcome, and grading happens on the server',
  },
  {
    id: `${ADL}scored`,
    name: 'scored',
    reason: 'scores are computed by the server from what it graded',
  },
  {
    id: `${CMI5}satisfied`,
    name: 'satisfied',
    reason: 'a satisfied course or block is derived by the server from the grades it recorded',
  },
  {
    id: `${CMI5}waived`,
    name: 'waived',
    reason: 'waiving a requirement is an administrative decision recorded by the server',
  },
]);

/** One result field that asserts graded state, with the reason a browser may not send it. */
export interface VerdictResultField {
  field: 'completion' | 'success' | 'score';
  reason: string;
}

/** Result fields that assert graded state about the statement's activity. */
export const VERDICT_RESULT_FIELDS: readonly VerdictResultField[] = Object.freeze([
  {
    field: 'completion',
    reason: 'whether an activity is complete is decided by the server',
  },
  {
    field: 'success',
    reason: 'success is the verdict of the server after grading',
  },
  {
    field: 'score',
    reason: 'scores are computed by the server from what it graded',
  },
]);

const VERB_BY_ID = new Map(VERDICT_VERBS.map((verb) => [verb.id, verb]));

/** The verdict verb with this id, or undefined when the verb records a plain learning event. */
export function verdictVerb(id: string): VerdictVerb | undefined {
  return VERB_BY_ID.get(id);
}

/**
 * The authorities whose statements carry graded state: Switchyard's graders, and imported content
 * (cmi5) whose results the server accepted under the cmi5 rules. Both are accounts on the record base
 * with a trailing slash, which no credential or learner can be (credentials live under /xapi/credentials).
 */
export const SWITCHYARD_AUTHORITIES = {
  grader: { name: 'Switchyard', account: 'system' },
  importedContent: { name: 'Imported content', account: 'imported-content' },
} as const;

/** How every page and export marks a completion that imported (cmi5) content reported. */
export const REPORTED_BY_CONTENT_LABEL = 'reported by imported content';

/** Who reported graded state: one of Switchyard's graders, or imported content. */
export type ReportedBy = 'grader' | 'imported-content';

/** The authority server code records graded statements under. */
export function switchyardAuthority(base: string, reportedBy: ReportedBy = 'grader'): Agent {
  const who =
    reportedBy === 'grader'
      ? SWITCHYARD_AUTHORITIES.grader
      : SWITCHYARD_AUTHORITIES.importedContent;
  return {
    objectType: 'Agent',
    name: who.name,
    account: { homePage: `${base}/`, name: who.account },
  };
}

/** True when an activity id names one of Switchyard's own activities (under the record base). */
export function isSwitchyardActivity(base: string, activityId: string): boolean {
  return activityId.startsWith(`${base}/`);
}

/** The activity a statement (or its sub-statement) is about, when it is an Activity. */
function activityOf(statement: Pick<Statement, 'object'>): string | null {
  const object = statement.object as { objectType?: string; id?: unknown };
  if (object.objectType !== undefined && object.objectType !== 'Activity') return null;
  return typeof object.id === 'string' ? object.id : null;
}

/**
 * Why a statement sent by a learner's browser may not be stored, or null when it records a plain
 * learning event (experienced, attempted, progressed, interacted...). A verdict verb, or a result with
 * completion, success or a score, about a Switchyard activity is refused, also inside a sub-statement.
 */
export function browserVerdictRefusal(base: string, statement: Statement): string | null {
  const candidates: Pick<Statement, 'object' | 'verb' | 'result'>[] = [statement];
  const object = statement.object as { objectType?: string };
  if (object.objectType === 'SubStatement') candidates.push(statement.object as never);
  for (const candidate of candidates) {
    const activity = activityOf(candidate);
    if (!activity || !isSwitchyardActivity(base, activity)) continue;
    const verb = verdictVerb(candidate.verb.id);
    if (verb) {
      return `The verb "${verb.name}" about ${activity} is recorded only by Switchyard's server: ${verb.reason}. Do the work on the page (answer the check, run the lab, finish the simulation) and the server records it.`;
    }
    const result = (candidate.result ?? {}) as Record<string, unknown>;
    const field = VERDICT_RESULT_FIELDS.find((entry) => result[entry.field] !== undefined);
    if (field) {
      return `result.${field.field} about ${activity} is recorded only by Switchyard's server: ${field.reason}. Leave it out; the server records the outcome when it grades the work.`;
    }
  }
  return null;
}
