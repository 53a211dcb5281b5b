import type { ResolvedItem } from '../assignments/item-catalog.ts';
import { isDoneStatus, type CompletionLike } from './status.ts';

export type { CompletionLike } from './status.ts';

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

const NONE: readonly string[] = Object.freeze([]);
const NOTHING: ItemCompletion = Object.freeze({
  lastCompletedAt: null,
  isInProgress: false,
  bestScore: null,
  statementIds: NONE,
});

/**
 * Reads completion rows by key (an activity id, or a cell of a report's grid) without asking for an
 * object per row: reports apply the rules below to hundreds of thousands of cells.
 */
export interface CompletionReader<K> {
  /** The row's status, or null when the learner has no row for the key. */
  status(key: K): CompletionLike['status'] | null;
  lastCompletedAt(key: K): number | null;
  bestScore(key: K): number | null;
  lastStatementId(key: K): string | null;
}

/** A reader over completion rows looked up by activity id. */
export function rowReader(
  lookup: (activityId: string) => CompletionLike | undefined,
): CompletionReader<string> {
  return {
    status: (key) => lookup(key)?.status ?? null,
    lastCompletedAt: (key) => lookup(key)?.lastCompletedAt ?? null,
    bestScore: (key) => lookup(key)?.bestScore ?? null,
    lastStatementId: (key) => lookup(key)?.lastStatementId ?? null,
  };
}

/** isDone (status.ts) read through a reader. */
function isDone<K>(reader: CompletionReader<K>, key: K): boolean {
  return isDoneStatus(reader.status(key)) && reader.lastCompletedAt(key) !== null;
}

/** An ItemCompletion that reports fill in place (see itemCompletionInto). */
export type MutableItemCompletion = { -readonly [K in keyof ItemCompletion]: ItemCompletion[K] };

/** A fresh, empty completion to fill with itemCompletionInto. */
export function emptyItemCompletion(): MutableItemCompletion {
  return { ...NOTHING };
}

/**
 * Completion of an item from the learner's completion rows: a course by its course-level completion,
 * a scenario by its completion or pass, a track when every course in it is complete (dated by the
 * oldest of those completions, so a track lapses with its first lapsing course). `keys` are the
 * item's activities (one, or a track's courses in order) as the reader names them.
 */
export function itemCompletion<K>(
  isTrack: boolean,
  keys: readonly K[],
  reader: CompletionReader<K>,
): ItemCompletion {
  return itemCompletionInto(isTrack, keys, reader, emptyItemCompletion());
}

/**
 * itemCompletion written into `out`, which it returns: a report that reads hundreds of thousands
 * of cells fills one object instead of making one per cell.
 */
export function itemCompletionInto<K>(
  isTrack: boolean,
  keys: readonly K[],
  reader: CompletionReader<K>,
  out: MutableItemCompletion,
): MutableItemCompletion {
  if (!isTrack) {
    const key = keys[0];
    if (key === undefined) return fill(out, null, false, null, NONE);
    const done = isDone(reader, key);
    const statementId = done ? reader.lastStatementId(key) : null;
    return fill(
      out,
      done ? reader.lastCompletedAt(key) : null,
      reader.status(key) !== null,
      reader.bestScore(key),
      statementId ? [statementId] : NONE,
    );
  }
  const isAllDone = keys.length > 0 && keys.every((key) => isDone(reader, key));
  if (!isAllDone) {
    const isInProgress = keys.some((key) => reader.status(key) !== null);
    return fill(out, null, isInProgress, null, NONE);
  }
  const scores = keys.map((key) => reader.bestScore(key));
  const isAllScored = scores.every((score) => score !== null);
  return fill(
    out,
    Math.min(...keys.map((key) => reader.lastCompletedAt(key) ?? 0)),
    true,
    isAllScored
      ? scores.reduce<number>((sum, score) => sum + (score ?? 0), 0) / scores.length
      : null,
    keys.flatMap((key) => reader.lastStatementId(key) ?? []),
  );
}

function fill(
  out: MutableItemCompletion,
  lastCompletedAt: number | null,
  isInProgress: boolean,
  bestScore: number | null,
  statementIds: readonly string[],
): MutableItemCompletion {
  out.lastCompletedAt = lastCompletedAt;
  out.isInProgress = isInProgress;
  out.bestScore = bestScore;
  out.statementIds = statementIds;
  return out;
}

/** Completion of a resolved item from rows looked up by activity id (see itemCompletion). */
export function completionOfItem(
  item: Pick<ResolvedItem, 'type' | 'activityIds'>,
  lookup: (activityId: string) => CompletionLike | undefined,
): ItemCompletion {
  return itemCompletion(item.type === 'track', item.activityIds, rowReader(lookup));
}
