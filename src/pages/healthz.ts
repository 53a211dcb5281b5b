import type { APIRoute } from 'astro';
import { checkDatabase } from '../lib/server/health.ts';

/** Liveness and database reachability, for load balancers and operators. */
export const GET: APIRoute = async () => {
  const isDbOk = await checkDatabase();
  return Response.json(
    { status: isDbOk ? 'ok' : 'error', db: isDbOk ? 'ok' : 'error' },
    { status: isDbOk ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
};
