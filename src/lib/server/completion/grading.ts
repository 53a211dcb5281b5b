import type { InStatement, Transaction } from '@libsql/client';
import type { Database } from '../../../../db/client.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../shared/courses/activity-ids.ts';
import { now as clockNow } from '../clock.ts';
import { getConfig } from '../config.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { prepareStatement, type PreparedStatement } from '../learning-record/prepare.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { parseStatements } from '../learning-record/validate.ts';
import { writeGroup } from '../learning-record/write-batch.ts';
import { withWriteLock } from '../learning-record/write-lock.ts';
import {
  certificateClaim,
  certificateExtension,
  certificatesFromStatements,
  latestCertificateIn,
  type CertificateClaim,
} from './certificates.ts';
import {
  computeCourseProgress,
  courseActivityIds,
  courseScore,
  type CourseRequirements,
} from './requirements.ts';
import { bestRowsByActivity, type CompletionStatus } from './status.ts';
import { switchyardAuthority, type ReportedBy } from './trust.ts';

/**
 * The one way graded state enters Switchyard. A grader (knowledge checks, labs, simulations, joint
 * exercises, cmi5 imports) calls recordGrading with the statements of its verdict; in ONE write
 * transaction the server
 *   1. stores them under Switchyard's own authority, stamped with the server's clock,
 *   2. derives the learner's completion rows from them (see derive.ts),
 *   3. completes every course of `courses` that the verdict finished, with its certificate
 *      (a course-completion statement carrying the certificate, and the certificate row read from it),
 *   4. runs the caller's own `alsoWrite` SQL (its attempt rows).
 * Either all of it is written or none. A retried submission (same statement ids) writes nothing again.
 */

/** The learner a server-side statement is about. */
export interface Learner {
  id: string;
  displayName: string;
}

