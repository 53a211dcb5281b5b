import { and, eq, gte, lt, max, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { statements } from '../../../../db/schema.ts';
import { actorKey, userAgent } from '../learning-record/actor-key.ts';

/** The learning record's sequence number of a learner's latest statement about each course activity. */
export type Touches = Map<string, number>;

/**
 * When a learner last touched each course activity (opened a lesson, answered a check, ran a lab),
 * from their own statements under `<origin>/courses/`, optionally under one course only. Statements
 * another system sent with an xAPI credential do not steer the learner's own pages.
 */
export async function lastTouches(
  db: Database,
  origin: string,
  userId: string,
  courseSlug?: string,
): Promise<Touches> {
  const key = actorKey(userAgent(origin, userId));
  if (!key) return new Map();
  const prefix = courseSlug ? `${origin}/courses/${courseSlug}/` : `${origin}/courses/`;
  // Every id with the prefix sorts at or after it and before the prefix with its last "/" as "0".
  const end = `${prefix.slice(0, -1)}0`;
  const rows = await db
    .select({ objectId: statements.objectId, seq: max(statements.seq) })
    .from(statements)
    .where(
      and(
        eq(statements.actorKey, key),
        gte(statements.objectId, prefix),
        lt(statements.objectId, end),
        eq(statements.isVoided, false),
        sql`coalesce(json_extract(${statements.body}, '$.authority.account.homePage'), '') NOT LIKE '%/xapi/credentials'`,
      ),
    )
    .groupBy(statements.objectId);
  return new Map(rows.map((row) => [row.objectId, row.seq ?? 0]));
}

/** The course slug of a course activity id (`<origin>/courses/<course>[/...]`), or null. */
export function courseOfActivity(origin: string, activityId: string): string | null {
  const prefix = `${origin}/courses/`;
  if (!activityId.startsWith(prefix)) return null;
  const slug = activityId.slice(prefix.length).split(/[/#]/)[0];
  return slug || null;
}

/** Course slugs the learner touched, most recent first. */
export function coursesByRecency(origin: string, touches: Touches): string[] {
  const latest = new Map<string, number>();
  for (const [activityId, seq] of touches) {
    const slug = courseOfActivity(origin, activityId);
    if (slug && seq > (latest.get(slug) ?? -1)) latest.set(slug, seq);
  }
  return [...latest].sort((a, b) => b[1] - a[1]).map(([slug]) => slug);
}

/** Lesson slugs of one course the learner touched (the lesson, its check or its lab). */
export function touchedLessons(origin: string, courseSlug: string, touches: Touches): Set<string> {
  const prefix = `${origin}/courses/${courseSlug}/`;
  const slugs = new Set<string>();
  for (const activityId of touches.keys()) {
    if (!activityId.startsWith(prefix)) continue;
    const slug = activityId.slice(prefix.length).split('#')[0];
    if (slug) slugs.add(slug);
  }
  return slugs;
}
