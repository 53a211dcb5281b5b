import type { APIRoute } from 'astro';
import { teamCsvResponse } from '../../../../lib/server/reports/csv-route.ts';

/** The team matrix as CSV (the page's filters apply). */
export const GET: APIRoute = ({ params, locals, url }) =>
  teamCsvResponse('matrix', {
    viewer: locals.user!,
    slug: params.slug ?? '',
    search: url.searchParams,
  });
