import type { SwitchPosition } from './schema/common.ts';
import type { Interlock } from './schema/substation.ts';
import { analyze } from './energization.ts';
import type { SimState } from './state.ts';

/** An interlock that would stop a movement, and why. */
export interface InterlockFailure {
  readonly interlock: Interlock;
  /** The unmet requirements, e.g. "52-T1L is closed". */
  readonly unmet: readonly string[];
}

/** Interlocks in service that forbid moving `device` to `target` in this state. */
export function blockingInterlocks(
  state: SimState,
  device: string,
  target: SwitchPosition,
): InterlockFailure[] {
  const rules = state.model.interlocksByDevice.get(device) ?? [];
  const failures: InterlockFailure[] = [];
  let earthedBySwitches: Uint8Array | null = null;
  for (const rule of rules) {
    if (state.model.interlocksOutOfService.has(rule.id)) continue;
    if (rule.operation === 'open' && target !== 'open') continue;
    if (rule.operation === 'close' && target !== 'closed') continue;
    const unmet: string[] = [];
    for (const id of rule.requires.devicesOpen ?? []) {
      if (state.positions[id] !== 'open') unmet.push(`${id} is closed`);
    }
    for (const id of rule.requires.devicesClosed ?? []) {
      if (state.positions[id] !== 'closed') unmet.push(`${id} is open`);
    }
    for (const id of rule.requires.nodesDead ?? []) {
      if (state.energization[id] === 'live') unmet.push(`${nodeName(state, id)} is live`);
    }
    for (const id of rule.requires.nodesNotEarthed ?? []) {
      earthedBySwitches ??= analyze(state.model, state, false).earthed;
      const index = state.model.nodeIndex.get(id);
      if (index !== undefined && earthedBySwitches[index]) {
        unmet.push(`${nodeName(state, id)} is earthed by an earthing switch`);
      }
    }
    if (unmet.length > 0) failures.push({ interlock: rule, unmet });
  }
  return failures;
}

function nodeName(state: SimState, id: string): string {
  const index = state.model.nodeIndex.get(id);
  return index === undefined ? id : (state.model.nodes[index]?.name ?? id);
}