/** A statement a grader decided, without actor, timestamp or authority: the server sets those. */
export interface StatementDraft {
  /** A stable id makes a retried submission a no-op; a random one is chosen when absent. */
  id?: string;
  verb: { id: string; display: Record<string, string> };
  object: {
    objectType?: 'Activity';
    id: string;
    definition?: {
      type?: string;
      name?: Record<string, string>;
      description?: Record<string, string>;
    };
  };
  result?: {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: boolean;
    completion?: boolean;
    response?: string;
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context?: {
    registration?: string;
    contextActivities?: {
      parent?: { id: string }[];
      grouping?: { id: string }[];
      category?: { id: string }[];
    };
    /** The team the learner worked in (a joint exercise's participants), and who instructed. */
    team?: { objectType: 'Group'; name?: string; member: object[] };
    instructor?: object;
    /** Client claims (a claimed start time, say) are kept here, never used as graded times. */
    extensions?: Record<string, unknown>;
  };
}

/** What a grader hands to recordGrading. */
export interface GradingInput {
  learner: Learner;
  /** The verdict's statements, in order. */
  statements: readonly StatementDraft[];
  /** The catalogue's courses (requirements only): those the verdict may complete. None for plain events. */
  courses?: Iterable<CourseRequirements>;
  /** Who reports the verdict; imported (cmi5) content is marked as such wherever it is shown. */
  reportedBy?: ReportedBy;
  /** The caller's own rows, written in the same transaction (e.g. the attempt the verdict grades). */
  alsoWrite?: readonly InStatement[];
  /** Organisation time zone for certificate days; default ORG_TIME_ZONE. */
  timeZone?: string;
  /** Server clock override for tests; default the server's clock. */
  now?: number;
}

/** A course the verdict completed, with the certificate issued on it (null while one is still valid). */
export interface CourseCompletion {
  courseId: string;
  statementId: string;
  certificate: CertificateClaim | null;
}

/** The outcome: the statements' ids, or why nothing was written. */
export type GradingResult =
  | {
      ok: true;
      statementIds: string[];
      /** True when every statement was already stored (a retry): nothing was written. */
      isReplay: boolean;
      completedCourses: CourseCompletion[];
    }
  | { ok: false; reason: 'invalid' | 'conflict' | 'busy'; message: string };

const MAX_BUSY_RETRIES = 5;

function isBusy(error: unknown): boolean {
  const text =
    error instanceof Error ? `${(error as { code?: string }).code} ${error.message}` : '';
  // A certificate another process issued between our read and write is refused by its unique index;
  // the retry then sees it and issues none.
  return /SQLITE_BUSY|database is locked|UNIQUE constraint failed: certificates/i.test(text);
}

interface Prepared {
  base: string;
  learner: Learner;
  reportedBy: ReportedBy;
  at: number;
  timeZone: string;
}

function prepare(
  context: Prepared,
  drafts: readonly StatementDraft[],
): PreparedStatement[] | string {
  const actor = userAgent(context.base, context.learner.id, context.learner.displayName);
  const timestamp = new Date(context.at).toISOString();
  const parsed = parseStatements(
    drafts.map((draft) => ({ ...draft, id: draft.id ?? crypto.randomUUID(), actor, timestamp })),
    '1.0.3',
  );
  if (!parsed.ok) return parsed.message;
  const authority = switchyardAuthority(context.base, context.reportedBy);
  return parsed.statements.map((statement) =>
    prepareStatement(statement, { authority, version: '1.0.3', siteOrigin: context.base }),
  );
}

async function completionRowsIn(tx: Transaction, userId: string, ids: string[]) {
  const result = await tx.execute({
    sql: `SELECT activity_id, status, best_score, attempts, last_completed_at FROM completions
      WHERE user_id = ? AND activity_id IN (SELECT value FROM json_each(?))`,
    args: [userId, JSON.stringify(ids)],
  });
  return bestRowsByActivity(
    result.rows.map((row) => ({
      activityId: String(row['activity_id']),
      status: String(row['status']) as CompletionStatus,
      bestScore: row['best_score'] === null ? null : Number(row['best_score']),
      attempts: Number(row['attempts']),
      lastCompletedAt: row['last_completed_at'] === null ? null : Number(row['last_completed_at']),
    })),
  );
}

/** Completes one course in the open transaction when its requirements are met and no certificate is valid. */
async function completeCourseIn(
  tx: Transaction,
  context: Prepared,
  course: CourseRequirements,
): Promise<CourseCompletion | null> {
  const { base, learner, at } = context;
  // A course completed by its own verb (see coursesTouched) has no Switchyard requirements to read.
  const progress = course.completedByVerb
    ? null
    : computeCourseProgress(
        base,
        course,
        await completionRowsIn(tx, learner.id, courseActivityIds(base, course)),
      );
  if (progress && !progress.isComplete) return null;
  const latest = await latestCertificateIn(tx, learner.id, course.slug);
  if (latest && (latest.expiresAt === null || latest.expiresAt > at)) return null;
  const claim = certificateClaim({
    issuedAt: at,
    issueNumber: (latest?.issueNumber ?? 0) + 1,
    holderName: learner.displayName,
    course: course.data,
    timeZone: context.timeZone,
  });
  const statementId = crypto.randomUUID();
  const prepared = prepare(context, [
    {
      id: statementId,
      verb: VERBS.completed,
      object: {
        objectType: 'Activity',
        id: activityIds.course(base, course.slug),
        definition: { type: ACTIVITY_TYPES.course, name: { 'en-US': course.data.title } },
      },
      result: {
        completion: true,
        success: true,
        ...(progress ? { score: { scaled: courseScore(progress) } } : {}),
        extensions: { [certificateExtension(base)]: claim },
      },
    },
  ]);
  if (typeof prepared === 'string') throw new Error(`course completion refused: ${prepared}`);
  await writeGroup(tx, [prepared], at);
  await tx.execute(certificatesFromStatements(base, 's.id = ?', [statementId]));
  return { courseId: course.slug, statementId, certificate: claim };
}

/**
 * The courses whose requirements name one of these activities (never by the course's own id), and
 * those completed by their own verb that a statement of the verdict sends about the course itself.
 */
function coursesTouched(
  base: string,
  courses: Iterable<CourseRequirements>,
  prepared: readonly PreparedStatement[],
) {
  const objects = new Set(prepared.map((p) => p.objectId));
  return [...courses].filter((course) => {
    if (course.completedByVerb) {
      const id = activityIds.course(base, course.slug);
      return prepared.some((p) => p.objectId === id && p.verb === course.completedByVerb);
    }
    return courseActivityIds(base, course)
      .slice(1)
      .some((id) => objects.has(id));
  });
}

async function attempt(
  db: Database,
  input: GradingInput,
  context: Prepared,
): Promise<GradingResult> {
  const prepared = prepare(context, input.statements);
  if (typeof prepared === 'string') return { ok: false, reason: 'invalid', message: prepared };
  const tx = await db.$client.transaction('write');
  try {
    const [outcome] = await writeGroup(tx, [prepared], context.at);
    if (!outcome?.ok) {
      return outcome ?? { ok: false, reason: 'invalid', message: 'nothing to record' };
    }
    if (outcome.storedCount === 0) {
      return { ok: true, statementIds: outcome.ids, isReplay: true, completedCourses: [] };
    }
    if (input.alsoWrite?.length) await tx.batch([...input.alsoWrite]);
    const completedCourses: CourseCompletion[] = [];
    for (const course of coursesTouched(context.base, input.courses ?? [], prepared)) {
      const completion = await completeCourseIn(tx, context, course);
      if (completion) completedCourses.push(completion);
    }
    await tx.commit();
    return { ok: true, statementIds: outcome.ids, isReplay: false, completedCourses };
  } finally {
    tx.close();
  }
}

/**
 * Records a grader's verdict about a learner and derives completion and certificates from it, all
 * in one transaction (see the module comment). Safe to call from several server processes at once:
 * the write transaction serialises them, and a unique index on certificates refuses a second one.
 */
export async function recordGrading(db: Database, input: GradingInput): Promise<GradingResult> {
  const context: Prepared = {
    base: recordBase(db),
    learner: input.learner,
    reportedBy: input.reportedBy ?? 'grader',
    at: input.now ?? clockNow(),
    timeZone: input.timeZone ?? getConfig().ORG_TIME_ZONE,
  };
  for (let tries = 0; ; tries += 1) {
    try {
      return await withWriteLock(db, () => attempt(db, input, context));
    } catch (error) {
      if (!isBusy(error) || tries >= MAX_BUSY_RETRIES) {
        if (isBusy(error)) {
          return {
            ok: false,
            reason: 'busy',
            message: 'The learning record is busy with another writer; retry in a moment.',
          };
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * (tries + 1)));
    }
  }
}
