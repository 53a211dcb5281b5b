import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { certificates, statements } from '../../../../db/schema.ts';
import { formatDate } from '../../shared/assignments/status.ts';
import { SWITCHYARD_AUTHORITIES } from '../completion/trust.ts';

/**
 * Reading certificates. They are issued only by the grading transaction (completion/grading.ts)
 * and keep what they certified at issue: the learner's name, the course's title and version, dates.
 */

export type CertificateRow = typeof certificates.$inferSelect;

/** A certificate as pages show it: with who reported the completion it certifies. */
export type ShownCertificate = CertificateRow & {
  /** True when imported (cmi5) content reported the completion, not one of Switchyard's graders. */
  isReportedByContent: boolean;
};

const shownColumns = {
  ...getTableColumns(certificates),
  isReportedByContent: sql<number>`coalesce(json_extract(${statements.body}, '$.authority.account.name') = ${SWITCHYARD_AUTHORITIES.importedContent.account}, 0)`,
};

const toShown = (row: CertificateRow & { isReportedByContent: number }): ShownCertificate => ({
  ...row,
  isReportedByContent: Boolean(row.isReportedByContent),
});

/** The last day a certificate is valid (YYYY-MM-DD), as every page shows it; null when it never lapses. */
export function certificateValidUntil(
  row: Pick<CertificateRow, 'validUntil' | 'expiresAt'>,
  timeZone: string,
): string | null {
  if (row.validUntil) return row.validUntil;
  // Certificates issued before the day was stored: expires_at is the first instant no longer valid.
  return row.expiresAt === null ? null : formatDate(row.expiresAt - 1, timeZone);
}

/** The day a certificate was issued (YYYY-MM-DD) in the organisation's time zone. */
export function certificateIssuedOn(
  row: Pick<CertificateRow, 'issuedOn' | 'issuedAt'>,
  timeZone: string,
): string {
  return row.issuedOn ?? formatDate(row.issuedAt, timeZone);
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

/** A certificate by its public code, for the verification page; null for an unknown or malformed code. */
export async function findCertificate(
  db: Database,
  code: string,
): Promise<ShownCertificate | null> {
  if (!/^[a-z2-7]{5}(-[a-z2-7]{5}){3}$/.test(code)) return null;
  const [row] = await db
    .select(shownColumns)
    .from(certificates)
    .leftJoin(statements, eq(statements.id, certificates.statementId))
    .where(eq(certificates.code, code));
  return row ? toShown(row) : null;
}

/** Every certificate of a learner, newest first. */
export async function listCertificates(db: Database, userId: string): Promise<ShownCertificate[]> {
  const rows = await db
    .select(shownColumns)
    .from(certificates)
    .leftJoin(statements, eq(statements.id, certificates.statementId))
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt));
  return rows.map(toShown);
}
