import type { EventCode, SimEvent } from './events.ts';

/** How an event shows itself: an arc flash, a fault alarm, or nothing special. */
export type HazardKind = 'arc-flash' | 'fault' | null;

const FAULT_CODES = new Set<EventCode>([
  'earth-fault',
  'closed-onto-earth',
  'protection-trip',
  'isolation-declared-live',
  'isolation-broken',
  'protection-link-cut',
]);

/** The most serious hazard among new events (of an attempt, or of an exercise's log). */
export function hazardOf<E extends SimEvent>(
  events: readonly E[],
): { kind: HazardKind; event: E | null } {
  const arc = events.find((event) => event.code === 'arc-flash');
  if (arc) return { kind: 'arc-flash', event: arc };
  const fault = events.find((event) => FAULT_CODES.has(event.code));
  return fault ? { kind: 'fault', event: fault } : { kind: null, event: null };
}
