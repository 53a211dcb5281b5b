import type { APIRoute } from 'astro';
import { teamCsvResponse } from '../../../../lib/server/reports/csv-route.ts';

/** Audit evidence as CSV: dated completions, certificates and statement ids per learner and item. */
export const GET: APIRoute = ({ params, locals, url }) =>
  teamCsvResponse('evidence', {
    viewer: locals.user!,
    slug: params.slug ?? '',
    search: url.searchParams,
  });
