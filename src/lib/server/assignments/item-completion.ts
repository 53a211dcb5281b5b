import type { ResolvedItem } from './item-catalog.ts';

/** A learner's completion of an assignable item. */
export interface ItemCompletion {
  /** When the item was last completed, or null when it is not (yet) complete. */
  lastCompletedAt: number | null;
  isInProgress: boolean;
  /** Best scaled score (0..1); for a track, the mean of its courses' best scores. */
  bestScore: number | null;
  /** The statements behind the completion (for a track, one per course). */
  statementIds: readonly string[];
}

/** The minimal completion row shape the rules read. */
export interface CompletionLike {
  status: 'attempted' | 'completed' | 'passed' | 'failed';
  lastCompletedAt: number | null;
  bestScore: number | null;
  lastStatementId: string | null;
}

const NONE: readonly string[] = Object.freeze([]);

const RANK = { attempted: 0, failed: 1, completed: 2, passed: 3 } as const;

/** The better of two completion rows of the same activity (several actors can name one learner). */
export function betterCompletion<T extends CompletionLike>(a: T | undefined, b: T): T {
  if (!a) return b;
  const byRank = RANK[b.status] - RANK[a.status];
  if (byRank !== 0) return byRank > 0 ? b : a;
  return (b.lastCompletedAt ?? 0) > (a.lastCompletedAt ?? 0) ? b : a;
}

const isDone = (row: CompletionLike | undefined): row is CompletionLike =>
  Boolean(
    row && (row.status === 'completed' || row.status === 'passed') && row.lastCompletedAt !== null,
  );

/**
 * Completion of an item from the learner's completion rows: a course by its course-level completion,
 * a scenario by its completion or pass, a track when every course in it is complete (dated by the
 * oldest of those completions, so a track lapses with its first lapsing course).
 */
export function completionOfItem(
  item: Pick<ResolvedItem, 'type' | 'activityIds'>,
  lookup: (activityId: string) => CompletionLike | undefined,
): ItemCompletion {
  if (item.type !== 'track') {
    const row = lookup(item.activityIds[0] ?? '');
    const done = isDone(row);
    return {
      lastCompletedAt: done ? row.lastCompletedAt : null,
      isInProgress: Boolean(row),
      bestScore: row?.bestScore ?? null,
      statementIds: done && row.lastStatementId ? [row.lastStatementId] : NONE,
    };
  }
  const rows = item.activityIds.map(lookup);
  const isAllDone = rows.length > 0 && rows.every(isDone);
  const scores = rows.flatMap((row) => (row?.bestScore != null ? [row.bestScore] : []));
  return {
    lastCompletedAt: isAllDone ? Math.min(...rows.map((row) => row?.lastCompletedAt ?? 0)) : null,
    isInProgress: rows.some(Boolean),
    bestScore:
      isAllDone && scores.length === rows.length
        ? scores.reduce((sum, score) => sum + score, 0) / scores.length
        : null,
    statementIds: isAllDone
      ? rows.flatMap((row) => (row?.lastStatementId ? [row.lastStatementId] : []))
      : NONE,
  };
}
