import type { InStatement } from '@libsql/client';
import { COMPLETION_STATUSES, STATUS_RANK } from './status.ts';
import { SWITCHYARD_AUTHORITIES } from './trust.ts';

/**
 * The derivation of completion rows from the learning record, as SQL run in the transaction that
 * stores the statements (and by rebuild-completion over the whole record). Only statements whose
 * authority is Switchyard's own (its graders, or imported content) count; the times are those the
 * server stamped when it graded.
 */

const ADL = 'http://adlnet.gov/expapi/verbs/';
/** The ADL verbs that move completion, and the status each gives. */
export const COMPLETION_VERBS = {
  attempted: `${ADL}attempted`,
  completed: `${ADL}completed`,
  passed: `${ADL}passed`,
  failed: `${ADL}failed`,
} as const;

const { attempted, completed, passed, failed } = COMPLETION_VERBS;
const q = (value: string) => `'${value}'`;
const SUCCESS = "json_extract(s.body, '$.result.success')";
const SCORE = (field: string) => `json_extract(s.body, '$.result.score.${field}')`;
const AUTHORITY = (field: string, alias = 's') =>
  `json_extract(${alias}.body, '$.authority.account.${field}')`;
const BASE = `(SELECT iri_base || '/' FROM record_identity WHERE id = 1)`;
const { grader, importedContent } = SWITCHYARD_AUTHORITIES;

/**
 * SQL true for a statement (row `alias` of statements) that one of Switchyard's own authorities
 * recorded: its graders or imported content. Every reader of graded statements filters with it.
 */
export function trustedStatementSql(alias: string): string {
  return `(${AUTHORITY('homePage', alias)} = ${BASE} AND ${AUTHORITY('name', alias)} IN (${q(grader.account)}, ${q(importedContent.account)}))`;
}
const IS_TRUSTED = trustedStatementSql('s');
const rank = (status: keyof typeof STATUS_RANK) => STATUS_RANK[status];
/** SQL CASE from a rank back to its status name. */
const STATUS_OF_RANK = `CASE g.rank ${COMPLETION_STATUSES.map((status, index) => `WHEN ${index} THEN ${q(status)}`).join(' ')} END`;

/**
 * Completion per (actor, activity) from the trusted, non-voided statements with an ADL verb:
 * status is the best outcome seen (by STATUS_RANK; completed with success true counts as passed),
 * best score is the highest scaled score (or raw on min..max), attempts counts graded tries (passed
 * and failed), completion times come from the grader's statements.
 */
function completionSelect(source: string): string {
  return `
SELECT g.actor_key, g.object_id, g.user_id, ${STATUS_OF_RANK},
  CASE WHEN g.any_success THEN 1 WHEN g.any_failure THEN 0 END,
  g.best_score, g.attempts, g.first_completed, g.last_completed,
  (SELECT id FROM statements WHERE seq = g.last_seq),
  CASE WHEN g.by_grader THEN 'grader' ELSE 'imported-content' END, ?
FROM (
  SELECT s.actor_key, s.object_id, max(s.user_id) AS user_id,
    max(CASE WHEN s.verb = ${q(passed)} OR (s.verb = ${q(completed)} AND ${SUCCESS} = 1) THEN ${rank('passed')}
      WHEN s.verb = ${q(completed)} THEN ${rank('completed')} WHEN s.verb = ${q(failed)} THEN ${rank('failed')}
      ELSE ${rank('attempted')} END) AS rank,
    max(s.verb = ${q(passed)} OR ${SUCCESS} = 1) AS any_success,
    max(s.verb = ${q(failed)} OR ${SUCCESS} = 0) AS any_failure,
    max(coalesce(${SCORE('scaled')}, CASE WHEN ${SCORE('max')} IS NOT NULL AND ${SCORE('raw')} IS NOT NULL
      THEN (${SCORE('raw')} - coalesce(${SCORE('min')}, 0)) * 1.0 / (${SCORE('max')} - coalesce(${SCORE('min')}, 0)) END)) AS best_score,
    sum(s.verb IN (${q(passed)}, ${q(failed)})) AS attempts,
    min(CASE WHEN s.verb IN (${q(completed)}, ${q(passed)}) THEN s.timestamp END) AS first_completed,
    max(CASE WHEN s.verb IN (${q(completed)}, ${q(passed)}) THEN s.timestamp END) AS last_completed,
    max(s.seq) AS last_seq,
    max(${AUTHORITY('name')} = ${q(grader.account)}) AS by_grader
  FROM ${source}
  WHERE s.verb IN (${[attempted, completed, passed, failed].map(q).join(', ')})
    AND s.is_voided = 0 AND s.target_id IS NULL
    AND coalesce(json_extract(s.body, '$.object.objectType'), 'Activity') = 'Activity'
    AND ${IS_TRUSTED}
  GROUP BY s.actor_key, s.object_id
) g`;
}

const INSERT = `INSERT INTO completions (actor_key, activity_id, user_id, status, is_success, best_score,
  attempts, first_completed_at, last_completed_at, last_statement_id, reported_by, updated_at)`;

/** True when a statement with this verb can change a completion row. */
export function isCompletionVerb(verb: string): boolean {
  return Object.values(COMPLETION_VERBS).includes(verb as never);
}

const COLUMNS = [
  'user_id',
  'status',
  'is_success',
  'best_score',
  'attempts',
  'first_completed_at',
  'last_completed_at',
  'last_statement_id',
  'reported_by',
  'updated_at',
];

/**
 * Statements that recompute the completion rows of these (actorKey, activityId) pairs. An upsert
 * rewrites a row in place (its indexed columns do not move); a pair left with no statement after
 * voiding loses its row, which is only checked when something was voided.
 */
export function recomputeCompletions(
  pairs: [string, string][],
  now: number,
  hasVoided: boolean,
): InStatement[] {
  if (pairs.length === 0) return [];
  const json = JSON.stringify(pairs);
  const pairsTable = `json_each(?) p CROSS JOIN statements s
    ON s.actor_key = json_extract(p.value, '$[0]') AND s.object_id = json_extract(p.value, '$[1]')`;
  const upsert = `${INSERT} ${completionSelect(pairsTable)} WHERE true
    ON CONFLICT (actor_key, activity_id) DO UPDATE SET
    ${COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`;
  const statements: InStatement[] = [{ sql: upsert, args: [now, json] }];
  if (hasVoided) {
    statements.unshift({
      sql: `DELETE FROM completions WHERE (actor_key, activity_id) IN
        (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`,
      args: [json],
    });
  }
  return statements;
}

/** The statements that recompute every completion row from the record (for rebuild-completion). */
export function rebuildCompletionStatements(now: number): InStatement[] {
  return [
    'DELETE FROM completions',
    { sql: `${INSERT} ${completionSelect('statements s')}`, args: [now] },
  ];
}
