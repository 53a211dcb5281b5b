import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import initSqlJs, { type SqlJsStatic, type SqlValue } from 'sql.js';
import type { DatasetTable } from './dataset-schema.ts';

/** One table's description and rows, values already typed (numbers for INTEGER and REAL). */
export interface TableData {
  table: DatasetTable;
  rows: readonly (readonly (string | number | null)[])[];
}

/** A lab's data as one SQLite database file, ready to send to the browser. */
export interface DatasetFile {
  bytes: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  /** Strong validator: the hash of the bytes. */
  etag: string;
}

let engine: Promise<SqlJsStatic> | undefined;

/** SQLite compiled to WebAssembly, the same engine the browser runs. */
function sqlite(): Promise<SqlJsStatic> {
  engine ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = await readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    return initSqlJs({ wasmBinary: wasmBinary as ArrayBuffer });
  })();
  return engine;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Builds a SQLite database file holding the given tables, with their declared column types. */
export async function buildSqliteFile(tables: readonly TableData[]): Promise<DatasetFile> {
  const SQL = await sqlite();
  const db = new SQL.Database();
  try {
    db.run('BEGIN');
    for (const { table, rows } of tables) {
      const columns = table.columns.map((c) => `${quoteName(c.name)} ${c.type}`).join(', ');
      db.run(`CREATE TABLE ${quoteName(table.name)} (${columns})`);
      const insert = db.prepare(
        `INSERT INTO ${quoteName(table.name)} VALUES (${table.columns.map(() => '?').join(', ')})`,
      );
      for (const row of rows) insert.run(row as SqlValue[]);
      insert.free();
    }
    db.run('COMMIT');
    const bytes = new Uint8Array(db.export());
    return {
      bytes,
      gzip: new Uint8Array(gzipSync(bytes, { level: 6 })),
      etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`,
    };
  } finally {
    db.close();
  }
}
