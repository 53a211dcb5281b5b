import type { InStatement, ResultSet } from '@libsql/client';
import type { Database } from '../../../../db/client.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import { betterCompletion, type CompletionLike } from '../assignments/item-completion.ts';

/**
 * Everything a team report reads, in three SQL statements over two round trips whatever the team's
 * size: members and assignments, then completion rows for the activities asked for (certificates
 * come from loadCertificates, for the learners a page shows or an export lists).
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
  /** Members of the teams (each once), by name; disabled accounts are left out. */
  members: MemberRecord[];
  /** Active assignments of the teams and of their members. */
  assignments: AssignmentRow[];
  /** userId -> activityId -> completion. */
  completions: Map<string, Map<string, CompletionRecord>>;
}

/** userId -> courseId -> latest certificate. */
export type CertificatesByLearner = Map<string, Map<string, CertificateRecord>>;

/** Which activities to read completion for, given the assignments. */
export interface RecordsScope {
  activityIds: (assignments: AssignmentRow[]) => string[];
}

const ROW = '\u001e';
const FIELD = '\u001f';

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

const numberAt = (text: string, from: number, to: number): number | null =>
  to > from ? Number(text.slice(from, to)) : null;

/** A whole number written in decimal digits (a time in ms), read without making a substring. */
function integerAt(text: string, from: number, to: number): number | null {
  if (to <= from) return null;
  let value = 0;
  for (let index = from; index < to; index += 1) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

/** The status words, shared rather than cut out of the packed string. */
const STATUS_BY_INITIAL: Record<string, CompletionRecord['status']> = {
  a: 'attempted',
  c: 'completed',
  p: 'passed',
  f: 'failed',
};

/** Splits the packed completion rows of each learner (see completionsSql). */
function readCompletions(
  result: ResultSet | undefined,
  fullIds: Map<string, string>,
  withEvidence: boolean,
): TeamRecords['completions'] {
  const byUser = new Map<string, Map<string, CompletionRecord>>();
  for (const row of result?.rows ?? []) {
    const packed = row[1];
    if (typeof packed !== 'string') continue;
    const map = new Map<string, CompletionRecord>();
    let start = 0;
    while (start < packed.length) {
      let end = packed.indexOf(ROW, start);
      if (end < 0) end = packed.length;
      const f1 = packed.indexOf(FIELD, start);
      const f2 = packed.indexOf(FIELD, f1 + 1);
      const f3 = packed.indexOf(FIELD, f2 + 1);
      const f4 = withEvidence ? packed.indexOf(FIELD, f3 + 1) : end;
      const f5 = withEvidence ? packed.indexOf(FIELD, f4 + 1) : end;
      const short = packed.slice(start, f1);
      const activityId = fullIds.get(short) ?? short;
      const record: CompletionRecord = {
        status: STATUS_BY_INITIAL[packed.charAt(f1 + 1)] ?? 'attempted',
        bestScore: numberAt(packed, f2 + 1, f3),
        lastCompletedAt: integerAt(packed, f3 + 1, f4),
        firstCompletedAt: withEvidence ? integerAt(packed, f4 + 1, f5) : null,
        lastStatementId: withEvidence && end > f5 + 1 ? packed.slice(f5 + 1, end) : null,
      };
      const existing = map.get(activityId);
      map.set(activityId, existing ? betterCompletion(existing, record) : record);
      start = end + 1;
    }
    byUser.set(text(row[0]), map);
  }
  return byUser;
}

function readCertificates(result: ResultSet): CertificatesByLearner {
  const byUser = new Map<string, Map<string, CertificateRecord>>();
  for (const row of result.rows) {
    if (typeof row[1] !== 'string') continue;
    const map = new Map<string, CertificateRecord>();
    for (const packed of row[1].split(ROW)) {
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

const ASSIGNMENT_COLUMNS = `a.id, a.item_type, a.item_id, a.team_id, a.user_id, a.due_date,
  a.recurrence_months, a.note, a.created_by, a.created_at`;

/** The members of the teams, found through the team_members primary key (team first). */
const memberIdsOf = (teams: string) =>
  ({
    sql: `SELECT tm.user_id FROM json_each(?) t CROSS JOIN team_members tm ON tm.team_id = t.value`,
    args: [teams],
  }) as const;

/**
 * Per learner, one string of their completion rows for the wanted activities: activity id without
 * the shared `origin/` prefix, status, best score, last completion, and for evidence the first
 * completion and last statement id. The learner's rows are read as one range of completions_user_idx
 * (user_id, activity_id), the activity filter applied to the index entries.
 */
function completionsSql(
  teams: string,
  prefixLength: number,
  activityIds: string[],
  withEvidence: boolean,
): InStatement {
  const members = memberIdsOf(teams);
  const evidence = withEvidence
    ? ` || '${FIELD}' || ifnull(c.first_completed_at, '') || '${FIELD}' || ifnull(c.last_statement_id, '')`
    : '';
  return {
    sql: `SELECT u.id, (SELECT group_concat(substr(c.activity_id, ?) || '${FIELD}' || substr(c.status, 1, 1) || '${FIELD}'
          || ifnull(c.best_score, '') || '${FIELD}' || ifnull(c.last_completed_at, '')${evidence}, '${ROW}')
        FROM completions c WHERE c.user_id = u.id AND +c.activity_id IN (SELECT value FROM json_each(?)))
      FROM users u WHERE u.id IN (${members.sql}) AND u.is_disabled = 0`,
    args: [prefixLength + 1, JSON.stringify(activityIds), ...members.args],
  };
}

/** Options: first completion dates and statement ids are read only for evidence. */
export interface LoadRecordsOptions {
  withEvidence?: boolean;
}

/** Reads the records of some teams (one team for its page, a manager's teams for the overview). */
export async function loadTeamRecords(
  db: Database,
  teamIds: string[],
  scope: RecordsScope,
  options: LoadRecordsOptions = {},
): Promise<TeamRecords> {
  const teams = JSON.stringify(teamIds);
  const members = memberIdsOf(teams);
  const [memberRows, assignmentRows] = await db.$client.batch(
    [
      {
        sql: `SELECT tm.team_id, u.id, u.display_name, u.email, u.department, u.job_title, u.is_demo
          FROM json_each(?) t CROSS JOIN team_members tm ON tm.team_id = t.value
          JOIN users u ON u.id = tm.user_id WHERE u.is_disabled = 0`,
        args: [teams],
      },
      {
        // Two lookups through assignments_team_idx and assignments_user_idx (an OR would scan).
        sql: `SELECT ${ASSIGNMENT_COLUMNS} FROM json_each(?) t CROSS JOIN assignments a ON a.team_id = t.value
            WHERE a.archived_at IS NULL
          UNION ALL
          SELECT ${ASSIGNMENT_COLUMNS} FROM (${members.sql}) m CROSS JOIN assignments a ON a.user_id = m.user_id
            WHERE a.archived_at IS NULL AND +a.team_id IS NULL`,
        args: [teams, ...members.args],
      },
    ],
    'read',
  );
  const assignments = readAssignments(assignmentRows!);
  const activityIds = scope.activityIds(assignments);
  const prefix = sharedPrefix(activityIds);
  const withEvidence = options.withEvidence ?? false;
  const completions = activityIds.length
    ? await db.$client.execute(completionsSql(teams, prefix.length, activityIds, withEvidence))
    : undefined;
  const fullIds = new Map(activityIds.map((id) => [id.slice(prefix.length), id]));
  return {
    members: readMembers(memberRows!),
    assignments,
    completions: readCompletions(completions, fullIds, withEvidence),
  };
}

/** The `origin/` every activity id starts with, or '' when they do not share one. */
function sharedPrefix(ids: string[]): string {
  const first = ids[0] ?? '';
  const slash = first.indexOf('/', first.indexOf('//') + 2);
  const prefix = slash > 0 ? first.slice(0, slash + 1) : '';
  return prefix && ids.every((id) => id.startsWith(prefix)) ? prefix : '';
}

/**
 * The latest certificate per learner and course, for some learners (the rows a page shows, or the
 * whole team for evidence): one statement whatever their number.
 */
export async function loadCertificates(
  db: Database,
  userIds: string[],
  courseIds: string[],
): Promise<CertificatesByLearner> {
  if (!userIds.length || !courseIds.length) return new Map();
  const result = await db.$client.execute({
    sql: `SELECT m.value, (SELECT group_concat(ce.course_id || '${FIELD}' || ce.code || '${FIELD}'
          || ce.issued_at || '${FIELD}' || ifnull(ce.expires_at, '') || '${FIELD}'
          || ifnull(ce.statement_id, ''), '${ROW}')
        FROM certificates ce WHERE ce.user_id = m.value AND +ce.course_id IN (SELECT value FROM json_each(?)))
      FROM json_each(?) m`,
    args: [JSON.stringify(courseIds), JSON.stringify(userIds)],
  });
  return readCertificates(result);
}
