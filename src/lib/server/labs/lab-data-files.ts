import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { readContent } from '../../content/content-files.ts';
import { buildSqliteFile } from './dataset-file.ts';
import { DEFAULT_DATASETS_ROOT, loadDataset } from './dataset.ts';

/** One prebuilt lab data file as the manifest describes it. */
const LabDataEntrySchema = z.object({
  /** Strong validator: the hash of the SQLite bytes. */
  etag: z.string(),
  /** Size of the SQLite file and of its gzip form, in bytes. */
  bytes: z.number().int(),
  gzipBytes: z.number().int(),
});
const LabDataManifestSchema = z.object({
  /** Keyed by the sorted dataset names joined with '+', as labDataUrl writes them. */
  files: z.record(z.string(), LabDataEntrySchema),
});

/** A prebuilt lab data file, ready to stream from disk. */
export interface LabDataFile extends z.output<typeof LabDataEntrySchema> {
  path: string;
  gzipPath: string;
}

/** The key (and URL segment) of a set of datasets: sorted, unique, joined with '+'. */
export function labDataKey(datasets: readonly string[]): string {
  return [...new Set(datasets)].sort().join('+');
}

/** Where the build puts lab data files: `lab-data` beside the server build. */
export function labDataDir(): string {
  return resolve(process.env['SWITCHYARD_DIST_DIR'] || 'dist', 'lab-data');
}

/** Every combination of datasets some lab lesson under `root`/content/courses loads. */
export function labCombinations(root = process.cwd()): string[][] {
  const keys = new Set<string>();
  for (const course of readContent(root).courses.values()) {
    for (const lesson of course.lessons)
      if (lesson.data.lab) keys.add(labDataKey(lesson.data.lab.datasets));
  }
  return [...keys].sort().map((key) => key.split('+'));
}

/**
 * Builds one SQLite file (and its gzip form) per dataset combination labs use, with a manifest,
 * into `dir`: done once at build time so that no request ever builds data.
 */
export async function writeLabDataFiles(
  dir: string,
  root = process.cwd(),
): Promise<{ files: number; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, z.output<typeof LabDataEntrySchema>> = {};
  let total = 0;
  for (const names of labCombinations(root)) {
    const key = labDataKey(names);
    const datasetsRoot = join(root, DEFAULT_DATASETS_ROOT);
    const loaded = await Promise.all(
      names.map((name) => loadDataset(name, { root: datasetsRoot })),
    );
    const file = await buildSqliteFile(loaded.flatMap((dataset) => dataset.tables));
    await writeFile(join(dir, `${key}.sqlite`), file.bytes);
    await writeFile(join(dir, `${key}.sqlite.gz`), file.gzip);
    files[key] = { etag: file.etag, bytes: file.bytes.byteLength, gzipBytes: file.gzip.byteLength };
    total += file.bytes.byteLength + file.gzip.byteLength;
  }
  const manifest = join(dir, 'manifest.json');
  await writeFile(`${manifest}.tmp`, JSON.stringify({ files }, null, 2));
  await rename(`${manifest}.tmp`, manifest);
  return { files: Object.keys(files).length, bytes: total };
}

const manifests = new Map<string, Promise<z.output<typeof LabDataManifestSchema>>>();

async function readManifest(dir: string): Promise<z.output<typeof LabDataManifestSchema>> {
  const path = join(dir, 'manifest.json');
  // A development server has no build output yet: build the files once, as a build would.
  if (!existsSync(path)) await writeLabDataFiles(dir);
  return LabDataManifestSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/**
 * The prebuilt data file for a URL segment such as `asset-health+asset-register`, or null when no
 * lab uses that combination (nothing else is ever served or built).
 */
export async function findLabDataFile(
  segment: string,
  dir = labDataDir(),
): Promise<LabDataFile | null> {
  let manifest = manifests.get(dir);
  if (!manifest) {
    manifest = readManifest(dir);
    manifest.catch(() => manifests.delete(dir));
    manifests.set(dir, manifest);
  }
  const { files } = await manifest;
  const entry = Object.hasOwn(files, segment) ? files[segment] : undefined;
  if (!entry) return null;
  return {
    ...entry,
    path: join(dir, `${segment}.sqlite`),
    gzipPath: join(dir, `${segment}.sqlite.gz`),
  };
}
