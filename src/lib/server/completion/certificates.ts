import type { InStatement, Transaction } from '@libsql/client';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { calendarDate, validThrough } from '../../shared/assignments/status.ts';
import { endOfDay } from '../../shared/assignments/zoned-time.ts';
import { SWITCHYARD_AUTHORITIES } from './trust.ts';

/**
 * Certificates are derived from the grader's course-completion statement: the statement carries
 * what was certified (learner's name, course title and version, dates, code) in a result extension,
 * and the certificate row is read back from it by one SQL statement, used by the live path, the
 * demo and rebuild-completion alike, so a rebuild reproduces the table exactly.
 */

/** The result extension holding a certificate, under the record base. */
export function certificateExtension(base: string): string {
  return `${base}/xapi/extensions/certificate`;
}

/** What a certificate certified, as stored in the completion statement and the certificates table. */
export interface CertificateClaim {
  code: string;
  issueNumber: number;
  holderName: string;
  courseTitle: string;
  courseVersion: string;
  /** Unix ms of issue (the server's clock when the grader completed the course). */
  issuedAt: number;
  /** YYYY-MM-DD of issue in the organisation's time zone. */
  issuedOn: string;
  /** Last valid day (YYYY-MM-DD, organisation's time zone), or null when it never lapses. */
  validUntil: string | null;
  /** First instant it is no longer valid (Unix ms), or null. */
  expiresAt: number | null;
}

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

/** The claim of a new certificate issued at `issuedAt`. */
export function certificateClaim(input: {
  issuedAt: number;
  issueNumber: number;
  holderName: string;
  course: { title: string; version?: string | undefined; recurrenceMonths?: number | undefined };
  timeZone: string;
  code?: string;
}): CertificateClaim {
  const { issuedAt, course, timeZone } = input;
  const months = course.recurrenceMonths;
  return {
    code: input.code ?? generateCertificateCode(),
    issueNumber: input.issueNumber,
    holderName: input.holderName,
    courseTitle: course.title,
    courseVersion: course.version ?? '1',
    issuedAt,
    issuedOn: calendarDate(issuedAt, timeZone),
    validUntil: months ? validThrough(issuedAt, months, timeZone) : null,
    expiresAt: months ? certificateExpiry(issuedAt, months, timeZone) : null,
  };
}

const EXT = (base: string) =>
  `json_extract(s.body, '$.result.extensions."${certificateExtension(base)}".`;

/**
 * Inserts the certificate rows carried by trusted course-completion statements picked by `where`
 * (SQL over `s`, the statements table). The base is read from the record's identity row.
 */
export function certificatesFromStatements(
  base: string,
  where: string,
  args: (string | number)[] = [],
): InStatement {
  const field = (name: string) => `${EXT(base)}${name}')`;
  const { grader, importedContent } = SWITCHYARD_AUTHORITIES;
  return {
    sql: `INSERT INTO certificates (code, user_id, course_id, issued_at, expires_at, statement_id,
        issue_number, holder_name, course_title, course_version, issued_on, valid_until)
      SELECT ${field('code')}, s.user_id, substr(s.object_id, length(?) + 10), ${field('issuedAt')},
        ${field('expiresAt')}, s.id, ${field('issueNumber')}, ${field('holderName')},
        ${field('courseTitle')}, ${field('courseVersion')}, ${field('issuedOn')}, ${field('validUntil')}
      FROM statements s
      WHERE (${where}) AND s.user_id IS NOT NULL AND ${field('code')} IS NOT NULL
        AND s.verb = 'http://adlnet.gov/expapi/verbs/completed'
        AND substr(s.object_id, 1, length(?) + 9) = ? || '/courses/'
        AND json_extract(s.body, '$.authority.account.homePage') = ? || '/'
        AND json_extract(s.body, '$.authority.account.name') IN ('${grader.account}', '${importedContent.account}')`,
    args: [base, ...args, base, base, base],
  };
}

/** The latest certificate of a learner for a course, read in an open transaction. */
export async function latestCertificateIn(
  tx: Transaction,
  userId: string,
  courseId: string,
): Promise<{ issueNumber: number; expiresAt: number | null } | null> {
  const result = await tx.execute({
    sql: `SELECT coalesce(issue_number, 0) AS n, expires_at FROM certificates
      WHERE user_id = ? AND course_id = ? ORDER BY issued_at DESC, issue_number DESC LIMIT 1`,
    args: [userId, courseId],
  });
  const row = result.rows[0];
  if (!row) return null;
  const count = await tx.execute({
    sql: 'SELECT coalesce(max(issue_number), 0) AS n, count(*) AS c FROM certificates WHERE user_id = ? AND course_id = ?',
    args: [userId, courseId],
  });
  const numbered = Number(count.rows[0]?.['n'] ?? 0);
  const total = Number(count.rows[0]?.['c'] ?? 0);
  return {
    issueNumber: Math.max(numbered, total),
    expiresAt: row['expires_at'] === null ? null : Number(row['expires_at']),
  };
}
