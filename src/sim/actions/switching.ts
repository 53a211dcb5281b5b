import type { SwitchPosition } from '../schema/common.ts';
import { carriesCurrent } from '../energization.ts';
import { makeEvent } from '../events.ts';
import type { SimEvent } from '../events.ts';
import { text } from '../explanations.ts';
import { blockingInterlocks } from '../interlocks.ts';
import { settle } from '../protection.ts';
import type { SimState } from '../state.ts';
import { protectsDeclaredZone, refused } from './result.ts';
import type { StepResult } from './result.ts';

/** Opens or closes a breaker, disconnector or earthing switch, with interlocks and hazards. */
export function operate(
  state: SimState,
  deviceId: string,
  target: SwitchPosition,
  override: boolean,
  isLocal = false,
): StepResult {
  const device = state.model.deviceById.get(deviceId);
  if (device === undefined || state.positions[deviceId] === undefined) {
    return refused(state, `${deviceId} is not a switching device`);
  }
  const ref = { device: deviceId };
  if (state.positions[deviceId] === target) {
    return {
      state,
      events: [
        makeEvent('no-change', `${deviceId} already ${target}`, text.noChange(device.name), ref),
      ],
    };
  }
  const lockHolders = state.locks[deviceId] ?? [];
  if (lockHolders.length > 0) {
    return {
      state,
      events: [
        makeEvent(
          'lock-blocked',
          `${deviceId} is locked`,
          text.lockBlocked(device.name, lockHolders),
          ref,
        ),
      ],
    };
  }
  if (!isLocal) {
    const fault = remoteFault(state, deviceId, target, device.name);
    if (fault !== null) return { state, events: [fault] };
  }
  const events: SimEvent[] = [];
  const failures = blockingInterlocks(state, deviceId, target);
  if (failures.length > 0 && !override) {
    const first = failures[0];
    const unmet = failures.flatMap((f) => f.unmet);
    return {
      state,
      events: [
        makeEvent(
          'interlock-blocked',
          `Interlock blocked ${deviceId}`,
          text.interlockBlocked(first?.interlock.explanation ?? '', unmet),
          { ...ref, data: { interlock: first?.interlock.id ?? '' } },
        ),
      ],
    };
  }
  if (failures.length > 0) {
    events.push(
      makeEvent(
        'interlock-bypassed',
        `Interlock on ${deviceId} defeated`,
        text.interlockBypassed(device.name),
        ref,
      ),
    );
  }
  if ((state.tags[deviceId] ?? []).length > 0) {
    events.push(
      makeEvent(
        'tagged-device-operated',
        `${deviceId} operated despite its tag`,
        text.taggedOperated(device.name),
        ref,
      ),
    );
  }
  if (protectsDeclaredZone(state, ref)) {
    events.push(
      makeEvent(
        'isolation-broken',
        `${deviceId} changed while the crew works`,
        text.isolationBroken(device.name),
        ref,
      ),
    );
  }
  const isArc = device.type === 'disconnector' && carriesCurrent(state.model, state, deviceId);
  const arcNodes = isArc ? device.connections : [];
  const positions = { ...state.positions, [deviceId]: target };
  const settled = settle(
    state,
    { positions, remoteEnds: state.remoteEnds, grounds: state.grounds },
    arcNodes,
  );
  events.push(
    makeEvent('operated', `${deviceId} ${target}`, text.operated(device.name, target), ref),
  );
  if (isLocal && target === 'open' && state.faults.failedToOpen.includes(deviceId))
    events.push(
      makeEvent(
        'tripped-locally',
        `${deviceId} tripped locally`,
        `${device.name} was tripped at the breaker after its SCADA trip failed. It stays suspect until maintenance has checked it.`,
        ref,
      ),
    );
  if (isArc) {
    events.push(
      makeEvent('arc-flash', `Arc flash at ${deviceId}`, text.arcFlash(device.name), ref),
    );
  } else if (settled.faulted && device.type === 'earthing-switch') {
    const node = device.connections[0] ?? '';
    events.push(
      makeEvent(
        'earth-fault',
        `${deviceId} closed onto a live conductor`,
        text.earthFault(`You closed ${device.name}`),
        { ...ref, node },
      ),
    );
  } else if (settled.faulted) {
    events.push(
      makeEvent(
        'closed-onto-earth',
        `${deviceId} closed onto earth`,
        text.closedOntoEarth(device.name),
        ref,
      ),
    );
  }
  if (device.type === 'earthing-switch' && target === 'closed' && !settled.faulted) {
    events.push(...unverifiedEarthing(state, device.connections[0] ?? '', device.name));
  }
  events.push(...settled.events);
  return {
    state: {
      ...state,
      positions: settled.positions,
      remoteEnds: settled.remoteEnds,
      energization: settled.energization,
      verifiedDead: settled.verifiedDead,
    },
    events,
  };
}

/** Why a SCADA command does nothing because of an injected fault, or null. */
function remoteFault(
  state: SimState,
  deviceId: string,
  target: SwitchPosition,
  name: string,
): SimEvent | null {
  const ref = { device: deviceId };
  if (state.faults.telemetryLost.includes(deviceId))
    return makeEvent(
      'scada-control-lost',
      `No SCADA control of ${deviceId}`,
      `SCADA has lost its link to ${name}: the command never reached it. Have the field operator check and operate it locally on a confirmed instruction.`,
      ref,
    );
  if (target === 'open' && state.faults.failedToOpen.includes(deviceId))
    return makeEvent(
      'breaker-failed-to-open',
      `${deviceId} failed to open`,
      `The trip command was sent but ${name} is still closed (a failed trip coil or mechanism). Stop and replan: send the field operator to trip it locally on a confirmed instruction, or change the order.`,
      ref,
    );
  return null;
}

/** A violation when earthing a node that was not tested dead with a proven tester. */
export function unverifiedEarthing(state: SimState, node: string, name: string): SimEvent[] {
  if (state.verifiedDead.includes(node)) return [];
  return [
    makeEvent(
      'earthed-without-verification',
      `${name} earthed without a verified test`,
      text.earthedUnverified(name),
      { node },
    ),
  ];
}
