import { and, desc, eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../../../../db/client.ts';
import { certificates, users } from '../../../../db/schema.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../courses/activity-ids.ts';
import { now } from '../clock.ts';
import { getConfig } from '../config.ts';
import { validThrough } from '../../assignments/status.ts';
import { endOfDay } from '../../assignments/zoned-time.ts';
import { recordForLearner, type Learner } from '../progress/record.ts';
import { canonicalOrigin } from '../site-origin.ts';
import type { CatalogCourse } from '../courses/catalog.ts';
import type { CourseProgress } from '../courses/progress.ts';

export type CertificateRow = typeof certificates.$inferSelect;

/** An unguessable certificate code: 100 random bits, grouped for reading aloud (xxxxx-xxxxx-...). */
export function generateCertificateCode(): string {
  const bytes = new Uint8Array(13);
  crypto.getRandomValues(bytes);
  const raw = encodeBase32LowerCaseNoPadding(bytes).slice(0, 20);
  return raw.match(/.{5}/g)!.join('-');
}

/**
 * When a recurring course's certificate stops being valid: the end of the same calendar day N months
 * on, in the organisation's time zone, exactly as the assignment status rules count it.
 */
export function certificateExpiry(issuedAt: number, months: number, timeZone: string): number {
  return endOfDay(validThrough(issuedAt, months, timeZone), timeZone) + 1;
}

/** The latest certificate of a learner for a course, or null. */
export async function latestCertificate(
  db: Database,
  userId: string,
  courseId: string,
): Promise<CertificateRow | null> {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseId, courseId)))
    .orderBy(desc(certificates.issuedAt))
    .limit(1);
  return row ?? null;
}

/**
 * Issues a certificate and records the course completion when the course is complete and the learner
 * holds no certificate still valid for it (a recurring course's expired certificate is renewed).
 */
export async function issueCertificateIfComplete(
  db: Database,
  learner: Learner,
  course: CatalogCourse,
  progress: CourseProgress,
): Promise<CertificateRow | null> {
  if (!progress.isComplete) return null;
  const at = now();
  const existing = await latestCertificate(db, learner.id, course.slug);
  if (existing && (existing.expiresAt === null || existing.expiresAt > at)) return null;
  const origin = canonicalOrigin();
  const checkScores = progress.lessons.flatMap((lesson) =>
    lesson.check?.bestScore != null ? [lesson.check.bestScore] : [],
  );
  const score = checkScores.length
    ? checkScores.reduce((sum, value) => sum + value, 0) / checkScores.length
    : 1;
  const [statementId] = await recordForLearner(db, learner, [
    {
      verb: VERBS.completed,
      object: {
        objectType: 'Activity',
        id: activityIds.course(origin, course.slug),
        definition: { type: ACTIVITY_TYPES.course, name: { 'en-US': course.data.title } },
      },
      result: {
        completion: true,
        success: true,
        score: { scaled: Math.round(score * 1000) / 1000 },
      },
    },
  ]);
  const row: CertificateRow = {
    code: generateCertificateCode(),
    userId: learner.id,
    courseId: course.slug,
    issuedAt: at,
    expiresAt: course.data.recurrenceMonths
      ? certificateExpiry(at, course.data.recurrenceMonths, getConfig().ORG_TIME_ZONE)
      : null,
    statementId: statementId ?? null,
  };
  await db.insert(certificates).values(row);
  return row;
}

/** A certificate with its holder's name, for the public verification page. */
export async function findCertificate(
  db: Database,
  code: string,
): Promise<(CertificateRow & { holderName: string }) | null> {
  if (!/^[a-z2-7]{5}(-[a-z2-7]{5}){3}$/.test(code)) return null;
  const [row] = await db
    .select({ certificate: certificates, holderName: users.displayName })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.code, code));
  return row ? { ...row.certificate, holderName: row.holderName } : null;
}

/** Every certificate of a learner, newest first. */
export function listCertificates(db: Database, userId: string): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt));
}
