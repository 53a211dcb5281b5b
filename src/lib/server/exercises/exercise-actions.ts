import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import type { SessionUser } from '../auth/session.ts';
import { findUserByEmail } from '../auth/user.ts';
import { findScenario, getSimCatalog } from '../sims/catalog.ts';
import {
  addParticipant,
  exercisesCreatedBy,
  findByJoinCode,
  findExercise,
  insertExercise,
  pendingExercisesFor,
  type ExerciseSummary,
} from './exercise.ts';

const optionalEmail = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.email({ message: 'Enter a valid email address or leave it empty.' }).optional());

/** What the /exercises forms post: create an exercise, or join one with a code. */
export const ExerciseFormSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('create'),
      scenario: z.string().min(1, 'Choose a joint scenario.'),
      authority: optionalEmail,
      field: optionalEmail,
      analyst: optionalEmail,
      observer: optionalEmail,
    }),
    z.object({
      action: z.literal('join'),
      code: z.string().trim().min(4, 'Enter the join code you were given.').max(20),
      role: z.enum(['authority', 'field', 'analyst', 'observer'], {
        message: 'Choose the role you will play.',
      }),
    }),
  ],
  { message: 'Unknown action: reload the page and try again.' },
);

/** An action's outcome: where to go next, or what to tell the person. */
export type ExerciseActionResult =
  { ok: true; redirect: string } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/** Whether someone may create exercises (training managers and administrators). */
export function canCreateExercises(user: SessionUser): boolean {
  return user.role === 'manager' || user.role === 'admin';
}

/** Joint scenarios, for the create form. */
export async function jointScenarios(): Promise<
  { id: string; title: string; hasAnalyst: boolean }[]
> {
  return [...(await getSimCatalog()).scenarios.values()]
    .filter((s) => s.exercise !== undefined)
    .map((s) => ({
      id: s.id,
      title: s.title,
      hasAnalyst: s.exercise?.roles.analyst !== undefined,
    }));
}

/** Handles a posted /exercises form. */
export async function handleExerciseForm(
  db: Database,
  user: SessionUser,
  form: Record<string, string>,
): Promise<ExerciseActionResult> {
  const parsed = ExerciseFormSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Check the form.',
    };
  const input = parsed.data;
  if (input.action === 'join') {
    const exercise = await findByJoinCode(db, input.code);
    if (exercise === null || exercise.scoredAt !== null)
      return {
        ok: false,
        status: 404,
        message: 'No open exercise has that join code. Check it and try again.',
      };
    const mine = exercise.participants.find((p) => p.userId === user.id);
    if (mine) return { ok: true, redirect: `/exercises/${exercise.id}` };
    const scenario = (await findScenario(exercise.scenarioId))?.scenario;
    if (input.role === 'analyst' && scenario?.exercise?.roles.analyst === undefined)
      return { ok: false, status: 400, message: 'This scenario has no security analyst role.' };
    if (!(await addParticipant(db, exercise.id, user.id, input.role)))
      return {
        ok: false,
        status: 409,
        message: 'Someone already plays that role. Choose another one.',
      };
    return { ok: true, redirect: `/exercises/${exercise.id}` };
  }
  if (!canCreateExercises(user))
    return {
      ok: false,
      status: 403,
      message: 'Only training managers and administrators create exercises.',
    };
  const scenario = (await findScenario(input.scenario))?.scenario;
  if (scenario?.exercise === undefined)
    return { ok: false, status: 400, message: 'Choose one of the joint scenarios.' };
  const participants: { userId: string; role: ExerciseRole }[] = [];
  for (const role of ['authority', 'field', 'analyst', 'observer'] as const) {
    const email = input[role];
    if (email === undefined) continue;
    if (role === 'analyst' && scenario.exercise.roles.analyst === undefined)
      return { ok: false, status: 400, message: 'This scenario has no security analyst role.' };
    const person = await findUserByEmail(db, email);
    if (person === null || person.isDisabled)
      return {
        ok: false,
        status: 400,
        message: `Nobody with the email ${email} can sign in here.`,
      };
    if (participants.some((p) => p.userId === person.id))
      return {
        ok: false,
        status: 400,
        message: `${email} is named for two roles; one person plays one role.`,
      };
    participants.push({ userId: person.id, role });
  }
  const { id } = await insertExercise(db, {
    scenarioId: scenario.id,
    createdBy: user.id,
    participants,
  });
  return { ok: true, redirect: `/exercises?created=${id}` };
}

/** What /exercises shows a person. */
export async function loadExercisesPage(
  db: Database,
  user: SessionUser,
): Promise<{
  mine: ExerciseSummary[];
  created: ExerciseSummary[];
  scenarios: Awaited<ReturnType<typeof jointScenarios>>;
}> {
  return {
    mine: await pendingExercisesFor(db, user.id),
    created: canCreateExercises(user) ? await exercisesCreatedBy(db, user.id) : [],
    scenarios: await jointScenarios(),
  };
}

/** A participant's view of one exercise, or why they cannot open it. */
export async function loadParticipantView(
  db: Database,
  user: SessionUser,
  exerciseId: string,
): Promise<
  | {
      ok: true;
      exercise: ExerciseSummary;
      role: ExerciseRole;
      scenario: Scenario;
      substation: Substation;
    }
  | { ok: false; status: 403 | 404; message: string }
> {
  const exercise = /^[0-9a-f-]{36}$/.test(exerciseId) ? await findExercise(db, exerciseId) : null;
  const found = exercise === null ? null : await findScenario(exercise.scenarioId);
  if (exercise === null || found === null)
    return { ok: false, status: 404, message: 'There is no such exercise.' };
  const role = exercise.participants.find((p) => p.userId === user.id)?.role;
  if (role === undefined)
    return {
      ok: false,
      status: 403,
      message: 'You have no role in this exercise. Join it with its code from /exercises.',
    };
  return { ok: true, exercise, role, ...found };
}
