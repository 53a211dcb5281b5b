import type { ResultCell } from '../../lib/shared/labs/chart-shape.ts';

/** Rows kept from a result for the table and the chart; the rest are only counted. */
export const KEPT_ROWS = 20_000;
/** Rows counted before the browser stops reading a result. */
export const COUNTED_ROWS = 1_000_000;
/** Longest text shown in a cell; longer values are cut with a note. */
export const MAX_CELL_CHARS = 2_000;

/** Messages the page sends to the SQL worker. */
export type WorkerRequest =
  { type: 'open'; id: number; datasetUrl: string } | { type: 'run'; id: number; query: string };

/** A query's result as computed in the browser. */
export interface LocalResult {
  columns: string[];
  rows: ResultCell[][];
  /** Rows the query returned (up to COUNTED_ROWS). */
  rowCount: number;
  /** True when the query returned more than COUNTED_ROWS rows and reading stopped. */
  isCountCapped: boolean;
  /** Time SQLite took, in milliseconds. */
  ms: number;
}

/** Messages the SQL worker sends back. */
export type WorkerResponse =
  | { type: 'opened'; id: number; ms: number; bytes: number }
  | { type: 'result'; id: number; result: LocalResult }
  /** `isFromSqlite`: SQLite's own message, to be explained; otherwise already in plain words. */
  | { type: 'error'; id: number; message: string; isFromSqlite: boolean };
