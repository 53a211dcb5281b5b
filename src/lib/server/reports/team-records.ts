import type { InStatement, ResultSet } from '@libsql/client';
import type { Database } from '../../../../db/client.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import type { CompletionReader } from '../completion/item.ts';
import type { CompletionLike } from '../completion/status.ts';
import { STATUS_OF_CODE, activityKeysSql, readSummary } from '../completion/summaries.ts';

/**
 * Everything a team report reads, in four SQL statements over two round trips whatever the team's
 * size: members and assignments, then the keys of the activities asked for and each member's
 * completion summary (completion/summaries.ts: one packed row per learner, kept on write), read
 * into flat arrays (CompletionGrid): turning hundreds of thousands of rows into JavaScript objects
 * costs far more than the reports' work. Certificates come from loadCertificates, for the learners
 * a page shows or an export lists, as one packed string per learner.
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
  /** Completion of the members for the activities asked for. */
  completions: CompletionGrid;
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

/** A number from a typed array, null where it holds NaN (or nothing). */
export const presentNumber = (value: number | undefined): number | null =>
  value === undefined || Number.isNaN(value) ? null : value;

/**
 * The completion rows of some learners for some activities, held in flat arrays of learner x
 * activity: reports read hundreds of thousands of rows, and one object per row costs more than
 * the SQL that reads them. Several actors naming one learner merge into the better row.
 */
export class CompletionGrid {
  readonly activityIds: readonly string[];
  readonly width: number;
  /** Per cell: 0 for no row, else the status's rank + 1 (see STATUS_OF_CODE). */
  readonly status: Uint8Array;
  /** Per cell: best scaled score, NaN for none. */
  readonly score: Float64Array;
  /** Per cell: last completion (Unix ms), NaN for none. */
  readonly lastCompletedAt: Float64Array;
  /** Per cell, read for evidence only: first completion (NaN for none) and last statement id. */
  readonly firstCompletedAt: Float64Array | null;
  readonly lastStatementId: (string | undefined)[] | null;
  private readonly columns: Map<string, number>;
  private readonly rows = new Map<string, number>();

  constructor(activityIds: readonly string[], learners: number, withEvidence: boolean) {
    this.activityIds = activityIds;
    this.width = activityIds.length;
    this.columns = new Map(activityIds.map((id, index) => [id, index]));
    const cells = learners * this.width;
    this.status = new Uint8Array(cells);
    this.score = new Float64Array(cells).fill(NaN);
    this.lastCompletedAt = new Float64Array(cells).fill(NaN);
    this.firstCompletedAt = withEvidence ? new Float64Array(cells).fill(NaN) : null;
    this.lastStatementId = withEvidence ? new Array<string | undefined>(cells) : null;
  }

  /** The learner's row, added when new; -1 once the grid is full. */
  addLearner(userId: string): number {
    const row = this.rows.size;
    if (row * this.width >= this.status.length && this.width > 0) return -1;
    this.rows.set(userId, row);
    return row;
  }

  /** The learner's row, or -1. */
  rowOf(userId: string): number {
    return this.rows.get(userId) ?? -1;
  }

  /** The activity's column, or -1. */
  columnOf(activityId: string): number {
    return this.columns.get(activityId) ?? -1;
  }

  /** A completion row as an object (for the few readers that want one), or undefined. */
  private recordAt(row: number, column: number): CompletionRecord | undefined {
    const cell = row * this.width + column;
    const status = STATUS_OF_CODE[this.status[cell] ?? 0];
    if (!status) return undefined;
    return {
      status,
      bestScore: presentNumber(this.score[cell]),
      lastCompletedAt: presentNumber(this.lastCompletedAt[cell]),
      firstCompletedAt: presentNumber(this.firstCompletedAt?.[cell]),
      lastStatementId: this.lastStatementId?.[cell] ?? null,
    };
  }

  /** A reader of one learner's rows, keyed by column (see columnOf; -1 reads as no row). */
  rowReader(row: number): CompletionReader<number> {
    return new GridRowReader(this, row < 0 ? -1 : row * this.width);
  }

