import type { QueryResult } from './compare-results.ts';

/** Messages from the grading server to its query runner process. */
export type RunnerRequest =
  | { type: 'load'; id: number; datasets: string[] }
  | {
      type: 'query';
      id: number;
      datasets: string[];
      sql: string;
      maxRows: number;
      maxBytes: number;
    };

/** Why a query produced no result; `refused`: the allow-list refused it (message says why). */
export type RunnerFailure = 'sql' | 'refused' | 'rows' | 'size' | 'load';

/** Messages from the query runner process back to the server. */
export type RunnerReply =
  | { type: 'ready' }
  | { type: 'loaded'; id: number }
  | ({ type: 'result'; id: number; elapsedMs: number } & QueryResult)
  | { type: 'failed'; id: number; failure: RunnerFailure; code: string; message: string };

/** Settings passed to a runner process on its command line, as JSON. */
export interface RunnerSettings {
  /** Folder holding the datasets, absolute. */
  datasetsRoot: string;
  /** SQLite's hard heap limit in bytes for the whole runner process. */
  heapLimitBytes: number;
  /** Lab databases kept loaded at once; the least recently used is closed beyond this. */
  maxDatabases: number;
}
