import {
  STATUS_ORDER,
  assignmentStatus,
  formatDate,
  type AssignmentStatus,
  type AssignmentStatusCode,
  type StatusInput,
} from '../../shared/assignments/status.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import {
  itemKey,
  resolveItem,
  type ItemCatalog,
  type ResolvedItem,
} from '../assignments/item-catalog.ts';
import {
  emptyItemCompletion,
  itemCompletion,
  itemCompletionInto,
  type CompletionReader,
  type ItemCompletion,
} from '../completion/item.ts';
import {
  presentNumber,
  type CertificatesByLearner,
  type CompletionGrid,
  type MemberRecord,
  type RecordsScope,
  type TeamRecords,
} from './team-records.ts';
import { toPercent } from '../../shared/score.ts';

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
  /** Per item of the matrix, the status; null where the item is not assigned to this learner. */
  readonly statuses: readonly (AssignmentStatus | null)[];
  /** Aligned with the matrix's items; null where not assigned. Made on first read, then kept. */
  readonly cells: readonly (MatrixCell | null)[];
  /** One cell, made afresh and not kept. */
  cellAt(column: number): MatrixCell | null;
  /** A cell's completion time and best score (null for none), read without making the cell. */
  completedAt(column: number): number | null;
  score(column: number): number | null;
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

/** What the rows of one matrix share: its items and, per cell, the completion behind the status. */
class MatrixStore {
  readonly items: readonly ResolvedItem[];
  /** Per item, its activities' columns in the completion grid. */
  readonly gridColumns: readonly (readonly number[])[];
  readonly grid: CompletionGrid;
  readonly context: ReportContext;
  /** Per cell (learner x item): completion time and best score (NaN for none), in progress (1). */
  readonly completedAt: Float64Array;
  readonly score: Float64Array;
  readonly isInProgress: Uint8Array;
  /** Filled afresh for each cell while the rows are built (one object, not one per cell). */
  readonly completion = emptyItemCompletion();
  readonly statusInput: StatusInput;

  constructor(
    items: readonly ResolvedItem[],
    learners: number,
    grid: CompletionGrid,
    context: ReportContext,
  ) {
    this.items = items;
    this.gridColumns = items.map((item) => item.activityIds.map((id) => grid.columnOf(id)));
    this.grid = grid;
    this.context = context;
    this.completedAt = new Float64Array(learners * items.length);
    this.score = new Float64Array(learners * items.length);
    this.isInProgress = new Uint8Array(learners * items.length);
    this.statusInput = {
      dueDate: '',
      recurrenceMonths: null,
      lastCompletedAt: null,
      isInProgress: false,
      now: context.now,
      timeZone: context.timeZone,
    };
  }
}

/**
 * A learner's row. Statuses, completion times and scores are computed for every cell (filters,
 * sorting, counts and exports read them); cell objects only when read: a page shows a hundred rows
 * of a matrix that can hold hundreds of thousands of cells.
 */
class LearnerRow implements MatrixRow {
  readonly learner: MemberRecord;
  readonly statuses: (AssignmentStatus | null)[];
  readonly #store: MatrixStore;
  readonly #assignments: readonly (AssignmentRow | undefined)[];
  readonly #reader: CompletionReader<number>;
  readonly #base: number;
  #cells: (MatrixCell | null)[] | undefined;

  constructor(
    learner: MemberRecord,
    index: number,
    store: MatrixStore,
    assignments: readonly (AssignmentRow | undefined)[],
  ) {
    const { grid, statusInput } = store;
    this.learner = learner;
    this.#store = store;
    this.#assignments = assignments;
    this.#reader = grid.rowReader(grid.rowOf(learner.id));
    this.#base = index * store.items.length;
    this.statuses = assignments.map((assignment, column) => {
      if (!assignment) return null;
      const isTrack = store.items[column]?.type === 'track';
      const keys = store.gridColumns[column] ?? [];
      const completion = itemCompletionInto(isTrack, keys, this.#reader, store.completion);
      const cell = this.#base + column;
      store.completedAt[cell] = completion.lastCompletedAt ?? NaN;
      store.score[cell] = completion.bestScore ?? NaN;
      store.isInProgress[cell] = completion.isInProgress ? 1 : 0;
      statusInput.dueDate = assignment.dueDate;
      statusInput.recurrenceMonths = assignment.recurrenceMonths;
      statusInput.lastCompletedAt = completion.lastCompletedAt;
      statusInput.isInProgress = completion.isInProgress;
      return assignmentStatus(statusInput);
    });
  }

  get cells(): (MatrixCell | null)[] {
    this.#cells ??= this.statuses.map((_, column) => this.cellAt(column));
    return this.#cells;
  }

  cellAt(column: number): MatrixCell | null {
    const assignment = this.#assignments[column];
    const status = this.statuses[column];
    if (!assignment || !status) return null;
    const store = this.#store;
    const cell = this.#base + column;
    const completedAt = this.completedAt(column);
    return {
      assignment,
      status,
      isInProgress: store.isInProgress[cell] === 1,
      completedAt,
      completedOn: completedAt === null ? null : formatDate(completedAt, store.context.timeZone),
      score: this.score(column),
      certificateCode: null,
      certificateIssuedAt: null,
      // Statement ids are read for evidence only.
      statementIds:
        completedAt !== null && store.grid.lastStatementId
          ? this.#completion(column).statementIds
          : NO_STATEMENTS,
      certificateStatementId: null,
    };
  }

  completedAt(column: number): number | null {
    return presentNumber(this.#store.completedAt[this.#base + column]);
  }

  score(column: number): number | null {
    return presentNumber(this.#store.score[this.#base + column]);
  }

  #completion(column: number): ItemCompletion {
    const store = this.#store;
    const isTrack = store.items[column]?.type === 'track';
    return itemCompletion(isTrack, store.gridColumns[column] ?? [], this.#reader);
  }
}

const NO_STATEMENTS: readonly string[] = Object.freeze([]);

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
  const store = new MatrixStore(columns, members.length, records.completions, context);
  const rows = members.map((learner, index): MatrixRow => {
    const own = personal.get(learner.id);
    const assignments = own
      ? columns.map((item, column) => {
          const mine = own.get(item.key);
          const team = teamByColumn[column];
          return mine ? bindingAssignment(team, mine) : team;
        })
      : teamByColumn;
    return new LearnerRow(learner, index, store, assignments);
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
    for (const status of row.statuses) {
      if (!status) continue;
      assignedCells += 1;
      counts[status.code] += 1;
    }
  }
  const valid = counts.completed + counts.expiring;
  return {
    learners: matrix.rows.length,
    assignedCells,
    counts,
    completionPercent: assignedCells ? toPercent(valid / assignedCells) : 0,
  };
}
