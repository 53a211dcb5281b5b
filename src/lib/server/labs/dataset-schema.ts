import { z } from 'zod';

/** One column of a dataset table, as described in its schema.json. */
export const DatasetColumnSchema = z.object({
  /** Column name as used in SQL: lower snake case. */
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** SQLite storage type; an empty CSV field is NULL whatever the type. */
  type: z.enum(['TEXT', 'INTEGER', 'REAL']),
  /** Unit of measure, or null for identifiers, times and free text. */
  unit: z.string().min(1).nullable(),
  /** What the value means, in one or two sentences. */
  meaning: z.string().min(5),
});

/** One table of a dataset; its rows live in `<name>.csv` next to schema.json. */
export const DatasetTableSchema = z.object({
  /** Table name as used in SQL. */
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** What one row stands for. */
  description: z.string().min(5),
  columns: z.array(DatasetColumnSchema).min(1),
});

/** content/datasets/<name>/schema.json: what a dataset holds and how to read it. */
export const DatasetSchemaSchema = z.object({
  /** Title shown to learners. */
  title: z.string().min(5),
  /** Where the data comes from, its time zone and period. */
  description: z.string().min(20),
  tables: z.array(DatasetTableSchema).min(1),
});

export type DatasetColumn = z.output<typeof DatasetColumnSchema>;
export type DatasetTable = z.output<typeof DatasetTableSchema>;
export type DatasetSchema = z.output<typeof DatasetSchemaSchema>;

/** Builds a column description compactly; used by the dataset generators. */
export function column(
  name: string,
  type: DatasetColumn['type'],
  unit: string | null,
  meaning: string,
): DatasetColumn {
  return { name, type, unit, meaning };
}
