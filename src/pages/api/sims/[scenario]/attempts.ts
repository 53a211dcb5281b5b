import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import {
  AttemptSubmissionSchema,
  SIM_ATTEMPT_BODY_LIMIT,
  submitAttempt,
} from '../../../../lib/server/sims/attempts.ts';
import { readJson } from '../../../../lib/server/http/json.ts';
import { getCatalog } from '../../../../lib/server/courses/catalog.ts';

/** Verifies a simulation attempt: replays its action log on the server and records the result. */
export const POST: APIRoute = async ({ params, request, locals }) => {
  if (!locals.user)
    return Response.json({ error: 'Sign in to record simulation attempts.' }, { status: 401 });
  const body = await readJson(request, SIM_ATTEMPT_BODY_LIMIT);
  if (!body.ok) return Response.json({ error: body.message }, { status: body.status });
  const parsed = AttemptSubmissionSchema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json(
      { error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` },
      { status: 400 },
    );
  }
  const db = await getDb();
  const courses = (await getCatalog()).courses.values();
  const outcome = await submitAttempt(db, locals.user, params.scenario ?? '', parsed.data, courses);
  if (!outcome.ok) return Response.json({ error: outcome.message }, { status: outcome.status });
  return Response.json(outcome.attempt, { status: outcome.isNew ? 201 : 200 });
};
