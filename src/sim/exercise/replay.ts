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
  let last: ExerciseState | null = null;
  for (const step of replaySteps(substation, scenario, log)) {
    if (!step.ok) return step;
    last = step.state;
  }
  return { ok: true, state: last ?? createExerciseState(substation, scenario) };
}

/** Every state of an exercise, or why its log does not replay. */
export type ExerciseMoments =
  { ok: true; states: readonly ExerciseState[] } | { ok: false; index: number; reason: string };

/**
 * The exercise at every moment of its log, by the same rules as `replayExercise`: `states[0]` is
 * before the first entry and `states[i]` after entry i, so `states.at(-1)` is the replayed state.
 */
export function replayMoments(
  substation: Substation,
  scenario: Scenario,
  log: readonly unknown[],
): ExerciseMoments {
  const states: ExerciseState[] = [];
  for (const step of replaySteps(substation, scenario, log)) {
    if (!step.ok) return step;
    states.push(step.state);
  }
  return { ok: true, states };
}

/** The one replay loop: the starting state, then the state after each entry, or the refusal. */
function* replaySteps(
  substation: Substation,
  scenario: Scenario,
  log: readonly unknown[],
): Generator<{ ok: true; state: ExerciseState } | { ok: false; index: number; reason: string }> {
  let state = createExerciseState(substation, scenario);
  yield { ok: true, state };
  for (let index = 0; index < log.length; index++) {
    const parsed = ExerciseEntrySchema.safeParse(log[index]);
    if (!parsed.success) {
      yield { ok: false, index, reason: parsed.error.issues[0]?.message ?? 'invalid entry' };
      return;
    }
    const result = appendEntry(state, parsed.data);
    if (!result.ok) {
      yield { ok: false, index, reason: result.reason };
      return;
    }
    state = result.state;
    yield { ok: true, state };
  }
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
