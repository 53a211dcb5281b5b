import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { simAttempts } from '../../../../db/schema.ts';
import { MAX_LOG_ACTIONS, replay, type ReplaySuccess } from '../../../sim/index.ts';
import type { VerifiedAttempt } from '../../../sim/verified-attempt.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../shared/courses/activity-ids.ts';
import { users } from '../../../../db/schema.ts';
import { now } from '../clock.ts';
import { recordGrading, type Learner } from '../completion/grading.ts';
import type { CourseRequirements } from '../completion/requirements.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { derivedUuid, isoDuration } from '../learning-record/derived-values.ts';
import { findScenario, type SimCatalog } from '../../content/simulation-catalog.ts';
import { scaledScore } from '../../shared/score.ts';

/** How far ahead of the server's clock a browser's clock may run before its claims are refused. */
const CLOCK_SKEW_MS = 60_000;

/** Most bytes an attempt upload may carry (2,000 actions of a few hundred bytes each). */
export const SIM_ATTEMPT_BODY_LIMIT = 1_000_000;

/** What a browser sends at the end of an attempt: its action log, never a score (extra fields are dropped). */
export const AttemptSubmissionSchema = z.object({
  /** Client-chosen id so a retried upload (e.g. from the offline queue) stores the attempt once. */
  attemptId: z.uuid({ message: 'attemptId must be a UUID' }),
  /** ISO time the attempt started by the browser's clock: kept as a claim, never used as a graded time. */
  startedAt: z.iso.datetime({ offset: true, message: 'startedAt must be an ISO 8601 date-time' }),
  /** The ordered action log: `{ at, action }` entries, validated by the engine's replay. */
  actions: z
    .array(z.unknown())
    .max(MAX_LOG_ACTIONS, `an attempt may hold at most ${MAX_LOG_ACTIONS} actions`),
});

export type AttemptSubmission = z.output<typeof AttemptSubmissionSchema>;

export type SubmitAttemptResult =
  | { ok: true; attempt: VerifiedAttempt; isNew: boolean }
  | { ok: false; status: 400 | 404 | 409 | 503; message: string };

/** Why the browser's claimed start cannot be true by the server's clock, or null. */
async function implausibleClaim(
  db: Database,
  learnerId: string,
  submission: AttemptSubmission,
  at: number,
): Promise<string | null> {
  const startedAt = Date.parse(submission.startedAt);
  if (startedAt > at + CLOCK_SKEW_MS) {
    return `startedAt ${submission.startedAt} is in the future by the server's clock (${new Date(at).toISOString()}); check the device's date and time, then send the attempt again.`;
  }
  const [account] = await db
    .select({ createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, learnerId));
  if (account && startedAt < account.createdAt - CLOCK_SKEW_MS) {
    return `startedAt ${submission.startedAt} is before this account existed (${new Date(account.createdAt).toISOString()}); check the device's date and time, then send the attempt again.`;
  }
  return null;
}

/**
 * Replays an attempt's log on the server and records the verified result through the grading
 * transaction (attempted, then passed or failed with score), with the attempt row and any course it
 * completes. Times are the server's; the browser's start and duration stay in the statement as
 * claims. Resubmitting the same attempt id returns the stored result without writing again.
 * `content` is the catalogue the attempt is graded against: its scenarios, and the courses a pass
 * may complete.
 */
