import { buildSqliteFile, type DatasetFile } from './dataset-file.ts';
import { DEFAULT_DATASETS_ROOT, loadDataset } from './dataset.ts';

const files = new Map<string, Promise<DatasetFile>>();

/**
 * One SQLite file holding every table of the given datasets, as the browser runs it; built once
 * per process from content/datasets (content ships with the build) and kept with its gzip form.
 */
export function labDataFile(
  datasets: readonly string[],
  root = DEFAULT_DATASETS_ROOT,
): Promise<DatasetFile> {
  const names = [...new Set(datasets)].sort();
  const key = `${root}\0${names.join('+')}`;
  let file = files.get(key);
  if (!file) {
    file = (async () => {
      const loaded = await Promise.all(names.map((name) => loadDataset(name, { root })));
      return buildSqliteFile(loaded.flatMap((dataset) => dataset.tables));
    })();
    file.catch(() => files.delete(key));
    files.set(key, file);
  }
  return file;
}
