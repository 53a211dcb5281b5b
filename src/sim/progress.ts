import type { SimAction } from './schema/action.ts';
import type { RubricStep } from './schema/scenario.ts';
import { INEFFECTIVE_CODES, makeEvent } from './events.ts';
import type { SimEvent } from './events.ts';
import { text } from './explanations.ts';
import type { SimState, StepProgress } from './state.ts';

/** Whether every field of the pattern equals the action's (fields the pattern lacks are ignored). */
export function matches(pattern: unknown, value: unknown): boolean {
  if (pattern === value) return true;
  if (
    typeof pattern !== 'object' ||
    pattern === null ||
    typeof value !== 'object' ||
    value === null
  ) {
    return false;
  }
  const actual = value as Record<string, unknown>;
  return Object.entries(pattern).every(([key, expected]) => matches(expected, actual[key]));
}

/**
 * Records an action against the rubric. An action counts when it took effect (or found the device
 * already as the step wants it). Completing a step while earlier steps are still pending raises
 * one `step-out-of-order` event; which steps lose their points is decided when scoring.
 */
export function recordProgress(
  state: SimState,
  action: SimAction,
  events: readonly SimEvent[],
): { state: SimState; events: SimEvent[] } {
  if (events.some((event) => INEFFECTIVE_CODES.has(event.code))) return { state, events: [] };
  const rubric = state.model.scenario.rubric;
  const steps = rubric.steps;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as RubricStep;
    const progress = state.progress[step.id] as StepProgress;
    const pending = step.actions.findIndex(
      (pattern, i) =>
        pattern.type === action.type && !progress.done.includes(i) && matches(pattern, action),
    );
    if (pending < 0) continue;
    const done = [...progress.done, pending];
    const complete = done.length === step.actions.length;
    const next: Record<string, StepProgress> = {
      ...state.progress,
      [step.id]: { ...progress, done, completedAt: complete ? state.actionCount : null },
    };
    const out: SimEvent[] = [];
    if (complete) {
      const skipped = rubric.ordered
        ? steps.slice(0, index).filter((s) => {
            const p = state.progress[s.id];
            return p !== undefined && p.completedAt === null && !p.passedOver;
          })
        : [];
      for (const s of skipped) next[s.id] = { ...(next[s.id] as StepProgress), passedOver: true };
      if (skipped.length > 0) {
        const first = skipped[0] as RubricStep;
        out.push(
          makeEvent(
            'step-out-of-order',
            `Step ${index + 1} done before "${first.instruction}"`,
            text.stepOutOfOrder(first.instruction),
            { step: step.id },
          ),
        );
      }
      out.push(
        makeEvent(
          'step-completed',
          `Step ${index + 1} done`,
          text.stepCompleted(step.instruction),
          { step: step.id },
        ),
      );
    }
    return { state: { ...state, progress: next }, events: out };
  }
  return { state, events: [] };
}

/**
 * Per step: done in its turn, done out of order, or missed. In an ordered rubric the steps kept
 * "in order" are the heaviest chain whose completion order follows the written order, so one
 * step done early or late costs that step only, not everything after it.
 */
export function stepStatuses(state: SimState): Record<string, 'done' | 'out-of-order' | 'missed'> {
  const rubric = state.model.scenario.rubric;
  const steps = rubric.steps;
  const at = steps.map((s) => state.progress[s.id]?.completedAt ?? null);
  const result: Record<string, 'done' | 'out-of-order' | 'missed'> = {};
  // Weighted longest increasing subsequence over completion times; points first, then step count.
  const best = steps.map(() => 0);
  const previous = steps.map(() => -1);
  let tail = -1;
  steps.forEach((step, i) => {
    const time = at[i];
    if (time === null || time === undefined) return;
    best[i] = step.points * 1000 + 1;
    for (let j = 0; j < i; j++) {
      const earlier = at[j];
      if (!rubric.ordered || earlier === null || earlier === undefined || earlier >= time) continue;
      const candidate = (best[j] ?? 0) + step.points * 1000 + 1;
      if (candidate > (best[i] ?? 0)) {
        best[i] = candidate;
        previous[i] = j;
      }
    }
    if (tail < 0 || (best[i] ?? 0) > (best[tail] ?? 0)) tail = i;
  });
  const inOrder = new Set<number>();
  if (rubric.ordered) {
    for (let i = tail; i >= 0; i = previous[i] ?? -1) inOrder.add(i);
  }
  steps.forEach((step, i) => {
    if (at[i] === null) result[step.id] = 'missed';
    else result[step.id] = !rubric.ordered || inOrder.has(i) ? 'done' : 'out-of-order';
  });
  return result;
}

/** The first step not yet completed, with the actions it still needs; null when all are done. */
export function currentStep(state: SimState): {
  index: number;
  step: RubricStep;
  remaining: readonly SimAction[];
  hints: readonly string[];
} | null {
  const steps = state.model.scenario.rubric.steps;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as RubricStep;
    const progress = state.progress[step.id];
    if (progress === undefined || progress.completedAt !== null) continue;
    return {
      index,
      step,
      remaining: step.actions.filter((_, i) => !progress.done.includes(i)),
      hints: state.model.scenario.hints.filter((h) => h.step === step.id).map((h) => h.text),
    };
  }
  return null;
}
