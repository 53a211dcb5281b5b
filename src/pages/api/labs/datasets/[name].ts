import type { APIRoute } from 'astro';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { labDataFile } from '../../../../lib/server/labs/lab-data-file.ts';
import { DEFAULT_DATASETS_ROOT } from '../../../../lib/server/labs/dataset.ts';

const NAME = /^[a-z0-9-]+$/;

/**
 * A lab's data for the browser: `<dataset>[+<dataset>...]` as one SQLite database file, gzipped
 * when the browser accepts it, revalidated by ETag so a new deployment's data is picked up at once.
 */
export const GET: APIRoute = async ({ params, request }) => {
  const names = (params.name ?? '').split('+');
  const unknown = names.find(
    (name) => !NAME.test(name) || !existsSync(join(DEFAULT_DATASETS_ROOT, name, 'schema.json')),
  );
  if (unknown !== undefined) {
    return Response.json({ error: `There is no dataset named "${unknown}".` }, { status: 404 });
  }
  const file = await labDataFile(names);
  const headers = new Headers({
    'cache-control': 'public, no-cache',
    etag: file.etag,
    vary: 'accept-encoding',
  });
  if (request.headers.get('if-none-match') === file.etag)
    return new Response(null, { status: 304, headers });
  headers.set('content-type', 'application/vnd.sqlite3');
  const isGzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  if (isGzip) headers.set('content-encoding', 'gzip');
  const body = isGzip ? file.gzip : file.bytes;
  headers.set('content-length', String(body.byteLength));
  return new Response(body, { headers });
};
