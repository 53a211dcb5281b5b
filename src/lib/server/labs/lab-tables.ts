import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetSchemaSchema, type DatasetTable } from './dataset-schema.ts';
import { DEFAULT_DATASETS_ROOT } from './dataset.ts';

const cache = new Map<string, Promise<DatasetTable[]>>();

async function readTables(root: string, name: string): Promise<DatasetTable[]> {
  const text = await readFile(join(resolve(root), name, 'schema.json'), 'utf8');
  return DatasetSchemaSchema.parse(JSON.parse(text)).tables;
}

/**
 * The tables of a lab's datasets with their columns, read from each schema.json (cached: content
 * ships with the build). The lab shows them to the learner and offers them for completion.
 */
export async function labTables(
  datasets: readonly string[],
  root = DEFAULT_DATASETS_ROOT,
): Promise<DatasetTable[]> {
  const lists = await Promise.all(
    datasets.map((name) => {
      const key = `${root}\0${name}`;
      let tables = cache.get(key);
      if (!tables) {
        tables = readTables(root, name);
        tables.catch(() => cache.delete(key));
        cache.set(key, tables);
      }
      return tables;
    }),
  );
  return lists.flat();
}

/** The browser's URL for a lab's data: one SQLite file holding every table of its datasets. */
export function labDataUrl(datasets: readonly string[]): string {
  return `/api/labs/datasets/${[...new Set(datasets)].sort().join('+')}`;
}
