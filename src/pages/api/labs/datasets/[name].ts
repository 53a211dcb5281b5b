import type { APIRoute } from 'astro';
import { findLabDataFile } from '../../../../lib/server/labs/lab-data-files.ts';
import { streamFile } from '../../../../lib/server/http/file-response.ts';

/** True when an If-None-Match header lists this strong ETag (or `*`). */
function isNotModified(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => ['*', etag, `W/${etag}`].includes(tag.trim()));
}

/**
 * A lab's data for the browser: `<dataset>[+<dataset>...]` as one SQLite database file built at
 * build time, gzipped when the browser accepts it and revalidated by ETag. Only the combinations
 * labs use exist; anything else is a 404 and costs nothing.
 */
export const GET: APIRoute = async ({ params, request }) => {
  const segment = params.name ?? '';
  const file = await findLabDataFile(segment);
  if (!file) {
    return Response.json(
      { error: `No lab uses the data "${segment.slice(0, 200)}". Open the lab from its lesson.` },
      { status: 404 },
    );
  }
  const headers = new Headers({
    'cache-control': 'public, no-cache',
    etag: file.etag,
    vary: 'accept-encoding',
  });
  if (isNotModified(request.headers.get('if-none-match'), file.etag))
    return new Response(null, { status: 304, headers });
  headers.set('content-type', 'application/vnd.sqlite3');
  const isGzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  if (isGzip) headers.set('content-encoding', 'gzip');
  headers.set('content-length', String(isGzip ? file.gzipBytes : file.bytes));
  return streamFile(isGzip ? file.gzipPath : file.path, headers);
};
