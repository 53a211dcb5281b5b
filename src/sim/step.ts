import type { SimAction } from './schema/action.ts';
import type { EventCode, SimEvent } from './events.ts';
import { identify, inspect } from './actions/learning.ts';
import { inspectPort, report, setPort } from './actions/network.ts';
import { refused } from './actions/result.ts';
import type { StepResult } from './actions/result.ts';
import { attach, detach } from './actions/lockout.ts';
import {
  applyGround,
  declareIsolated,
  removeGround,
  testTester,
  testVoltage,
} from './actions/safety.ts';
import { answerCall, replaceTester } from './actions/faults.ts';
import { operate } from './actions/switching.ts';
import { recordProgress } from './progress.ts';
import type { SimState } from './state.ts';
import { invalidActionReason } from './validate.ts';

export type { StepResult } from './actions/result.ts';

/**
 * Applies one learner action. Pure and deterministic: the input state is never modified, and the
 * same state and action always give the same result. Actions the model cannot apply (an unknown
 * device, an action the scenario does not allow) leave the state as it was, with an
 * `action-refused` event; this function does not throw.
 */
export function step(state: SimState, action: SimAction): StepResult {
  const reason = invalidActionReason(state.model, action);
  const applied = reason === null ? dispatch(state, action) : refused(state, reason);
  const progress = recordProgress(applied.state, action, applied.events);
  const events = [...applied.events, ...progress.events];
  return {
    state: {
      ...progress.state,
      actionCount: state.actionCount + 1,
      eventCounts: count(state.eventCounts, events),
    },
    events,
  };
}

function dispatch(state: SimState, action: SimAction): StepResult {
  switch (action.type) {
    case 'operate':
      return operate(
        state,
        action.device,
        action.position,
        action.override === true,
        action.local === true,
      );
    case 'lock':
      return attach(state, 'locks', action.device);
    case 'unlock':
      return detach(state, 'locks', action.device);
    case 'tag':
      return attach(state, 'tags', action.device);
    case 'untag':
      return detach(state, 'tags', action.device);
    case 'test-tester':
      return testTester(state);
    case 'test-voltage':
      return testVoltage(state, action.node);
    case 'apply-ground':
      return applyGround(state, action.node);
    case 'remove-ground':
      return removeGround(state, action.node);
    case 'identify':
      return identify(state, action.device, action.answer);
    case 'inspect':
      return inspect(state, action.device);
    case 'declare-isolated':
      return declareIsolated(state, action.zone);
    case 'inspect-port':
      return inspectPort(state, action.switch, action.port);
    case 'disable-port':
      return setPort(state, action.switch, action.port, false);
    case 'enable-port':
      return setPort(state, action.switch, action.port, true);
    case 'report':
      return report(state, action.finding);
    case 'replace-tester':
      return replaceTester(state);
    case 'answer-call':
      return answerCall(state, action.call, action.answer);
  }
}

function count(
  counts: Readonly<Partial<Record<EventCode, number>>>,
  events: readonly SimEvent[],
): Readonly<Partial<Record<EventCode, number>>> {
  if (events.length === 0) return counts;
  const next = { ...counts };
  for (const event of events) next[event.code] = (next[event.code] ?? 0) + 1;
  return next;
}
