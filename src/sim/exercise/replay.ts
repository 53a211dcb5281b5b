import type { Scenario } from '../schema/scenario.ts';
import type { Substation } from '../schema/substation.ts';
import { applyEntry } from './apply.ts';
import { ExerciseEntrySchema } from './commands.ts';
import type { ExerciseEntry } from './commands.ts';
import { createExerciseState } from './state.ts';
import type { ExerciseState } from './state.ts';
import { commandRefusalReason, instructorRefusalReason, isInstructorCommand } from './validate.ts';

/** An exercise rebuilt from its log, or why the log does not replay. */
export type ExerciseReplay =
  { ok: true; state: ExerciseState } | { ok: false; index: number; reason: string };

/**
 * Rebuilds an exercise from its log: entries must be numbered 1, 2, 3... and each must be one the
 * protocol accepts at that point. Never throws.
 */
export function replayExercise(
  substation: Substation,
  scenario: Scenario,
  log: readonly unknown[],
): ExerciseReplay {
  let state = createExerciseState(substation, scenario);
  for (let index = 0; index < log.length; index++) {
    const parsed = ExerciseEntrySchema.safeParse(log[index]);
    if (!parsed.success)
      return { ok: false, index, reason: parsed.error.issues[0]?.message ?? 'invalid entry' };
    const result = appendEntry(state, parsed.data);
    if (!result.ok) return { ok: false, index, reason: result.reason };
    state = result.state;
  }
  return { ok: true, state };
}

/** Applies the next entry after checking its number and, for participants' commands, the protocol. */
export function appendEntry(
  state: ExerciseState,
  entry: ExerciseEntry,
): { ok: true; state: ExerciseState } | { ok: false; reason: string } {
  if (entry.seq !== state.lastSeq + 1)
    return { ok: false, reason: `entry ${entry.seq} follows ${state.lastSeq}` };
  const { command } = entry;
  if (command.kind !== 'join') {
    const reason = isInstructorCommand(command)
      ? instructorRefusalReason(state, command)
      : commandRefusalReason(state, entry.role, command);
    if (reason !== null) return { ok: false, reason };
  }
  return { ok: true, state: applyEntry(state, entry) };
}
