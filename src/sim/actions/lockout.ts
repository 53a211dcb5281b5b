import { makeEvent } from '../events.ts';
import type { SimEvent } from '../events.ts';
import { text } from '../explanations.ts';
import { OPERATOR } from '../state.ts';
import type { SimState } from '../state.ts';
import { protectsDeclaredZone, refused, withHolder, withoutHolder } from './result.ts';
import type { StepResult } from './result.ts';

/** Which record a lockout/tagout action changes. */
export type HolderKind = 'locks' | 'tags';

/** Applies the operator's lock or tag to a switching device. */
export function attach(state: SimState, kind: HolderKind, deviceId: string): StepResult {
  const device = state.model.deviceById.get(deviceId);
  if (device === undefined || state.positions[deviceId] === undefined) {
    return refused(
      state,
      `${deviceId} has no operating mechanism to ${kind === 'locks' ? 'lock' : 'tag'}`,
    );
  }
  const ref = { device: deviceId };
  if ((state[kind][deviceId] ?? []).includes(OPERATOR)) {
    return {
      state,
      events: [
        makeEvent('no-change', `${deviceId} already carries it`, text.noChange(device.name), ref),
      ],
    };
  }
  const next = { ...state, [kind]: withHolder(state[kind], deviceId, OPERATOR) };
  const event =
    kind === 'locks'
      ? makeEvent('locked', `${deviceId} locked`, text.locked(device.name), ref)
      : makeEvent('tagged', `${deviceId} tagged`, text.tagged(device.name), ref);
  return { state: next, events: [event] };
}

/** Removes the operator's lock or tag; another crew's stays. */
export function detach(state: SimState, kind: HolderKind, deviceId: string): StepResult {
  const device = state.model.deviceById.get(deviceId);
  if (device === undefined || state.positions[deviceId] === undefined) {
    return refused(state, `${deviceId} has no operating mechanism`);
  }
  const ref = { device: deviceId };
  const holders = state[kind][deviceId] ?? [];
  if (!holders.includes(OPERATOR)) {
    const event =
      holders.length > 0
        ? makeEvent(
            'foreign-lock-blocked',
            `${deviceId}: not your ${kind === 'locks' ? 'lock' : 'tag'}`,
            text.foreignLock(device.name, holders),
            ref,
          )
        : makeEvent(
            'no-change',
            `${deviceId} carries none of yours`,
            text.noChange(device.name),
            ref,
          );
    return { state, events: [event] };
  }
  const events: SimEvent[] = [];
  if (protectsDeclaredZone(state, ref)) {
    events.push(
      makeEvent(
        'isolation-broken',
        `${deviceId} unsecured while the crew works`,
        text.isolationBroken(device.name),
        ref,
      ),
    );
  }
  events.push(
    kind === 'locks'
      ? makeEvent('unlocked', `${deviceId} unlocked`, text.unlocked(device.name), ref)
      : makeEvent('untagged', `${deviceId} untagged`, text.untagged(device.name), ref),
  );
  return { state: { ...state, [kind]: withoutHolder(state[kind], deviceId, OPERATOR) }, events };
}
