// The query runner: a child process that holds read-only in-memory libSQL databases of lab
// datasets and runs learners' queries on them. The server kills it when a query overruns its time
// limit, so a runaway query never blocks the server; SQLite's heap limit caps its memory.
import { createClient, type Client } from '@libsql/client';
import { loadDataset } from './dataset.ts';
import type { ResultCell } from './compare-results.ts';
import type { RunnerReply, RunnerRequest, RunnerSettings } from './runner-protocol.ts';

const settings = JSON.parse(process.argv[2] ?? '{}') as RunnerSettings;
const databases = new Map<string, Promise<Client>>();
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const ROWS_PER_INSERT = 400;

function send(reply: RunnerReply): void {
  process.send?.(reply);
}

async function buildDatabase(names: string[]): Promise<Client> {
  const client = createClient({ url: ':memory:', intMode: 'bigint' });
  for (const name of names) {
    const dataset = await loadDataset(name, { root: settings.datasetsRoot });
    for (const { table, rows } of dataset.tables) {
      const columns = table.columns.map((c) => `${quote(c.name)} ${c.type}`).join(', ');
      await client.execute(`CREATE TABLE ${quote(table.name)} (${columns})`);
      const placeholders = `(${table.columns.map(() => '?').join(',')})`;
      const inserts = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        const values = chunk.map(() => placeholders).join(',');
        inserts.push({
          sql: `INSERT INTO ${quote(table.name)} VALUES ${values}`,
          args: chunk.flat(),
        });
      }
      await client.batch(inserts, 'write');
    }
  }
  await client.execute('PRAGMA query_only = 1');
  return client;
}

/** The read-only database holding exactly these datasets, built on first use. */
function openDatabase(names: string[]): Promise<Client> {
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
    void old.then((client) => client.close()).catch(() => {});
  }
  return database;
}

function toCell(value: unknown): ResultCell {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
  }
  if (value instanceof ArrayBuffer) return `x'${Buffer.from(value).toString('hex')}'`;
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
  const client = await openDatabase(request.datasets);
  const started = performance.now();
  const result = await client.execute(
    `SELECT * FROM (\n${request.sql}\n) LIMIT ${request.maxRows + 1}`,
  );
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
    const code = (error as { code?: unknown }).code;
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

const heap = createClient({ url: ':memory:' });
await heap.execute(`PRAGMA hard_heap_limit = ${Math.floor(settings.heapLimitBytes)}`);
heap.close();
process.on('message', (request: RunnerRequest) => void handle(request));
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
