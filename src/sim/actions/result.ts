import { makeEvent } from '../events.ts';
import type { SimEvent } from '../events.ts';
import { text } from '../explanations.ts';
import type { SimState } from '../state.ts';

/** What an action handler returns: the next state and what happened. */
export interface StepResult {
  readonly state: SimState;
  readonly events: readonly SimEvent[];
}

/** Adds an id to a holder list without duplicates, returning a new record. */
export function withHolder(
  record: Readonly<Record<string, readonly string[]>>,
  id: string,
  holder: string,
): Readonly<Record<string, readonly string[]>> {
  const current = record[id] ?? [];
  return current.includes(holder) ? record : { ...record, [id]: [...current, holder] };
}

/** Removes a holder from a list, dropping the entry when it empties, returning a new record. */
export function withoutHolder(
  record: Readonly<Record<string, readonly string[]>>,
  id: string,
  holder: string,
): Readonly<Record<string, readonly string[]>> {
  const rest = (record[id] ?? []).filter((h) => h !== holder);
  const next = { ...record };
  if (rest.length === 0) delete next[id];
  else next[id] = rest;
  return next;
}

/** Whether any declared work zone lists this device as an isolation point or this node as worked on. */
export function protectsDeclaredZone(
  state: SimState,
  ref: { device?: string; node?: string },
): boolean {
  for (const id of state.declaredZones) {
    const zone = state.model.zones.get(id);
    if (zone === undefined) continue;
    if (ref.device !== undefined && zone.isolationPoints.includes(ref.device)) return true;
    if (ref.node !== undefined && zone.nodes.includes(ref.node)) return true;
    if (ref.device !== undefined) {
      const device = state.model.deviceById.get(ref.device);
      if (
        device?.type === 'earthing-switch' &&
        zone.nodes.some((n) => device.connections.includes(n))
      ) {
        return true;
      }
    }
  }
  return false;
}

/** The result of an action the model cannot apply: state unchanged, one `action-refused` event. */
export function refused(state: SimState, reason: string): StepResult {
  return { state, events: [makeEvent('action-refused', 'Action refused', text.refused(reason))] };
}
