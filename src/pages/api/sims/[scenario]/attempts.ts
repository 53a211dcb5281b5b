import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { postAttempt } from '../../../../lib/server/sims/attempt-actions.ts';

/** Verifies a simulation attempt: replays its action log on the server and records the result. */
export const POST: APIRoute = async ({ params, request, locals }) => {
  if (!locals.user)
    return Response.json({ error: 'Sign in to record simulation attempts.' }, { status: 401 });
  const db = await getDb();
  const outcome = await postAttempt(db, locals.user, params.scenario ?? '', request);
  if (!outcome.ok) return Response.json({ error: outcome.message }, { status: outcome.status });
  return Response.json(outcome.attempt, { status: outcome.isNew ? 201 : 200 });
};
