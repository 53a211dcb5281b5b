import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { certificates, completions, users } from '../../../../db/schema.ts';
import { VERBS } from '../../shared/courses/activity-ids.ts';
import { formatDate } from '../../shared/assignments/status.ts';
import { actorKey, userAgent } from '../learning-record/actor-key.ts';
import type { ItemCatalog } from '../assignments/item-catalog.ts';
import { certificateIssuedOn, certificateValidUntil } from '../certificates/certificate.ts';
import { betterCompletion, isDone, isDoneStatus } from '../completion/status.ts';
import { trustedStatementSql } from '../completion/derive.ts';
import { learnerAssignments, type LearnerAssignment } from '../assignments/learner-status.ts';
import type { ReportContext } from './matrix.ts';

/** What an activity id names, under the deployment's origin. */
export type ActivityRef =
  | { kind: 'course'; course: string }
  | { kind: 'lesson' | 'check' | 'lab'; course: string; lesson: string }
  | { kind: 'scenario'; scenario: string }
  | { kind: 'other' };

/** Reads an activity id built by activityIds (src/lib/courses/activity-ids.ts). */
export function parseActivityId(origin: string, id: string): ActivityRef {
  if (id.startsWith(`${origin}/sims/`))
    return { kind: 'scenario', scenario: id.slice(origin.length + 6) };
  if (!id.startsWith(`${origin}/courses/`)) return { kind: 'other' };
  const [path = '', fragment] = id.slice(origin.length + 9).split('#');
  const [course = '', lesson] = path.split('/');
  if (!lesson) return { kind: 'course', course };
  if (fragment === 'check') return { kind: 'check', course, lesson };
  if (fragment === 'lab') return { kind: 'lab', course, lesson };
  return fragment ? { kind: 'other' } : { kind: 'lesson', course, lesson };
}

/** A course the learner has started, with its completion and latest certificate. */
export interface TranscriptCourse {
  slug: string;
  title: string;
  status: 'Completed' | 'In progress' | 'Not passed';
  completedOn: string | null;
  score: number | null;
  /** Who reported the completion: Switchyard's graders, or imported content. */
  reportedBy: 'grader' | 'imported-content';
  certificate: { code: string; issuedOn: string; validUntil: string | null } | null;
}

/** One graded attempt or completion from the learning record. */
export interface TranscriptAttempt {
  statementId: string;
  date: string;
  kind: 'Course' | 'Knowledge check' | 'Data lab' | 'Simulation';
  title: string;
  outcome: 'Passed' | 'Failed' | 'Completed';
  score: number | null;
  /** "7 of 9" when the statement carries raw and max scores. */
  points: string | null;
}

export interface Transcript {
  learner: typeof users.$inferSelect;
  assignments: LearnerAssignment[];
  courses: TranscriptCourse[];
  attempts: TranscriptAttempt[];
}

/** Attempts listed on a transcript, newest first. */
export const TRANSCRIPT_ATTEMPT_LIMIT = 500;

/** Every course, knowledge check, lab and simulation attempt of a learner, with dates, scores and certificates. */
export async function loadTranscript(
  db: Database,
  learnerId: string,
  catalog: ItemCatalog,
  context: ReportContext,
): Promise<Transcript | null> {
  const [learner] = await db.select().from(users).where(eq(users.id, learnerId));
  if (!learner) return null;
  const { origin, timeZone } = context;
  const day = (ms: number) => formatDate(ms, timeZone);
  const courseTitle = (slug: string) => catalog.courses.get(slug)?.data.title ?? slug;
  const lessonTitle = (course: string, lesson: string) =>
    catalog.courses.get(course)?.lessons?.find((entry) => entry.slug === lesson)?.data.title ??
    lesson;

  const rows = await db.select().from(completions).where(eq(completions.userId, learnerId));
  const certificateRows = await db
    .select()
    .from(certificates)
    .where(eq(certificates.userId, learnerId))
    .orderBy(desc(certificates.issuedAt));
  const courseRows = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const ref = parseActivityId(origin, row.activityId);
    if (ref.kind === 'course')
      courseRows.set(ref.course, betterCompletion(courseRows.get(ref.course), row));
  }
  const courses = [...courseRows].map(([slug, row]): TranscriptCourse => {
    const certificate = certificateRows.find((entry) => entry.courseId === slug);
    const done = isDone(row);
    return {
      slug,
      title: courseTitle(slug),
      status: isDoneStatus(row.status)
        ? 'Completed'
        : row.status === 'failed'
          ? 'Not passed'
          : 'In progress',
      completedOn: done && row.lastCompletedAt !== null ? day(row.lastCompletedAt) : null,
      score: row.bestScore,
      reportedBy: row.reportedBy,
      certificate: certificate
        ? {
            code: certificate.code,
            issuedOn: certificateIssuedOn(certificate, timeZone),
            validUntil: certificateValidUntil(certificate, timeZone),
          }
        : null,
    };
  });
  courses.sort((a, b) => a.title.localeCompare(b.title));

  const key = actorKey(userAgent(origin, learnerId)) ?? '';
  const result = await db.$client.execute({
    sql: `SELECT id, verb, object_id, timestamp,
        json_extract(body, '$.result.score.scaled') AS scaled,
        json_extract(body, '$.result.score.raw') AS raw,
        json_extract(body, '$.result.score.max') AS max
      FROM statements WHERE actor_key = ? AND verb IN (?, ?, ?) AND is_voided = 0
        AND ${trustedStatementSql('statements')}
      ORDER BY timestamp DESC LIMIT ?`,
    // Graded attempts only: what Switchyard's graders (or imported content) recorded.
    args: [key, VERBS.passed.id, VERBS.failed.id, VERBS.completed.id, TRANSCRIPT_ATTEMPT_LIMIT * 4],
  });
  const attempts: TranscriptAttempt[] = [];
  for (const row of result.rows) {
    const ref = parseActivityId(origin, String(row['object_id']));
    if (ref.kind === 'lesson' || ref.kind === 'other') continue;
    const verb = String(row['verb']);
    const raw = row['raw'];
    const max = row['max'];
    attempts.push({
      statementId: String(row['id']),
      date: day(Number(row['timestamp'])),
      kind:
        ref.kind === 'course'
          ? 'Course'
          : ref.kind === 'check'
            ? 'Knowledge check'
            : ref.kind === 'lab'
              ? 'Data lab'
              : 'Simulation',
      title:
        ref.kind === 'course'
          ? courseTitle(ref.course)
          : ref.kind === 'scenario'
            ? (catalog.scenarios.get(ref.scenario)?.title ?? ref.scenario)
            : `${courseTitle(ref.course)}: ${lessonTitle(ref.course, ref.lesson)}`,
      outcome:
        verb === VERBS.passed.id ? 'Passed' : verb === VERBS.failed.id ? 'Failed' : 'Completed',
      score: row['scaled'] === null ? null : Number(row['scaled']),
      points: raw !== null && max !== null ? `${Number(raw)} of ${Number(max)}` : null,
    });
    if (attempts.length >= TRANSCRIPT_ATTEMPT_LIMIT) break;
  }
  return {
    learner,
    assignments: await learnerAssignments(db, learnerId, catalog, context),
    courses,
    attempts,
  };
}
