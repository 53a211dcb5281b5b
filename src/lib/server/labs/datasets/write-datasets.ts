import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCsv } from '../csv.ts';
import { alarmLog } from './alarm-log.ts';
import { assetRegister } from './asset-register.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { feederLoadYear } from './feeder-load-year.ts';
import { pvPlant } from './pv-plant.ts';
import { assetHealth } from './asset-health.ts';
import { otCapture } from './ot-capture.ts';
import { scadaWeek } from './scada-week.ts';

/** Every lab dataset, in the order they are written. */
export const datasetGenerators: readonly DatasetGenerator[] = [
  scadaWeek,
  feederLoadYear,
  pvPlant,
  alarmLog,
  assetRegister,
  assetHealth,
  otCapture,
];

/** The seed the committed datasets were generated with. */
export const DEFAULT_DATASET_SEED = 20240708;

/** What was written for one dataset: its folder and the size of each file in bytes. */
export interface WrittenDataset {
  name: string;
  files: { file: string; bytes: number; rows?: number }[];
}

/** Generates every dataset from the seed and writes `<outDir>/<name>/schema.json` and `<table>.csv`. */
export async function writeDatasets(outDir: string, seed: number): Promise<WrittenDataset[]> {
  const written: WrittenDataset[] = [];
  for (const generator of datasetGenerators) {
    const folder = join(outDir, generator.name);
    await mkdir(folder, { recursive: true });
    const tables = generator.generate(seed);
    const schemaText = `${JSON.stringify(generator.schema, null, 2)}\n`;
    await writeFile(join(folder, 'schema.json'), schemaText);
    const files: WrittenDataset['files'] = [
      { file: 'schema.json', bytes: Buffer.byteLength(schemaText) },
    ];
    for (const table of generator.schema.tables) {
      const rows = tables[table.name];
      if (!rows) throw new Error(`${generator.name} produced no rows for table ${table.name}`);
      const csv = formatCsv(
        table.columns.map((c) => c.name),
        rows,
      );
      await writeFile(join(folder, `${table.name}.csv`), csv);
      files.push({ file: `${table.name}.csv`, bytes: Buffer.byteLength(csv), rows: rows.length });
    }
    written.push({ name: generator.name, files });
  }
  return written;
}
