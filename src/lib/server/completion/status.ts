/**
 * The completion status of one learner on one activity, and what each status means. This module is
 * the only place that ranks statuses or says what "done" and "passed" are: progress pages, /learn,
 * the team matrix and its CSVs, transcripts, cross-skill coverage and certificates all read it.
 */

/** Every completion status, worst first: the index is the rank. */
export const COMPLETION_STATUSES = ['attempted', 'failed', 'completed', 'passed'] as const;

/** What a completion row says about an activity. */
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];

/** The rank of a status: a higher rank is a better outcome (passed > completed > failed > attempted). */
export const STATUS_RANK: Readonly<Record<CompletionStatus, number>> = Object.freeze(
  Object.fromEntries(COMPLETION_STATUSES.map((status, rank) => [status, rank])) as Record<
    CompletionStatus,
    number
  >,
);

/** The minimal completion row the rules read. */
export interface CompletionLike {
  status: CompletionStatus;
  lastCompletedAt: number | null;
  bestScore: number | null;
  lastStatementId: string | null;
}

/** True when the status finishes an activity: completed or passed (a fail or a start does not). */
export function isDoneStatus(status: CompletionStatus | null | undefined): boolean {
  return status === 'completed' || status === 'passed';
}

/** Done: completed or passed, with the date a grader recorded it. */
export function isDone(
  row: Pick<CompletionLike, 'status' | 'lastCompletedAt'> | undefined,
): boolean {
  return Boolean(row && isDoneStatus(row.status) && row.lastCompletedAt !== null);
}

/**
 * Passed: a grader's pass verdict, with a best score (scaled 0..1) at or above `passingScore`
 * percent when the row carries a score. A plain "completed" is never a pass.
 */
export function isPassed(
  row: Pick<CompletionLike, 'status' | 'bestScore'> | undefined,
  passingScore = 0,
): boolean {
  return Boolean(
    row &&
    row.status === 'passed' &&
    (row.bestScore === null || row.bestScore * 100 >= passingScore - 1e-9),
  );
}

/** The better of two rows of one activity (several actors can name one learner): rank, then later completion. */
export function betterCompletion<T extends Pick<CompletionLike, 'status' | 'lastCompletedAt'>>(
  a: T | undefined,
  b: T,
): T {
  if (!a) return b;
  const byRank = STATUS_RANK[b.status] - STATUS_RANK[a.status];
  if (byRank !== 0) return byRank > 0 ? b : a;
  return (b.lastCompletedAt ?? 0) > (a.lastCompletedAt ?? 0) ? b : a;
}

/** Rows of one learner keyed by activity, the better row kept where several actors name them. */
export function bestRowsByActivity<
  T extends { activityId: string } & Pick<CompletionLike, 'status' | 'lastCompletedAt'>,
>(rows: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) map.set(row.activityId, betterCompletion(map.get(row.activityId), row));
  return map;
}
