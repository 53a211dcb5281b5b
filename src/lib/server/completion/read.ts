import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { completions } from '../../../../db/schema.ts';
import {
  computeCourseProgress,
  courseActivityIds,
  type CourseProgress,
  type CourseRequirements,
} from './requirements.ts';
import { bestRowsByActivity } from './status.ts';

/** A completion row as stored. */
export type CompletionRow = typeof completions.$inferSelect;

/**
 * A learner's completion rows keyed by activity id (the better row where several actors name the
 * learner); all of them, or only those of some activities.
 */
export async function learnerCompletions(
  db: Database,
  userId: string,
  activityIdList?: readonly string[],
): Promise<Map<string, CompletionRow>> {
  if (activityIdList && activityIdList.length === 0) return new Map();
  const rows = await db
    .select()
    .from(completions)
    .where(
      activityIdList
        ? and(eq(completions.userId, userId), inArray(completions.activityId, [...activityIdList]))
        : eq(completions.userId, userId),
    );
  return bestRowsByActivity(rows);
}

/** A learner's progress on a course, in one query. */
export async function getCourseProgress(
  db: Database,
  base: string,
  userId: string,
  course: CourseRequirements,
): Promise<CourseProgress> {
  const rows = await learnerCompletions(db, userId, courseActivityIds(base, course));
  return computeCourseProgress(base, course, rows);
}
