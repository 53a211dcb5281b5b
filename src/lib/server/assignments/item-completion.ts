import { activityIds } from '../../courses/activity-ids.ts';
import type { Catalog } from '../courses/catalog.ts';

/** What can be assigned. */
export type ItemType = 'course' | 'track' | 'scenario';

/** A learner's completion of an assignable item. */
export interface ItemCompletion {
  lastCompletedAt: number | null;
  isInProgress: boolean;
  bestScore: number | null;
  statementId: string | null;
}

/** The minimal completion row shape the rules read. */
export interface CompletionLike {
  status: 'attempted' | 'completed' | 'passed' | 'failed';
  lastCompletedAt: number | null;
  bestScore: number | null;
  lastStatementId: string | null;
}

const isDone = (row: CompletionLike | undefined) =>
  Boolean(
    row && (row.status === 'completed' || row.status === 'passed') && row.lastCompletedAt !== null,
  );

/**
 * Completion of an item from a learner's completion rows (keyed by activity id): a course by its
 * course-level completion, a scenario by a pass, a track when every course in it is complete (dated
 * by the oldest of those completions, so a track lapses with its first lapsing course).
 */
export function itemCompletion(
  origin: string,
  catalog: Catalog,
  itemType: ItemType,
  itemId: string,
  rows: Map<string, CompletionLike>,
): ItemCompletion {
  if (itemType === 'track') {
    const courses = catalog.tracks.find((track) => track.slug === itemId)?.courses ?? [];
    const parts = courses.map((course) =>
      itemCompletion(origin, catalog, 'course', course.slug, rows),
    );
    const isAllDone = parts.length > 0 && parts.every((part) => part.lastCompletedAt !== null);
    return {
      lastCompletedAt: isAllDone
        ? Math.min(...parts.map((part) => part.lastCompletedAt ?? 0))
        : null,
      isInProgress: parts.some((part) => part.isInProgress || part.lastCompletedAt !== null),
      bestScore: null,
      statementId: null,
    };
  }
  const activity =
    itemType === 'course'
      ? activityIds.course(origin, itemId)
      : activityIds.scenario(origin, itemId);
  const row = rows.get(activity);
  const done = isDone(row);
  return {
    lastCompletedAt: done ? (row?.lastCompletedAt ?? null) : null,
    isInProgress: Boolean(row),
    bestScore: row?.bestScore ?? null,
    statementId: row?.lastStatementId ?? null,
  };
}

/** The title and page of an assignable item. */
export function describeItem(
  catalog: Catalog,
  itemType: ItemType,
  itemId: string,
): { title: string; href: string } {
  if (itemType === 'course') {
    return { title: catalog.courses.get(itemId)?.data.title ?? itemId, href: `/courses/${itemId}` };
  }
  if (itemType === 'track') {
    return {
      title: catalog.tracks.find((track) => track.slug === itemId)?.data.title ?? itemId,
      href: `/tracks/${itemId}`,
    };
  }
  return { title: `Simulation: ${itemId}`, href: `/sims/${itemId}` };
}
