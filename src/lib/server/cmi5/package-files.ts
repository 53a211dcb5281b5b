import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { cmi5PackageFiles } from '../../../../db/schema.ts';
import { resolvePackagePath } from './package.ts';

/**
 * Headers of every package file: the sandbox gives the content an opaque origin, so its scripts
 * can read neither Switchyard's cookies nor its pages; it may be framed only by Switchyard.
 */
export const PACKAGE_CONTENT_POLICY =
  "sandbox allow-scripts allow-forms allow-popups; frame-ancestors 'self'";

/** The path prefix package files are served under: /cmi5/content/<version id>/<path>. */
export const PACKAGE_CONTENT_PREFIX = '/cmi5/content/';

/** The path prefix of launch fetch URLs (cmi5 8.2): /cmi5/fetch/<single-use key>. */
export const FETCH_PREFIX = '/cmi5/fetch/';

/** The URL path of a file of a version's package. */
export function packageFilePath(versionId: string, path: string): string {
  return `${PACKAGE_CONTENT_PREFIX}${versionId}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** Answers a GET for a package file (404 when the version or path is unknown). */
export async function servePackageFile(
  db: Database,
  versionId: string,
  rawPath: string,
): Promise<Response> {
  const path = resolvePackagePath(rawPath);
  const rows = path
    ? await db
        .select({ contentType: cmi5PackageFiles.contentType, body: cmi5PackageFiles.body })
        .from(cmi5PackageFiles)
        .where(and(eq(cmi5PackageFiles.versionId, versionId), eq(cmi5PackageFiles.path, path)))
        .limit(1)
    : [];
  const row = rows[0];
  const headers = new Headers({
    'Content-Security-Policy': PACKAGE_CONTENT_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'private, max-age=3600',
  });
  if (!row) {
    headers.set('Content-Type', 'text/plain; charset=utf-8');
    return new Response('This file is not part of the course package.', { status: 404, headers });
  }
  headers.set('Content-Type', row.contentType);
  return new Response(new Uint8Array(row.body), { status: 200, headers });
}
