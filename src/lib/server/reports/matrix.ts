import {
  STATUS_ORDER,
  assignmentStatus,
  formatDate,
  type AssignmentStatus,
  type AssignmentStatusCode,
} from '../../assignments/status.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import {
  itemKey,
  resolveItem,
  type ItemCatalog,
  type ResolvedItem,
} from '../assignments/item-catalog.ts';
import { completionOfItem } from '../assignments/item-completion.ts';
import type {
  CertificatesByLearner,
  MemberRecord,
  RecordsScope,
  TeamRecords,
} from './team-records.ts';

/** Where and when a report is computed: the deployment's origin, the clock and the time zone. */
export interface ReportContext {
  origin: string;
  now: number;
  timeZone: string;
}

/** One learner's standing on one assigned item. */
export interface MatrixCell {
  assignment: AssignmentRow;
  status: AssignmentStatus;
  isInProgress: boolean;
  completedAt: number | null;
  /** completedAt as YYYY-MM-DD in the organisation's time zone. */
  completedOn: string | null;
  /** Best scaled score, 0..1. */
  score: number | null;
  certificateCode: string | null;
  certificateIssuedAt: number | null;
  /** The statements behind the completion (for a track, one per course). */
  statementIds: readonly string[];
  /** The statement the certificate was issued on. */
  certificateStatementId: string | null;
}

export interface MatrixRow {
  learner: MemberRecord;
  /** Aligned with the matrix's items; null where the item is not assigned to this learner. */
  cells: (MatrixCell | null)[];
}

export interface TeamMatrix {
  items: ResolvedItem[];
  rows: MatrixRow[];
}

/** The activities a team report needs, given its assignments (plus any extra activities). */
export function recordsScope(
  context: ReportContext,
  catalog: ItemCatalog,
  extraActivityIds: string[] = [],
): RecordsScope {
  const resolved = (assignments: AssignmentRow[]) =>
    assignments.map((row) => resolveItem(context.origin, catalog, row.itemType, row.itemId));
  return {
    activityIds: (assignments) => [
      ...new Set([
        ...resolved(assignments).flatMap((item) => item.activityIds),
        ...extraActivityIds,
      ]),
    ],
  };
}

/** Of several assignments of one item to one learner, the one that binds: the earliest due date. */
function bindingAssignment(a: AssignmentRow | undefined, b: AssignmentRow): AssignmentRow {
  if (!a) return b;
  if (b.dueDate !== a.dueDate) return b.dueDate < a.dueDate ? b : a;
  return a.teamId ? a : b;
}

/**
 * The team matrix: every member by every item assigned to the team or to one of its members. Each
 * cell applies the status rules to the learner's completion of the item; fillCertificates adds the
 * latest certificate of course items to the rows that need it.
 */
export function buildTeamMatrix(
  records: TeamRecords,
  teamId: string,
  catalog: ItemCatalog,
  context: ReportContext,
): TeamMatrix {
  const members = records.members.filter((member) => member.teamIds.includes(teamId));
  const memberIds = new Set(members.map((member) => member.id));
  const teamAssignments = new Map<string, AssignmentRow>();
  const personal = new Map<string, Map<string, AssignmentRow>>();
  const items = new Map<string, ResolvedItem>();
  for (const row of records.assignments) {
    if (row.teamId !== teamId && !(row.userId && memberIds.has(row.userId))) continue;
    const key = itemKey(row.itemType, row.itemId);
    if (!items.has(key))
      items.set(key, resolveItem(context.origin, catalog, row.itemType, row.itemId));
    if (row.teamId === teamId) {
      teamAssignments.set(key, bindingAssignment(teamAssignments.get(key), row));
    } else if (row.userId) {
      const own = personal.get(row.userId) ?? new Map<string, AssignmentRow>();
      own.set(key, bindingAssignment(own.get(key), row));
      personal.set(row.userId, own);
    }
  }
  const columns = [...items.values()].sort((a, b) => a.title.localeCompare(b.title));
  const teamByColumn = columns.map((item) => teamAssignments.get(item.key));
  const rows = members.map((learner): MatrixRow => {
    const completions = records.completions.get(learner.id);
    const own = personal.get(learner.id);
    const lookup = (activityId: string) => completions?.get(activityId);
    const cells = columns.map((item, column): MatrixCell | null => {
      const team = teamByColumn[column];
      const mine = own?.get(item.key);
      const assignment = mine ? bindingAssignment(team, mine) : team;
      if (!assignment) return null;
      const completion = completionOfItem(item, lookup);
      return {
        assignment,
        status: assignmentStatus({
          dueDate: assignment.dueDate,
          recurrenceMonths: assignment.recurrenceMonths,
          lastCompletedAt: completion.lastCompletedAt,
          isInProgress: completion.isInProgress,
          now: context.now,
          timeZone: context.timeZone,
        }),
        isInProgress: completion.isInProgress,
        completedAt: completion.lastCompletedAt,
        completedOn:
          completion.lastCompletedAt === null
            ? null
            : formatDate(completion.lastCompletedAt, context.timeZone),
        score: completion.bestScore,
        certificateCode: null,
        certificateIssuedAt: null,
        statementIds: completion.statementIds,
        certificateStatementId: null,
      };
    });
    return { learner, cells };
  });
  return { items: columns, rows };
}

/** Fills the certificate of course cells in some rows (the page's rows) from loaded certificates. */
export function fillCertificates(
  matrix: TeamMatrix,
  rows: readonly MatrixRow[],
  certificates: CertificatesByLearner,
): void {
  for (const row of rows) {
    const mine = certificates.get(row.learner.id);
    if (!mine) continue;
    matrix.items.forEach((item, index) => {
      const cell = row.cells[index];
      const certificate = item.type === 'course' ? mine.get(item.id) : undefined;
      if (!cell || !certificate) return;
      cell.certificateCode = certificate.code;
      cell.certificateIssuedAt = certificate.issuedAt;
      cell.certificateStatementId = certificate.statementId;
    });
  }
}

/** The courses whose certificates a matrix shows. */
export function matrixCourseIds(matrix: TeamMatrix): string[] {
  return matrix.items.flatMap((item) => (item.type === 'course' ? [item.id] : []));
}

/** How a team stands: cells by status, and the share of assigned work currently complete. */
export interface MatrixSummary {
  learners: number;
  assignedCells: number;
  counts: Record<AssignmentStatusCode, number>;
  /** Cells with a valid completion (completed or expiring soon), in percent of assigned cells. */
  completionPercent: number;
}

/** Counts the matrix's cells by status. */
export function summarizeMatrix(matrix: TeamMatrix): MatrixSummary {
  const counts = Object.fromEntries(STATUS_ORDER.map((code) => [code, 0])) as Record<
    AssignmentStatusCode,
    number
  >;
  let assignedCells = 0;
  for (const row of matrix.rows) {
    for (const cell of row.cells) {
      if (!cell) continue;
      assignedCells += 1;
      counts[cell.status.code] += 1;
    }
  }
  const valid = counts.completed + counts.expiring;
  return {
    learners: matrix.rows.length,
    assignedCells,
    counts,
    completionPercent: assignedCells ? Math.round((valid / assignedCells) * 100) : 0,
  };
}
