import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseCsv } from './csv.ts';
import { DatasetSchemaSchema, type DatasetColumn, type DatasetTable } from './dataset-schema.ts';

/** A cell of a loaded table: TEXT as string, INTEGER and REAL as number, NULL as null. */
export type DatasetValue = string | number | null;

/** One table with its description and typed rows, in schema column order. */
export interface LoadedTable {
  table: DatasetTable;
  rows: DatasetValue[][];
}

/** A dataset read from content/datasets/<name>/. */
export interface LoadedDataset {
  name: string;
  title: string;
  description: string;
  tables: LoadedTable[];
}

/** Where datasets live unless a caller says otherwise: content/datasets under the working directory. */
export const DEFAULT_DATASETS_ROOT = 'content/datasets';

const DATASET_NAME = /^[a-z0-9-]+$/;

function typeValue(text: string | null, column: DatasetColumn, where: string): DatasetValue {
  if (text === null) return null;
  if (column.type === 'TEXT') return text;
  const value = Number(text);
  const isValid =
    text.trim() !== '' &&
    (column.type === 'REAL' ? Number.isFinite(value) : Number.isSafeInteger(value));
  if (!isValid)
    throw new Error(`${where}: "${text}" is not a valid ${column.type} for ${column.name}`);
  return value;
}

async function loadTable(folder: string, name: string, table: DatasetTable): Promise<LoadedTable> {
  const file = `${name}/${table.name}.csv`;
  const [header, ...records] = parseCsv(await readFile(join(folder, `${table.name}.csv`), 'utf8'));
  const expected = table.columns.map((c) => c.name);
  if (header?.join(',') !== expected.join(',')) {
    throw new Error(
      `${file}: header ${header?.join(',')} does not match schema ${expected.join(',')}`,
    );
  }
  const rows = records.map((record, index) => {
    const where = `${file} line ${index + 2}`;
    if (record.length !== expected.length) {
      throw new Error(`${where}: ${record.length} fields, expected ${expected.length}`);
    }
    return table.columns.map((column, i) => typeValue(record[i] ?? null, column, where));
  });
  return { table, rows };
}

/**
 * Reads a dataset's schema.json and CSV files and types every value by its column's SQLite type.
 * Throws when the name is not a dataset name or the files do not match their schema.
 */
export async function loadDataset(
  name: string,
  options: { root?: string } = {},
): Promise<LoadedDataset> {
  if (!DATASET_NAME.test(name)) throw new Error(`"${name}" is not a dataset name`);
  const folder = resolve(options.root ?? DEFAULT_DATASETS_ROOT, name);
  const schema = DatasetSchemaSchema.parse(
    JSON.parse(await readFile(join(folder, 'schema.json'), 'utf8')),
  );
  const tables = await Promise.all(schema.tables.map((table) => loadTable(folder, name, table)));
  return { name, title: schema.title, description: schema.description, tables };
}
