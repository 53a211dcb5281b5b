import type { APIRoute } from 'astro';
import { runCmi5Api } from '../../../../../lib/server/cmi5/api-route.ts';
import { apiAbandon } from '../../../../../lib/server/cmi5/launch-actions.ts';
import { recordBase } from '../../../../../lib/server/learning-record/record-base.ts';

/** Marks an open AU session abandoned (cmi5 9.3.6). */
export const POST: APIRoute = ({ request, params }) =>
  runCmi5Api(request, (db) => apiAbandon(db, params['id'] ?? '', recordBase(db)));
