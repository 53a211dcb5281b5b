import type { Fault } from './schema/inject.ts';
import { makeEvent } from './events.ts';
import type { SimEvent } from './events.ts';
import type { SimState } from './state.ts';
import { portKey } from './topology.ts';

/** A vendor's call and how it was answered. */
export interface VendorCall {
  /** The inject that placed it. */
  readonly id: string;
  readonly caller: string;
  readonly request: string;
  readonly answer: 'refuse' | 'grant' | null;
}

/** What injected faults have changed in the substation. */
export interface FaultState {
  /** Breakers whose SCADA trip fails (a local trip still opens them). */
  readonly failedToOpen: readonly string[];
  /** Spurious alarms in the SCADA alarm list. */
  readonly alarms: readonly string[];
  /** Devices SCADA neither shows nor controls. */
  readonly telemetryLost: readonly string[];
  /** Position each of those devices had when telemetry was lost: what SCADA still shows. */
  readonly lastKnown: Readonly<Record<string, 'open' | 'closed'>>;
  /** `<switch>:<port>` -> device plugged in by an inject. */
  readonly pluggedIn: Readonly<Record<string, string>>;
  readonly calls: readonly VendorCall[];
  /** Whether the voltage tester in hand is broken (it fails every proving test). */
  readonly isTesterFaulty: boolean;
}

/** The fault state of a healthy substation. */
export const NO_FAULTS: FaultState = {
  failedToOpen: [],
  alarms: [],
  telemetryLost: [],
  lastKnown: {},
  pluggedIn: {},
  calls: [],
  isTesterFaulty: false,
};

const say = {
  alarm: (alarm: string) =>
    `SCADA alarm: ${alarm}. Alarms that arrive in a burst with no change of state on the single-line diagram are suspect: confirm the plant state before acting on them.`,
  telemetry: (bay: string, devices: readonly string[]) =>
    `SCADA lost telemetry and control for the ${bay} (${devices.join(', ')}). The diagram shows their last known positions only: confirm every state by a field report before you rely on it.`,
  restored: (bay: string, devices: readonly string[]) =>
    `SCADA telemetry and control are back for the ${bay} (${devices.join(', ')}). The diagram shows their real positions again: check them against the field reports.`,
  plugged: (key: string) =>
    `The station switch reports a new link up on port ${key}. Nothing was scheduled to be connected today.`,
  call: (caller: string, request: string) => `Phone call from "${caller}": ${request}`,
};

/**
 * Applies an instructor's fault to the sim state. Pure and deterministic like `step`; the events
 * say what participants can notice (a stuck breaker or a broken tester shows only when used).
 */
export function applyFault(
  state: SimState,
  fault: Fault,
  injectId: string,
): { state: SimState; events: readonly SimEvent[] } {
  const faults = state.faults;
  switch (fault.kind) {
    case 'breaker-fails-to-open':
      return {
        state: {
          ...state,
          faults: { ...faults, failedToOpen: [...faults.failedToOpen, fault.device] },
        },
        events: [],
      };
    case 'alarm-burst':
      return {
        state: { ...state, faults: { ...faults, alarms: [...faults.alarms, ...fault.alarms] } },
        events: fault.alarms.map((alarm) => makeEvent('spurious-alarm', alarm, say.alarm(alarm))),
      };
    case 'telemetry-lost': {
      const lastKnown = { ...faults.lastKnown };
      for (const device of fault.devices) {
        const position = state.positions[device];
        if (position !== undefined) lastKnown[device] = position;
      }
      return {
        state: {
          ...state,
          faults: {
            ...faults,
            telemetryLost: [...new Set([...faults.telemetryLost, ...fault.devices])],
            lastKnown,
          },
        },
        events: [
          makeEvent(
            'telemetry-lost',
            `SCADA telemetry lost: ${fault.bay}`,
            say.telemetry(fault.bay, fault.devices),
          ),
        ],
      };
    }
    case 'telemetry-restored': {
      const back = new Set(fault.devices);
      const lastKnown = Object.fromEntries(
        Object.entries(faults.lastKnown).filter(([device]) => !back.has(device)),
      );
      return {
        state: {
          ...state,
          faults: {
            ...faults,
            telemetryLost: faults.telemetryLost.filter((device) => !back.has(device)),
            lastKnown,
          },
        },
        events: [
          makeEvent(
            'telemetry-restored',
            `SCADA telemetry restored: ${fault.bay}`,
            say.restored(fault.bay, fault.devices),
          ),
        ],
      };
    }
    case 'rogue-device': {
      const key = portKey(fault.switch, fault.port);
      return {
        state: {
          ...state,
          portEnabled: { ...state.portEnabled, [key]: true },
          faults: { ...faults, pluggedIn: { ...faults.pluggedIn, [key]: fault.device } },
        },
        events: [
          makeEvent('device-connected', `New link up on ${key}`, say.plugged(key), {
            device: fault.switch,
            data: { port: fault.port },
          }),
        ],
      };
    }
    case 'vendor-call':
      return {
        state: {
          ...state,
          faults: {
            ...faults,
            calls: [
              ...faults.calls,
              { id: injectId, caller: fault.caller, request: fault.request, answer: null },
            ],
          },
        },
        events: [
          makeEvent(
            'call-received',
            `Call from ${fault.caller}`,
            say.call(fault.caller, fault.request),
            { data: { call: injectId } },
          ),
        ],
      };
    case 'tester-fails':
      return { state: { ...state, faults: { ...faults, isTesterFaulty: true } }, events: [] };
  }
}

/** The device cabled to a port now: one plugged in by an inject, else the model's. */
export function portDevice(state: SimState, switchId: string, port: number): string | undefined {
  return (
    state.faults.pluggedIn[portKey(switchId, port)] ??
    state.model.ports.get(switchId)?.get(port)?.connectedTo
  );
}

/** The position SCADA shows for a device: its last known one while telemetry is lost. */
export function indicatedPosition(state: SimState, device: string): 'open' | 'closed' | undefined {
  return state.faults.telemetryLost.includes(device)
    ? state.faults.lastKnown[device]
    : state.positions[device];
}
