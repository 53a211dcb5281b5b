import { z } from 'zod';
import { STATUS_ORDER, type AssignmentStatusCode } from '../../shared/assignments/status.ts';
import type { ResolvedItem } from '../assignments/item-catalog.ts';
import type { MatrixRow, TeamMatrix } from './matrix.ts';

/** Rows of the matrix on one page of the team page. */
export const MATRIX_PAGE_SIZE = 100;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

/** The team page's query string: filters, sorting and page, all working without JavaScript. */
export const MatrixQuerySchema = z.object({
  /** Only learners with a cell in this status. */
  status: optional(
    z.enum(STATUS_ORDER as [AssignmentStatusCode, ...AssignmentStatusCode[]], {
      message: 'Choose one of the listed statuses.',
    }),
  ),
  /** Only this item's column (`type:id`). */
  item: optional(
    z.string().regex(/^(course|track|scenario):[a-z0-9-]+$/, 'Choose one of the assigned items.'),
  ),
  sort: optional(z.enum(['name', 'status'], { message: 'Sort by name or by status.' })),
  page: optional(
    z.coerce
      .number({ message: 'Use a page number.' })
      .int('Use a whole page number.')
      .min(1, 'Pages start at 1.')
      .max(1_000_000, 'Use a page number of the matrix (up to 1,000,000).'),
  ),
});

export type MatrixQuery = z.output<typeof MatrixQuerySchema>;

/** Reads the query string; a malformed value becomes a message for a 400 page. */
export function parseMatrixQuery(
  search: URLSearchParams,
): { ok: true; query: MatrixQuery } | { ok: false; message: string } {
  const parsed = MatrixQuerySchema.safeParse({
    status: search.get('status'),
    item: search.get('item'),
    sort: search.get('sort'),
    page: search.get('page'),
  });
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${String(issue?.path[0] ?? 'query')}: ${issue?.message ?? ''}` };
}

/** The matrix as the page shows it: chosen columns, filtered and sorted rows, one page of them. */
export interface MatrixView {
  items: ResolvedItem[];
  /** Index of each shown item in the matrix's items. */
  columns: number[];
  /** Every matching row (the CSV export takes them all). */
  rows: MatrixRow[];
  pageRows: MatrixRow[];
  page: number;
  pageCount: number;
}

/** The most urgent status among a row's shown cells (its rank in STATUS_ORDER). */
function urgency(row: MatrixRow, columns: number[]): number {
  let best = STATUS_ORDER.length;
  for (const index of columns) {
    const status = row.statuses[index];
    if (status) best = Math.min(best, STATUS_ORDER.indexOf(status.code));
  }
  return best;
}

/** Applies the filters and sorting of a query to the matrix. */
export function viewMatrix(
  matrix: TeamMatrix,
  query: MatrixQuery,
  pageSize = MATRIX_PAGE_SIZE,
): MatrixView {
  const columns = matrix.items.flatMap((item, index) =>
    !query.item || item.key === query.item ? [index] : [],
  );
  let rows = matrix.rows;
  if (query.status) {
    const status = query.status;
    rows = rows.filter((row) => columns.some((index) => row.statuses[index]?.code === status));
  }
  if (query.item) rows = rows.filter((row) => columns.some((index) => row.statuses[index]));
  if (query.sort === 'status') {
    const ranks = new Map(rows.map((row) => [row, urgency(row, columns)]));
    rows = [...rows].sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  }
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(query.page ?? 1, pageCount);
  return {
    items: columns.map((index) => matrix.items[index]!),
    columns,
    rows,
    pageRows: rows.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageCount,
  };
}

/** The query string keeping the matrix's filters and sort (not its page), `extra` set on top. */
export function matrixSearch(query: MatrixQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.item) params.set('item', query.item);
  if (query.sort) params.set('sort', query.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
