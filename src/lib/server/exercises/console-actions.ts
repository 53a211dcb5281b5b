import type { Database } from '../../../../db/client.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import type { SessionUser } from '../auth/session.ts';
import { findScenario } from '../sims/catalog.ts';
import { canInstruct } from './console-auth.ts';
import { findExercise, type ExerciseSummary } from './exercise.ts';

/** An exercise as its instructor console opens it, or why it cannot be opened. */
export type ConsoleView =
  | { ok: true; exercise: ExerciseSummary; scenario: Scenario; substation: Substation }
  | { ok: false; status: 403 | 404; message: string };

/** Loads the console of an exercise for a manager, an administrator or the observer's seat. */
export async function loadConsoleView(
  db: Database,
  user: SessionUser,
  exerciseId: string,
): Promise<ConsoleView> {
  const exercise = /^[0-9a-f-]{36}$/.test(exerciseId) ? await findExercise(db, exerciseId) : null;
  const found = exercise === null ? null : await findScenario(exercise.scenarioId);
  if (exercise === null || found === null)
    return { ok: false, status: 404, message: 'There is no such exercise.' };
  if (!(await canInstruct(db, user, exercise.id)))
    return {
      ok: false,
      status: 403,
      message:
        'Only a training manager, an administrator or the exercise’s observer (its instructor) opens the console.',
    };
  return { ok: true, exercise, ...found };
}
