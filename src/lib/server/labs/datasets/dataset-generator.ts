import type { CsvCell } from '../csv.ts';
import type { DatasetSchema } from '../dataset-schema.ts';

/** Rows of every table of a dataset, keyed by table name, in schema column order. */
export type GeneratedTables = Record<string, CsvCell[][]>;

/** Produces one dataset deterministically from a seed. */
export interface DatasetGenerator {
  /** Folder name under content/datasets/. */
  name: string;
  /** Written as schema.json. */
  schema: DatasetSchema;
  generate(seed: number): GeneratedTables;
}
