import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/server/db.ts';
import { answerFetch } from '../../../lib/server/cmi5/fetch-endpoint.ts';

/** The single-use fetch URL of a launch (cmi5 8.2): POST only, answered to any origin. */
export const ALL: APIRoute = async ({ request, params }) =>
  answerFetch(await getDb(), request, params['key'] ?? '');
