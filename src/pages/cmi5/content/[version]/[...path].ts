import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { servePackageFile } from '../../../../lib/server/cmi5/package-files.ts';

/** A file of an imported course package, sandboxed (see PACKAGE_CONTENT_POLICY). */
export const GET: APIRoute = async ({ params }) =>
  servePackageFile(await getDb(), params['version'] ?? '', params['path'] ?? '');
