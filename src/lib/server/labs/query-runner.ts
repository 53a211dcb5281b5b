// The query runner: a child process that holds read-only in-memory SQLite databases of lab
// datasets and runs learners' queries on them. SQLite's authorizer lets a query do only what the
// allow-list says (sql-allow-list.ts). The server kills the process when a query overruns its time
// limit, so a runaway query never blocks the server; SQLite's heap limit caps its memory.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { loadDataset } from './dataset.ts';
import type { ResultCell } from './compare-results.ts';
import type { RunnerReply, RunnerRequest, RunnerSettings } from './runner-protocol.ts';
import { labAuthorizer, type LabAuthorizer } from './sql-allow-list.ts';

const settings = JSON.parse(process.argv[2] ?? '{}') as RunnerSettings;
/** A lab database and the authorizer every query on it runs under. */
interface LabDatabase {
  db: DatabaseSync;
  authorizer: LabAuthorizer;
}
const databases = new Map<string, Promise<LabDatabase>>();
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** SQLite result codes the server tells apart (out of memory, too big, refused). */
const CODES: Record<number, string> = { 7: 'SQLITE_NOMEM', 18: 'SQLITE_TOOBIG', 23: 'SQLITE_AUTH' };

function send(reply: RunnerReply): void {
  process.send?.(reply);
}

async function buildDatabase(names: string[]): Promise<LabDatabase> {
  // No value over 16 MB (a lab result is at most 4 MB) and no attached databases at all.
  const db = new DatabaseSync(':memory:', { limits: { length: 16 * 1024 * 1024, attach: 0 } });
  const tables: string[] = [];
  db.exec('BEGIN');
  for (const name of names) {
    const dataset = await loadDataset(name, { root: settings.datasetsRoot });
    for (const { table, rows } of dataset.tables) {
      const columns = table.columns.map((c) => `${quote(c.name)} ${c.type}`).join(', ');
      db.exec(`CREATE TABLE ${quote(table.name)} (${columns})`);
      const insert = db.prepare(
        `INSERT INTO ${quote(table.name)} VALUES (${table.columns.map(() => '?').join(',')})`,
      );
      for (const row of rows) insert.run(...(row as SQLInputValue[]));
      tables.push(table.name);
    }
  }
  db.exec('COMMIT');
  db.exec('PRAGMA query_only = 1');
  db.enableDefensive(true);
  const authorizer = labAuthorizer(tables);
  db.setAuthorizer(authorizer.authorize);
  return { db, authorizer };
}

/** The read-only database holding exactly these datasets, built on first use. */
function openDatabase(names: string[]): Promise<LabDatabase> {
  const key = [...names].sort().join('+');
  let database = databases.get(key);
  if (database) databases.delete(key);
  else {
    database = buildDatabase([...names].sort());
    database.catch(() => databases.delete(key));
  }
  databases.set(key, database);
  for (const [oldKey, old] of databases) {
    if (databases.size <= settings.maxDatabases) break;
    databases.delete(oldKey);
    void old.then(({ db }) => db.close()).catch(() => {});
  }
  return database;
}

function toCell(value: unknown): ResultCell {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
  }
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString('hex')}'`;
  return String(value);
}

/** SQLite names a repeated column `name:1` in a subquery; give back the name the query wrote. */
function originalNames(columns: string[]): string[] {
  return columns.map((name, i) => {
    const base = /^(.*):\d+$/.exec(name)?.[1];
    return base !== undefined && columns.slice(0, i).includes(base) ? base : name;
  });
}

async function runQuery(request: Extract<RunnerRequest, { type: 'query' }>): Promise<void> {
  const { db, authorizer } = await openDatabase(request.datasets);
  const started = performance.now();
  authorizer.reset();
  let result: { rows: unknown[][]; columns: string[] };
  try {
    const statement = db.prepare(`SELECT * FROM (\n${request.sql}\n) LIMIT ${request.maxRows + 1}`);
    statement.setReadBigInts(true);
    statement.setReturnArrays(true);
    result = {
      rows: statement.all() as unknown as unknown[][],
      columns: statement.columns().map((column) => column.name),
    };
  } catch (error) {
    // SQLite asks the authorizer while preparing, and for pragma functions while reading rows.
    const refusal = authorizer.lastRefusal();
    if (refusal === null) throw error;
    send({
      type: 'failed',
      id: request.id,
      failure: 'refused',
      code: 'SQLITE_AUTH',
      message: refusal,
    });
    return;
  }
  const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  if (result.rows.length > request.maxRows) {
    send({
      type: 'failed',
      id: request.id,
      failure: 'rows',
      code: 'ROWS',
      message: String(request.maxRows),
    });
    return;
  }
  let bytes = 0;
  const rows: ResultCell[][] = [];
  for (const row of result.rows) {
    const cells = result.columns.map((_, i) => toCell(row[i]));
    for (const cell of cells) bytes += typeof cell === 'string' ? cell.length + 3 : 9;
    if (bytes > request.maxBytes) {
      send({
        type: 'failed',
        id: request.id,
        failure: 'size',
        code: 'SIZE',
        message: String(request.maxBytes),
      });
      return;
    }
    rows.push(cells);
  }
  send({ type: 'result', id: request.id, elapsedMs, columns: originalNames(result.columns), rows });
}

async function handle(request: RunnerRequest): Promise<void> {
  try {
    if (request.type === 'load') {
      await openDatabase(request.datasets);
      send({ type: 'loaded', id: request.id });
    } else {
      await runQuery(request);
    }
  } catch (error) {
    const failure = request.type === 'load' ? 'load' : 'sql';
    const errcode = (error as { errcode?: unknown }).errcode;
    const code = typeof errcode === 'number' ? (CODES[errcode] ?? 'SQLITE_ERROR') : undefined;
    const message = error instanceof Error ? error.message : String(error);
    send({
      type: 'failed',
      id: request.id,
      failure,
      code: typeof code === 'string' ? code : 'ERROR',
      message,
    });
  }
}

const heap = new DatabaseSync(':memory:');
heap.exec(`PRAGMA hard_heap_limit = ${Math.floor(settings.heapLimitBytes)}`);
heap.close();
process.on('message', (request: RunnerRequest) => void handle(request));
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
