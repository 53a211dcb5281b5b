import type { InStatement } from '@libsql/client';
import type { Database } from '../../../../db/client.ts';
import { withWriteLock } from './write-lock.ts';

const ADL = 'http://adlnet.gov/expapi/verbs/';
/** The ADL verbs that move completion. */
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

/**
 * Completion per (actor, activity) from the non-voided statements with an ADL verb:
 * status is the best outcome seen (passed > completed > failed > attempted; completed with
 * success true counts as passed), best score is the highest scaled score (or raw on min..max),
 * attempts counts graded tries (passed and failed), completion times come from statement timestamps.
 */
function completionSelect(source: string): string {
  return `
SELECT g.actor_key, g.object_id, g.user_id,
  CASE g.rank WHEN 4 THEN 'passed' WHEN 3 THEN 'completed' WHEN 2 THEN 'failed' ELSE 'attempted' END,
  CASE WHEN g.any_success THEN 1 WHEN g.any_failure THEN 0 END,
  g.best_score, g.attempts, g.first_completed, g.last_completed,
  (SELECT id FROM statements WHERE seq = g.last_seq), ?
FROM (
  SELECT s.actor_key, s.object_id, max(s.user_id) AS user_id,
    max(CASE WHEN s.verb = ${q(passed)} OR (s.verb = ${q(completed)} AND ${SUCCESS} = 1) THEN 4
      WHEN s.verb = ${q(completed)} THEN 3 WHEN s.verb = ${q(failed)} THEN 2 ELSE 1 END) AS rank,
    max(s.verb = ${q(passed)} OR ${SUCCESS} = 1) AS any_success,
    max(s.verb = ${q(failed)} OR ${SUCCESS} = 0) AS any_failure,
    max(coalesce(${SCORE('scaled')}, CASE WHEN ${SCORE('max')} IS NOT NULL AND ${SCORE('raw')} IS NOT NULL
      THEN (${SCORE('raw')} - coalesce(${SCORE('min')}, 0)) * 1.0 / (${SCORE('max')} - coalesce(${SCORE('min')}, 0)) END)) AS best_score,
    sum(s.verb IN (${q(passed)}, ${q(failed)})) AS attempts,
    min(CASE WHEN s.verb IN (${q(completed)}, ${q(passed)}) THEN s.timestamp END) AS first_completed,
    max(CASE WHEN s.verb IN (${q(completed)}, ${q(passed)}) THEN s.timestamp END) AS last_completed,
    max(s.seq) AS last_seq
  FROM ${source}
  WHERE s.verb IN (${[attempted, completed, passed, failed].map(q).join(', ')})
    AND s.is_voided = 0 AND s.target_id IS NULL
    AND coalesce(json_extract(s.body, '$.object.objectType'), 'Activity') = 'Activity'
  GROUP BY s.actor_key, s.object_id
) g`;
}

const INSERT = `INSERT INTO completions (actor_key, activity_id, user_id, status, is_success, best_score,
  attempts, first_completed_at, last_completed_at, last_statement_id, updated_at)`;

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

/** Recomputes every completion row from the statements (`switchyard rebuild-completion`). */
export async function rebuildCompletions(db: Database, now: number): Promise<number> {
  return withWriteLock(db, async () => {
    const results = await db.$client.batch(
      [
        'DELETE FROM completions',
        { sql: `${INSERT} ${completionSelect('statements s')}`, args: [now] },
        'SELECT count(*) AS n FROM completions',
      ],
      'write',
    );
    return Number(results[2]?.rows[0]?.['n'] ?? 0);
  });
}
