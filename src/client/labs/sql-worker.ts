// Runs lab queries with SQLite compiled to WebAssembly, off the page's thread, so a slow query can be
// stopped by ending the worker. The .wasm file is bundled by Vite and served from our own origin.
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { ResultCell } from '../../lib/shared/labs/chart-shape.ts';
import {
  COUNTED_ROWS,
  KEPT_ROWS,
  MAX_CELL_CHARS,
  type LocalResult,
  type WorkerRequest,
  type WorkerResponse,
} from './sql-protocol.ts';

interface WorkerScope {
  postMessage: (message: WorkerResponse) => void;
  addEventListener: (
    type: 'message',
    listener: (event: MessageEvent<WorkerRequest>) => void,
  ) => void;
}
const scope = globalThis as unknown as WorkerScope;
// SQLite's own math functions instead of sql.js's deprecated ones (which warn on every call).
const sqlConfig = { locateFile: () => wasmUrl, useOldExtensionFunctions: false };
const sqlReady = initSqlJs(sqlConfig);
let db: Database | null = null;

/** A problem with the request itself, already in plain words (not an error from SQLite). */
class LabRunError extends Error {}

async function open(datasetUrl: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const [SQL, response] = await Promise.all([sqlReady, fetch(datasetUrl)]);
  if (!response.ok) throw new LabRunError(`the server answered HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  db?.close();
  db = new SQL.Database(bytes);
  // The learner's copy is read-only, like the server's: a stray UPDATE cannot change later answers.
  db.run('PRAGMA query_only = 1');
  return { ms: performance.now() - started, bytes: bytes.byteLength };
}

/** True when SQL text holds nothing but whitespace, semicolons and comments. */
function isBlankSql(text: string): boolean {
  return !text
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/[\s;]/g, '');
}

function toCell(value: SqlValue): ResultCell {
  if (value instanceof Uint8Array) return `[binary, ${value.byteLength} bytes]`;
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
    return `${value.slice(0, MAX_CELL_CHARS)}… (${value.length.toLocaleString('en-US')} characters)`;
  }
  return value;
}

function run(query: string): LocalResult {
  if (!db) throw new LabRunError('The lab data is not loaded yet.');
  if (isBlankSql(query)) throw new LabRunError('Write a query first.');
  const started = performance.now();
  const statements = db.iterateStatements(query);
  const first = statements.next();
  if (first.done) throw new LabRunError('Write a query first.');
  const statement = first.value;
  try {
    if (!isBlankSql(statements.getRemainingSQL())) {
      throw new LabRunError(
        'Run one query at a time: remove everything after the first semicolon.',
      );
    }
    const columns = statement.getColumnNames();
    if (columns.length === 0) {
      throw new LabRunError(
        'This statement returns no rows. A lab is answered with a SELECT query.',
      );
    }
    const rows: ResultCell[][] = [];
    let rowCount = 0;
    while (statement.step()) {
      rowCount++;
      if (rows.length < KEPT_ROWS) rows.push(statement.get().map(toCell));
      if (rowCount >= COUNTED_ROWS) break;
    }
    return {
      columns,
      rows,
      rowCount,
      isCountCapped: rowCount >= COUNTED_ROWS,
      ms: performance.now() - started,
    };
  } finally {
    statement.free();
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'open') {
    open(request.datasetUrl).then(
      (opened) => scope.postMessage({ type: 'opened', id: request.id, ...opened }),
      (error: unknown) =>
        scope.postMessage({
          type: 'error',
          id: request.id,
          message: `The lab data could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
          isFromSqlite: false,
        }),
    );
    return;
  }
  try {
    scope.postMessage({ type: 'result', id: request.id, result: run(request.query) });
  } catch (error) {
    scope.postMessage(failure(request.id, error));
  }
});

function failure(id: number, error: unknown): WorkerResponse {
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'error', id, message, isFromSqlite: !(error instanceof LabRunError) };
}
