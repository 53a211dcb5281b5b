import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import type { SessionUser } from '../auth/session.ts';
import { userAgent, userIdOf } from '../learning-record/actor-key.ts';
import { AgentSchema } from '../learning-record/agent-schema.ts';
import { readJson } from '../http/json.ts';
import { abandonSession } from './abandon.ts';
import { launchAu, type LaunchResult } from './launch.ts';
import { findRegistration } from './registrations.ts';
import { findSession } from './sessions.ts';
import { waiveAu, type WaiveResult } from './waiver.ts';

/** Most bytes of a JSON body of the cmi5 API's launch, waive and abandon calls. */
const JSON_LIMIT = 16 * 1024;

const LaunchModeSchema = z.enum(['Normal', 'Browse', 'Review'], {
  message: 'launchMode must be Normal, Browse or Review.',
});

/** `POST /api/cmi5/courses/<id>/aus/<index>/launches`. */
export const ApiLaunchSchema = z.object({
  /** The learner: an Agent with an account (cmi5 9.2); a Switchyard account is that learner. */
  actor: AgentSchema.refine((agent) => agent.account !== undefined, {
    message: 'actor needs an account ({ homePage, name }), as cmi5 9.2 requires.',
  }),
  registration: z.uuid({ message: 'registration must be a UUID.' }).optional(),
  launchMode: LaunchModeSchema.default('Normal'),
  returnUrl: z.url({ message: 'returnUrl must be an absolute URL.' }).optional(),
});

/** `POST /api/cmi5/registrations/<registration>/aus/<index>/waive`. */
export const WaiveSchema = z.object({
  reason: z
    .string({ message: 'Give the reason for the waiver.' })
    .trim()
    .min(3, 'Give the reason for the waiver (at least 3 characters).')
    .max(500, 'The reason is at most 500 characters.'),
});

const IndexSchema = z.coerce.number().int().min(0).max(100_000);

/** An answer of the cmi5 API. */
export type ApiAnswer = { status: number; body: unknown };

const fail = (status: number, message: string): ApiAnswer => ({ status, body: { message } });

async function body<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<{ ok: true; value: z.output<T> } | { ok: false; answer: ApiAnswer }> {
  const read = await readJson(request, JSON_LIMIT);
  if (!read.ok) return { ok: false, answer: fail(read.status, read.message) };
  const parsed = schema.safeParse(read.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, answer: fail(400, `${where}${issue?.message ?? 'invalid body'}`) };
  }
  return { ok: true, value: parsed.data };
}

function launchAnswer(result: LaunchResult): ApiAnswer {
  if (!result.ok) return fail(result.status, result.message);
  return {
    status: 201,
    body: { url: result.url, registration: result.registration, sessionId: result.sessionId },
  };
}

/** Launch for any actor through the integration API. */
export async function apiLaunch(
  db: Database,
  request: Request,
  params: { courseId: string; index: string },
  origins: { publicOrigin: string; recordOrigin: string },
): Promise<ApiAnswer> {
  const index = IndexSchema.safeParse(params.index);
  if (!index.success) return fail(404, 'The AU index is a whole number from 0.');
  const parsed = await body(request, ApiLaunchSchema);
  if (!parsed.ok) return parsed.answer;
  const { actor, registration, launchMode, returnUrl } = parsed.value;
  const agent = { objectType: 'Agent' as const, ...actor };
  return launchAnswer(
    await launchAu(db, {
      courseId: params.courseId,
      auIndex: index.data,
      agent,
      userId: userIdOf(agent, origins.recordOrigin),
      launchMode,
      returnUrl,
      registration,
      ...origins,
    }),
  );
}

/** Launch from the course page by the signed-in learner (form fields `au` and `mode`). */
export async function learnerLaunch(
  db: Database,
  user: SessionUser,
  courseId: string,
  form: Record<string, string>,
  origins: { publicOrigin: string; recordOrigin: string },
): Promise<LaunchResult> {
  const index = IndexSchema.safeParse(form['au']);
  const mode = LaunchModeSchema.safeParse(form['mode'] ?? 'Normal');
  if (!index.success || !mode.success) {
    return { ok: false, status: 400, message: 'Choose a unit and a mode, then launch again.' };
  }
  return launchAu(db, {
    courseId,
    auIndex: index.data,
    agent: userAgent(origins.recordOrigin, user.id, user.displayName),
    userId: user.id,
    launchMode: mode.data,
    ...origins,
  });
}

function waiveAnswer(result: WaiveResult): ApiAnswer {
  if (!result.ok) return fail(result.status, result.message);
  return {
    status: 200,
    body: { statementId: result.statementId, isCourseSatisfied: result.isCourseSatisfied },
  };
}

/** Waives an AU through the integration API, or for a manager (actorId). */
export async function waiveByRequest(
  db: Database,
  request: Request,
  params: { registration: string; index: string },
  actor: { origin: string; actorId: string | null; credentialKey?: string },
): Promise<ApiAnswer> {
  const index = IndexSchema.safeParse(params.index);
  if (!index.success) return fail(404, 'The AU index is a whole number from 0.');
  const registration = await findRegistration(db, params.registration);
  if (!registration) return fail(404, 'There is no such registration.');
  const parsed = await body(request, WaiveSchema);
  if (!parsed.ok) return parsed.answer;
  return waiveAnswer(
    await waiveAu(db, actor.origin, registration, index.data, {
      reason: parsed.value.reason,
      actorId: actor.actorId,
      credentialKey: actor.credentialKey,
    }),
  );
}

/** Abandons an open session through the integration API. */
export async function apiAbandon(
  db: Database,
  sessionId: string,
  origin: string,
): Promise<ApiAnswer> {
  const session = await findSession(db, sessionId);
  const registration = session ? await findRegistration(db, session.registrationId) : null;
  if (!session || !registration) return fail(404, 'There is no such session.');
  const isAbandoned = await abandonSession(db, origin, session, registration);
  return isAbandoned
    ? { status: 200, body: { sessionId, abandoned: true } }
    : fail(409, 'The session has already ended (terminated or abandoned).');
}
