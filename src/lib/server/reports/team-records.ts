import type { InStatement, ResultSet } from '@libsql/client';
import type { Database } from '../../../../db/client.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import { betterCompletion, type CompletionLike } from '../assignments/item-completion.ts';

/**
 * Everything a team report reads, in four SQL statements over two round trips whatever the team's
 * size: members and assignments, then completion and certificate rows for the activities asked for.
 * Completion and certificate rows come back as one concatenated string per learner: turning
 * hundreds of thousands of rows into JavaScript objects costs far more than splitting strings.
 */

/** A member of one of the teams. */
export interface MemberRecord {
  id: string;
  displayName: string;
  email: string;
  department: 'it' | 'ot' | 'other';
  jobTitle: string;
  isDemo: boolean;
  teamIds: string[];
}

/** A completion row, as reports read it. */
export interface CompletionRecord extends CompletionLike {
  firstCompletedAt: number | null;
}

/** A learner's latest certificate for a course. */
export interface CertificateRecord {
  code: string;
  courseId: string;
  issuedAt: number;
  expiresAt: number | null;
  statementId: string | null;
}

export interface TeamRecords {
  /** Members of the teams (each once), by name. */
  members: MemberRecord[];
  /** Active assignments of the teams and of their members. */
  assignments: AssignmentRow[];
  /** userId -> activityId -> completion. */
  completions: Map<string, Map<string, CompletionRecord>>;
  /** userId -> courseId -> latest certificate. */
  certificates: Map<string, Map<string, CertificateRecord>>;
}

/** Which activities and courses to read completion and certificates for, given the assignments. */
export interface RecordsScope {
  activityIds: (assignments: AssignmentRow[]) => string[];
  courseIds: (assignments: AssignmentRow[]) => string[];
}

const ROW = '\u001e';
const FIELD = '\u001f';
const TEAM_IDS = 'SELECT value FROM json_each(?)';
const MEMBER_IDS = `SELECT DISTINCT user_id FROM team_members WHERE team_id IN (${TEAM_IDS})`;

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value);
const numberOrNull = (value: string | undefined): number | null =>
  value === undefined || value === '' ? null : Number(value);

/** Collation for names in any language ("Ø" and "É" sort where people expect). */
export const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function readMembers(result: ResultSet): MemberRecord[] {
  const byId = new Map<string, MemberRecord>();
  for (const row of result.rows) {
    const id = text(row[1]);
    const existing = byId.get(id);
    if (existing) {
      existing.teamIds.push(text(row[0]));
      continue;
    }
    byId.set(id, {
      id,
      displayName: text(row[2]),
      email: text(row[3]),
      department: text(row[4]) as MemberRecord['department'],
      jobTitle: text(row[5]),
      isDemo: Number(row[6]) === 1,
      teamIds: [text(row[0])],
    });
  }
  return [...byId.values()].sort((a, b) => nameCollator.compare(a.displayName, b.displayName));
}

function readAssignments(result: ResultSet): AssignmentRow[] {
  return result.rows.map((row) => ({
    id: text(row[0]),
    itemType: text(row[1]) as AssignmentRow['itemType'],
    itemId: text(row[2]),
    teamId: row[3] === null ? null : text(row[3]),
    userId: row[4] === null ? null : text(row[4]),
    dueDate: text(row[5]),
    recurrenceMonths: row[6] === null ? null : Number(row[6]),
    note: text(row[7]),
    createdBy: text(row[8]),
    createdAt: Number(row[9]),
    archivedAt: null,
  }));
}

function readCompletions(result: ResultSet | undefined): TeamRecords['completions'] {
  const byUser = new Map<string, Map<string, CompletionRecord>>();
  for (const row of result?.rows ?? []) {
    const map = new Map<string, CompletionRecord>();
    for (const packed of text(row[1]).split(ROW)) {
      const [activityId = '', status, score, last, first, statementId] = packed.split(FIELD);
      const record: CompletionRecord = {
        status: status as CompletionRecord['status'],
        bestScore: numberOrNull(score),
        lastCompletedAt: numberOrNull(last),
        firstCompletedAt: numberOrNull(first),
        lastStatementId: statementId || null,
      };
      map.set(activityId, betterCompletion(map.get(activityId), record));
    }
    byUser.set(text(row[0]), map);
  }
  return byUser;
}

