import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { readJson } from '../../../../lib/server/http/json.ts';
import { refusalPage } from '../../../../lib/server/labs/refusal-page.ts';
import { MAX_QUERY_CHARS } from '../../../../lib/shared/labs/limits.ts';
import { LabSubmissionSchema, submitLabQuery } from '../../../../lib/server/labs/submit.ts';

const BODY_LIMIT = MAX_QUERY_CHARS * 4 + 1_000;
const isForm = (request: Request) =>
  (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded');

/** Reads the body: JSON from the lab island, or the form the lab shows without JavaScript. */
async function readBody(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: string }> {
  if (!isForm(request)) {
    const body = await readJson(request, BODY_LIMIT);
    return body.ok ? body : { ok: false, status: body.status, error: body.message };
  }
  if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) {
    return {
      ok: false,
      status: 413,
      error: `A query may be at most ${MAX_QUERY_CHARS} characters long.`,
    };
  }
  const form = await request.formData().catch(() => null);
  return form
    ? { ok: true, value: { query: form.get('query') } }
    : { ok: false, status: 400, error: 'The form could not be read.' };
}

/** Grades a lab answer on the server: `{ query }` in, `{ passed, reason, columns, rows, rowCount }` out. */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const course = params.course ?? '';
  const lesson = params.lesson ?? '';
  const lessonPath = `/courses/${course}/${lesson}`;
  const fromForm = isForm(request);
  const refuse = (status: number, error: string, position?: unknown, retryAfter?: number) => {
    const response = fromForm
      ? refusalPage(status, error, `${lessonPath}#lab`)
      : Response.json({ error, ...(position ? { position } : {}) }, { status });
    if (retryAfter) response.headers.set('Retry-After', String(retryAfter));
    return response;
  };
  if (!locals.user) {
    if (fromForm) return redirect(`/login?next=${encodeURIComponent(lessonPath)}`, 303);
    return refuse(401, 'Sign in to have your answer checked.');
  }
  const body = await readBody(request);
  if (!body.ok) return refuse(body.status, body.error);
  const parsed = LabSubmissionSchema.safeParse(body.value);
  if (!parsed.success)
    return refuse(400, parsed.error.issues[0]?.message ?? 'The query could not be read.');
  const outcome = await submitLabQuery(
    await getDb(),
    locals.user,
    course,
    lesson,
    parsed.data,
    request.signal,
  );
  if (!outcome.ok && 'retryAfter' in outcome)
    return refuse(outcome.status, outcome.error, undefined, outcome.retryAfter);
  if (!outcome.ok) return refuse(outcome.status, outcome.error, outcome.position);
  // Without JavaScript the lesson page shows the verdict, read back from the learning record.
  if (fromForm) return redirect(`${lessonPath}?lab=checked#lab`, 303);
  const { ok: _ok, ...verdict } = outcome;
  return Response.json(verdict);
};