  /** Every completion row of a learner, by activity. */
  entriesOf(userId: string): [string, CompletionRecord][] {
    const row = this.rowOf(userId);
    const entries: [string, CompletionRecord][] = [];
    if (row < 0) return entries;
    this.activityIds.forEach((activityId, column) => {
      const record = this.recordAt(row, column);
      if (record) entries.push([activityId, record]);
    });
    return entries;
  }

  /**
   * Stores a row unless the cell holds a better one: a higher status, then the later completion
   * (betterCompletion in completion/status.ts, on codes; tests hold the two equal).
   */
  put(
    cell: number,
    status: number,
    score: number,
    lastCompletedAt: number,
    firstCompletedAt: number,
    statementId: string | undefined,
  ): void {
    const held = this.status[cell] ?? 0;
    if (held !== 0) {
      if (status < held) return;
      const heldAt = this.lastCompletedAt[cell] ?? NaN;
      if (status === held && !((lastCompletedAt || 0) > (heldAt || 0))) return;
    }
    this.status[cell] = status;
    this.score[cell] = score;
    this.lastCompletedAt[cell] = lastCompletedAt;
    if (this.firstCompletedAt) this.firstCompletedAt[cell] = firstCompletedAt;
    if (this.lastStatementId) this.lastStatementId[cell] = statementId;
  }
}

/** One learner's cells of a grid, read without making objects. */
class GridRowReader implements CompletionReader<number> {
  private readonly grid: CompletionGrid;
  private readonly base: number;

  constructor(grid: CompletionGrid, base: number) {
    this.grid = grid;
    this.base = base;
  }

  private cell(column: number): number {
    return this.base < 0 || column < 0 ? -1 : this.base + column;
  }

  status(column: number): CompletionLike['status'] | null {
    const cell = this.cell(column);
    return cell < 0 ? null : (STATUS_OF_CODE[this.grid.status[cell] ?? 0] ?? null);
  }

  lastCompletedAt(column: number): number | null {
    return presentNumber(this.grid.lastCompletedAt[this.cell(column)]);
  }

  bestScore(column: number): number | null {
    return presentNumber(this.grid.score[this.cell(column)]);
  }

  lastStatementId(column: number): string | null {
    return this.grid.lastStatementId?.[this.cell(column)] ?? null;
  }
}

/**
 * Reads each learner's completion summary (completion/summaries.ts) into a grid: the activities
 * asked for, by key, each to its column.
 */
function readCompletions(
  keys: ResultSet | undefined,
  summaries: ResultSet | undefined,
  activityIds: readonly string[],
  withEvidence: boolean,
): CompletionGrid {
  const rows = summaries?.rows ?? [];
  const grid = new CompletionGrid(activityIds, rows.length, withEvidence);
  let maxKey = -1;
  for (const row of keys?.rows ?? []) maxKey = Math.max(maxKey, Number(row[0]));
  const columnOfKey = new Int32Array(maxKey + 1).fill(-1);
  for (const row of keys?.rows ?? []) columnOfKey[Number(row[0])] = Number(row[1]);
  for (const row of rows) {
    const learner = grid.addLearner(text(row[0]));
    const packed = row[1];
    if (!(packed instanceof ArrayBuffer) || learner < 0) continue;
    const evidence = withEvidence && typeof row[2] === 'string' ? row[2] : null;
    readSummary(packed, evidence, columnOfKey, learner * grid.width, grid);
  }
  return grid;
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

/** Per member, their completion summary (the evidence column only for evidence). */
function summariesSql(teams: string, withEvidence: boolean): InStatement {
  const members = memberIdsOf(teams);
  return {
    sql: `SELECT u.id, s.packed${withEvidence ? ', s.evidence' : ''}
      FROM users u LEFT JOIN completion_summaries s ON s.user_id = u.id
      WHERE u.id IN (${members.sql}) AND u.is_disabled = 0`,
    args: [...members.args],
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
  const withEvidence = options.withEvidence ?? false;
  const [keys, summaries] = activityIds.length
    ? await db.$client.batch(
        [activityKeysSql(JSON.stringify(activityIds)), summariesSql(teams, withEvidence)],
        'read',
      )
    : [];
  return {
    members: readMembers(memberRows!),
    assignments,
    completions: readCompletions(keys, summaries, activityIds, withEvidence),
  };
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