function readCertificates(result: ResultSet | undefined): TeamRecords['certificates'] {
  const byUser = new Map<string, Map<string, CertificateRecord>>();
  for (const row of result?.rows ?? []) {
    const map = new Map<string, CertificateRecord>();
    for (const packed of text(row[1]).split(ROW)) {
      const [courseId = '', code = '', issued, expires, statementId] = packed.split(FIELD);
      const record = {
        code,
        courseId,
        issuedAt: Number(issued),
        expiresAt: numberOrNull(expires),
        statementId: statementId || null,
      };
      const existing = map.get(courseId);
      if (!existing || record.issuedAt > existing.issuedAt) map.set(courseId, record);
    }
    byUser.set(text(row[0]), map);
  }
  return byUser;
}

/** Options: statement ids and first completion dates are read only for evidence. */
export interface LoadRecordsOptions {
  withEvidence?: boolean;
  withCertificates?: boolean;
}

/** Reads the records of some teams (one team for its page, a manager's teams for the overview). */
export async function loadTeamRecords(
  db: Database,
  teamIds: string[],
  scope: RecordsScope,
  options: LoadRecordsOptions = {},
): Promise<TeamRecords> {
  const teams = JSON.stringify(teamIds);
  const [members, assignmentRows] = await db.$client.batch(
    [
      {
        sql: `SELECT tm.team_id, u.id, u.display_name, u.email, u.department, u.job_title, u.is_demo
          FROM team_members tm JOIN users u ON u.id = tm.user_id WHERE tm.team_id IN (${TEAM_IDS})`,
        args: [teams],
      },
      {
        sql: `SELECT id, item_type, item_id, team_id, user_id, due_date, recurrence_months, note,
            created_by, created_at
          FROM assignments WHERE archived_at IS NULL
            AND (team_id IN (${TEAM_IDS}) OR user_id IN (${MEMBER_IDS}))`,
        args: [teams, teams],
      },
    ],
    'read',
  );
  const assignments = readAssignments(assignmentRows!);
  const activityIds = scope.activityIds(assignments);
  const courseIds = options.withCertificates === false ? [] : scope.courseIds(assignments);
  const evidence = options.withEvidence
    ? ` || '${FIELD}' || ifnull(c.first_completed_at, '') || '${FIELD}' || ifnull(c.last_statement_id, '')`
    : '';
  const statements: InStatement[] = [];
  if (activityIds.length) {
    statements.push({
      sql: `SELECT c.user_id, group_concat(c.activity_id || '${FIELD}' || c.status || '${FIELD}'
          || ifnull(c.best_score, '') || '${FIELD}' || ifnull(c.last_completed_at, '')${evidence}, '${ROW}')
        FROM (${MEMBER_IDS}) m CROSS JOIN completions c ON c.user_id = m.user_id
        WHERE c.activity_id IN (SELECT value FROM json_each(?))
        GROUP BY c.user_id`,
      args: [teams, JSON.stringify(activityIds)],
    });
  }
  if (courseIds.length) {
    statements.push({
      sql: `SELECT ce.user_id, group_concat(ce.course_id || '${FIELD}' || ce.code || '${FIELD}'
          || ce.issued_at || '${FIELD}' || ifnull(ce.expires_at, '') || '${FIELD}'
          || ifnull(ce.statement_id, ''), '${ROW}')
        FROM (${MEMBER_IDS}) m CROSS JOIN certificates ce ON ce.user_id = m.user_id
        WHERE ce.course_id IN (SELECT value FROM json_each(?))
        GROUP BY ce.user_id`,
      args: [teams, JSON.stringify(courseIds)],
    });
  }
  const results = statements.length ? await db.$client.batch(statements, 'read') : [];
  return {
    members: readMembers(members!),
    assignments,
    completions: readCompletions(activityIds.length ? results[0] : undefined),
    certificates: readCertificates(
      courseIds.length ? results[activityIds.length ? 1 : 0] : undefined,
    ),
  };
}
