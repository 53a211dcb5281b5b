import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabCheck } from '../../content/lab.ts';
import { compareResults, type QueryResult, type ResultCell } from './compare-results.ts';
import { DEFAULT_DATASETS_ROOT } from './dataset.ts';
import { explainRunFailure, type RunError } from './run-errors.ts';
import { RunnerProcess } from './runner-process.ts';
import { GRADING_RUNNERS, GradingPool, type GradingRefusal } from './grading-pool.ts';
import { guardLabQuery } from './sql-guard.ts';

/** Limits every learner's query runs under. */
export const LAB_QUERY_LIMITS = {
  /** Wall-clock limit of one query; past it the runner process is killed and replaced. */
  timeMs: 2_000,
  /** Most rows a result may have. */
  maxRows: 10_000,
  /** Most bytes (roughly, as text) a result may have. */
  maxResultBytes: 4 * 1024 * 1024,
  /** SQLite heap limit of the runner process: long strings and blobs fail past it. */
  heapLimitBytes: 128 * 1024 * 1024,
  /** Time allowed to load a lab's datasets into a fresh runner. */
  loadMs: 60_000,
  /** Time allowed for a lab's own reference query. */
  referenceMs: 10_000,
} as const;

/** A learner's query to grade against a lab's check. */
export interface GradeRequest {
  /** Dataset names from content/datasets/. */
  datasets: string[];
  check: LabCheck;
  query: string;
}

/** The grade: the verdict with the learner's result, or why the query could not be graded. */
export type GradeResult =
  | {
      ok: true;
      passed: boolean;
      /** What matched, or what to fix. */
      reason: string;
      columns: string[];
      rows: ResultCell[][];
      rowCount: number;
      /** Time the learner's query took in the database, in ms. */
      elapsedMs: number;
    }
  | RunError
  | GradingRefusal;

/** Who asks for a grading, and the signal that says their request went away. */
export interface GradeOptions {
  /** One grading in flight per learner; a grading without a learner is limited by the queue only. */
  learnerId?: string;
  signal?: AbortSignal;
}

/** Where the runner script lives: next to this module in the sources, or under the project root. */
function runnerScriptPath(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'query-runner.ts');
  return existsSync(beside) ? beside : resolve('src/lib/server/labs/query-runner.ts');
}

let pool: GradingPool<RunnerProcess> | undefined;
let runners: RunnerProcess[] = [];
let datasetsRoot = resolve(DEFAULT_DATASETS_ROOT);
const references = new Map<string, Promise<QueryResult>>();
const MAX_REFERENCES = 200;

function getPool(): GradingPool<RunnerProcess> {
  if (pool) return pool;
  runners = Array.from(
    { length: GRADING_RUNNERS },
    () =>
      new RunnerProcess({
        scriptPath: runnerScriptPath(),
        datasetsRoot,
        heapLimitBytes: LAB_QUERY_LIMITS.heapLimitBytes,
        maxDatabases: 6,
        maxOldSpaceMb: 256,
      }),
  );
  pool = new GradingPool(runners);
  return pool;
}

/** Points grading at another datasets folder (tests); stops the current runner. */
export function configureLabGrading(options: { datasetsRoot: string }): void {
  closeLabGrading();
  datasetsRoot = resolve(options.datasetsRoot);
}

/** Stops the runner process and forgets cached reference results. */
export function closeLabGrading(): void {
  for (const runner of runners) runner.close();
  runners = [];
  pool = undefined;
  references.clear();
}

async function runReference(
  runner: RunnerProcess,
  datasets: string[],
  reference: string,
): Promise<QueryResult> {
  const guarded = guardLabQuery(reference);
  if (!guarded.ok) throw new Error(`The lab's reference query is refused: ${guarded.error}`);
  const outcome = await runner.query(
    {
      datasets,
      sql: guarded.sql,
      maxRows: LAB_QUERY_LIMITS.maxRows,
      maxBytes: LAB_QUERY_LIMITS.maxResultBytes,
    },
    { loadMs: LAB_QUERY_LIMITS.loadMs, queryMs: LAB_QUERY_LIMITS.referenceMs },
  );
  if (!outcome.ok) {
    const detail =
      outcome.failure === 'load' || outcome.failure === 'sql' ? outcome.message : outcome.failure;
    throw new Error(`The lab's reference query failed on ${datasets.join(', ')}: ${detail}`);
  }
  return { columns: outcome.columns, rows: outcome.rows };
}

/**
 * The result of a lab's reference query, run once per runner lifetime of the server and cached.
 * Throws when the reference itself fails: that is a broken lab, not a learner's mistake.
 */
export async function referenceResult(datasets: string[], reference: string): Promise<QueryResult> {
  const graded = await getPool().run(crypto.randomUUID(), undefined, (runner) =>
    referenceOn(runner, datasets, reference),
  );
  if (!graded.ok) throw new Error(`The lab's reference query could not run: ${graded.error}`);
  return graded.value;
}

function referenceOn(
  runner: RunnerProcess,
  datasets: string[],
  reference: string,
): Promise<QueryResult> {
  const key = `${[...datasets].sort().join('+')}\n${reference}`;
  let result = references.get(key);
  if (!result) {
    result = runReference(runner, datasets, reference);
    result.catch(() => references.delete(key));
    if (references.size >= MAX_REFERENCES) references.delete(references.keys().next().value ?? '');
    references.set(key, result);
  }
  return result;
}

/**
 * Grades a learner's lab query on the server: refuses anything but one SELECT, runs it in the
 * query runner process on a read-only in-memory copy of the lab's datasets under time, row, size
 * and memory limits, and compares the result with the reference query's under the lab's check.
 */
export async function gradeLabQuery(
  request: GradeRequest,
  options: GradeOptions = {},
): Promise<GradeResult> {
  const guarded = guardLabQuery(request.query);
  if (!guarded.ok)
    return { ok: false, status: 422, error: guarded.error, position: guarded.position };
  const graded = await getPool().run(
    options.learnerId ?? crypto.randomUUID(),
    options.signal,
    (runner) => gradeOn(runner, request, guarded.sql),
  );
  return graded.ok ? graded.value : graded;
}

async function gradeOn(
  runner: RunnerProcess,
  request: GradeRequest,
  sql: string,
): Promise<GradeResult> {
  const expected = await referenceOn(runner, request.datasets, request.check.reference);
  const outcome = await runner.query(
    {
      datasets: request.datasets,
      sql,
      maxRows: LAB_QUERY_LIMITS.maxRows,
      maxBytes: LAB_QUERY_LIMITS.maxResultBytes,
    },
    { loadMs: LAB_QUERY_LIMITS.loadMs, queryMs: LAB_QUERY_LIMITS.timeMs },
  );
  if (!outcome.ok) {
    if (outcome.failure === 'load')
      throw new Error(`Lab datasets failed to load: ${outcome.message}`);
    return explainRunFailure(outcome, request.query, LAB_QUERY_LIMITS);
  }
  const { passed, reason } = compareResults(expected, outcome, request.check);
  return {
    ok: true,
    passed,
    reason,
    columns: outcome.columns,
    rows: outcome.rows,
    rowCount: outcome.rows.length,
    elapsedMs: outcome.elapsedMs,
  };
}
