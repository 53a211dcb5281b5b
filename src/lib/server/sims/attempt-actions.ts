import type { Database } from '../../../../db/client.ts';
import type { VerifiedAttempt } from '../../../sim/verified-attempt.ts';
import type { Learner } from '../completion/grading.ts';
import { getCatalog } from '../courses/catalog.ts';
import { readJson } from '../http/json.ts';
import { getSimCatalog } from './catalog.ts';
import { AttemptSubmissionSchema, SIM_ATTEMPT_BODY_LIMIT, submitAttempt } from './attempts.ts';

/** The attempts endpoint's answer: the verified attempt (new or stored), or why it was refused. */
export type AttemptPostResult =
  | { ok: true; attempt: VerifiedAttempt; isNew: boolean }
  | { ok: false; status: 400 | 404 | 409 | 413 | 415 | 503; message: string };

/**
 * Reads and checks a posted attempt, then has it replayed and graded; the grading transaction
 * completes whichever catalogue courses the verdict finishes.
 */
export async function postAttempt(
  db: Database,
  learner: Learner,
  scenarioId: string,
  request: Request,
): Promise<AttemptPostResult> {
  const body = await readJson(request, SIM_ATTEMPT_BODY_LIMIT);
  if (!body.ok) return body;
  const parsed = AttemptSubmissionSchema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
    return { ok: false, status: 400, message };
  }
  const [simulations, catalog] = await Promise.all([getSimCatalog(), getCatalog()]);
  return submitAttempt(db, learner, scenarioId, parsed.data, {
    simulations,
    courses: catalog.courses.values(),
  });
}
