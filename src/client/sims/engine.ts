import type { StepResult } from '../../sim/step.ts';
import type { SimAction } from '../../sim/schema/action.ts';
import type { SimState } from '../../sim/state.ts';

/** Applies one action: the engine's `step`. */
export type StepFunction = (state: SimState, action: SimAction) => StepResult;

let loading: Promise<StepFunction> | null = null;

/**
 * The engine's `step`, loaded on demand. Its action validation brings the engine's schemas (about
 * 100 KB of zod), which the first frame of the scene does not need; rendering uses the state
 * modules only and this loads right after.
 */
export function loadStep(): Promise<StepFunction> {
  loading ??= import('../../sim/step.ts').then((module) => module.step);
  return loading;
}
