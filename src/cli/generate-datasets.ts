// Writes the lab datasets under content/datasets/ (or --out DIR) from a fixed seed, so the same
// seed always gives byte-identical files. Run with: npx node src/cli/generate-datasets.ts
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_DATASET_SEED, writeDatasets } from '../lib/server/labs/datasets/write-datasets.ts';

const OptionsSchema = z.object({
  out: z.string().min(1).default('content/datasets'),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(DEFAULT_DATASET_SEED),
});

async function run(argv: string[]): Promise<number> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`generate-datasets: ${error instanceof Error ? error.message : String(error)}`);
    console.error('usage: generate-datasets [--out DIR] [--seed N]');
    return 1;
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`generate-datasets: --${issue?.path.join('.')}: ${issue?.message}`);
    return 1;
  }
  const outDir = resolve(parsed.data.out);
  const written = await writeDatasets(outDir, parsed.data.seed);
  let total = 0;
  for (const dataset of written) {
    for (const file of dataset.files) {
      total += file.bytes;
      const rows = file.rows === undefined ? '' : ` (${file.rows} rows)`;
      console.log(`${dataset.name}/${file.file}: ${(file.bytes / 1024).toFixed(1)} KiB${rows}`);
    }
  }
  console.log(
    `wrote ${written.length} datasets to ${outDir}: ${(total / 1048576).toFixed(2)} MiB, seed ${parsed.data.seed}`,
  );
  return 0;
}

process.exitCode = await run(process.argv.slice(2));