export async function submitAttempt(
  db: Database,
  learner: Learner,
  scenarioId: string,
  submission: AttemptSubmission,
  content: { simulations: SimCatalog; courses: Iterable<CourseRequirements> },
): Promise<SubmitAttemptResult> {
  const found = findScenario(content.simulations, scenarioId);
  if (!found)
    return { ok: false, status: 404, message: `There is no simulation scenario "${scenarioId}".` };
  if (found.scenario.exercise !== undefined)
    return {
      ok: false,
      status: 409,
      message: `"${found.scenario.title}" is a joint exercise: it is run together from /exercises, not alone.`,
    };
  const [existing] = await db
    .select()
    .from(simAttempts)
    .where(eq(simAttempts.id, submission.attemptId));
  if (existing) {
    if (existing.userId !== learner.id || existing.scenarioId !== scenarioId) {
      return {
        ok: false,
        status: 409,
        message: 'That attempt id is already used by another attempt.',
      };
    }
    return { ok: true, isNew: false, attempt: toVerified(existing) };
  }
  const result = replay(found.substation, found.scenario, submission.actions);
  if (!result.ok) {
    const where = result.index === undefined ? '' : ` (action ${result.index + 1})`;
    return {
      ok: false,
      status: 400,
      message: `The action log does not replay${where}: ${result.reason}`,
    };
  }
  const at = now();
  const refusal = await implausibleClaim(db, learner.id, submission, at);
  if (refusal) return { ok: false, status: 400, message: refusal };
  const base = recordBase(db);
  const object = {
    objectType: 'Activity' as const,
    id: activityIds.scenario(base, scenarioId),
    definition: { type: ACTIVITY_TYPES.simulation, name: { 'en-US': found.scenario.title } },
  };
  const context = {
    registration: submission.attemptId,
    extensions: { [`${base}/xapi/extensions/claimed-start`]: submission.startedAt },
  };
  const scaled = scaledScore(result.score, result.maxScore);
  const attemptRow = db
    .insert(simAttempts)
    .values({
      id: submission.attemptId,
      userId: learner.id,
      scenarioId,
      actions: JSON.stringify(submission.actions),
      score: result.score,
      maxScore: result.maxScore,
      isPassed: result.passed,
      durationMs: result.durationMs,
      result: JSON.stringify(result),
      createdAt: at,
    })
    .onConflictDoNothing()
    .toSQL();
  const recorded = await recordGrading(db, {
    learner,
    now: at,
    courses: content.courses,
    alsoWrite: [{ sql: attemptRow.sql, args: attemptRow.params as never }],
    statements: [
      {
        id: derivedUuid(`${submission.attemptId}:attempted`),
        verb: VERBS.attempted,
        object,
        context,
      },
      {
        id: derivedUuid(`${submission.attemptId}:outcome`),
        verb: result.passed ? VERBS.passed : VERBS.failed,
        object,
        context,
        result: {
          score: {
            scaled: Math.max(0, Math.min(1, scaled)),
            raw: result.score,
            min: 0,
            max: result.maxScore,
          },
          success: result.passed,
          completion: true,
          // The browser's claim, from its action log's times.
          duration: isoDuration(result.durationMs),
        },
      },
    ],
  });
  if (!recorded.ok) {
    return { ok: false, status: recorded.reason === 'busy' ? 503 : 400, message: recorded.message };
  }
  return {
    ok: true,
    isNew: true,
    attempt: {
      attemptId: submission.attemptId,
      scenarioId,
      passed: result.passed,
      score: result.score,
      maxScore: result.maxScore,
      durationMs: result.durationMs,
      result,
    },
  };
}

function toVerified(row: typeof simAttempts.$inferSelect): VerifiedAttempt {
  return {
    attemptId: row.id,
    scenarioId: row.scenarioId,
    passed: row.isPassed,
    score: row.score,
    maxScore: row.maxScore,
    durationMs: row.durationMs,
    result: JSON.parse(row.result) as ReplaySuccess,
  };
}

/** A learner's best attempt per scenario (highest score, passed first). */
export async function bestAttempts(
  db: Database,
  userId: string,
): Promise<Map<string, VerifiedAttempt>> {
  const rows = await db
    .select()
    .from(simAttempts)
    .where(eq(simAttempts.userId, userId))
    .orderBy(desc(simAttempts.isPassed), desc(simAttempts.score));
  const best = new Map<string, VerifiedAttempt>();
  for (const row of rows) if (!best.has(row.scenarioId)) best.set(row.scenarioId, toVerified(row));
  return best;
}

/** A learner's attempts at one scenario, newest first. */
export async function listAttempts(
  db: Database,
  userId: string,
  scenarioId: string,
): Promise<VerifiedAttempt[]> {
  const rows = await db
    .select()
    .from(simAttempts)
    .where(and(eq(simAttempts.userId, userId), eq(simAttempts.scenarioId, scenarioId)))
    .orderBy(desc(simAttempts.createdAt))
    .limit(20);
  return rows.map(toVerified);
}
