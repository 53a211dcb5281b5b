import { trustedStatementSql } from '../completion/derive.ts';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { statements } from '../../../../db/schema.ts';
import { VERBS, activityIds } from '../../shared/courses/activity-ids.ts';
import { actorKey, userAgent } from '../learning-record/actor-key.ts';

/** A learner's latest checked answer to a lab, as the learning record holds it. */
export interface LastLabCheck {
  query: string;
  isPassed: boolean;
  reason: string;
  /** ISO time of the check. */
  checkedAt: string;
}

interface StoredStatement {
  verb?: { id?: string };
  timestamp?: string;
  result?: { response?: string; success?: boolean };
}

/**
 * The learner's latest lab check: the answered statement carries the query, the passed or failed
 * statement right after it the verdict and its reason. Null when the learner has not checked yet.
 */
export async function findLastLabCheck(
  db: Database,
  origin: string,
  userId: string,
  courseSlug: string,
  lessonSlug: string,
): Promise<LastLabCheck | null> {
  const rows = await db
    .select({ body: statements.body })
    .from(statements)
    .where(
      and(
        eq(statements.actorKey, actorKey(userAgent(origin, userId)) ?? ''),
        eq(statements.objectId, activityIds.lab(origin, courseSlug, lessonSlug)),
        inArray(statements.verb, [VERBS.answered.id, VERBS.passed.id, VERBS.failed.id]),
        eq(statements.isVoided, false),
        // Only the grader's verdicts: a credential's or browser's claims are not the learner's result.
        sql.raw(trustedStatementSql('statements')),
      ),
    )
    .orderBy(desc(statements.seq))
    .limit(2);
  const [latest, before] = rows.map((row) => JSON.parse(row.body) as StoredStatement);
  if (!latest || !before || latest.verb?.id === VERBS.answered.id) return null;
  if (before.verb?.id !== VERBS.answered.id) return null;
  return {
    query: before.result?.response ?? '',
    isPassed: latest.verb?.id === VERBS.passed.id,
    reason: latest.result?.response ?? '',
    checkedAt: latest.timestamp ?? '',
  };
}
