import type { Finding } from '../schema/action.ts';
import type { Device, Port } from '../schema/device.ts';
import { DEVICE_TYPE_LABELS } from '../describe.ts';
import { makeEvent } from '../events.ts';
import type { SimEvent } from '../events.ts';
import type { SimState } from '../state.ts';
import { portDevice } from '../faults.ts';
import { portKey } from '../topology.ts';
import { refused } from './result.ts';
import type { StepResult } from './result.ts';

const netText = {
  inspected: (key: string, device: Device | undefined, linkUp: boolean) => {
    if (device?.network === undefined) return `Port ${key}: nothing plugged in.`;
    const { mac, vendor, ip, traffic, registered } = device.network;
    const register = registered
      ? `The MAC address matches ${device.id} (${device.name}) in the asset register.`
      : 'This MAC address is NOT in the asset register: nobody recorded installing this device.';
    return (
      `Port ${key}: link ${linkUp ? 'up' : 'down (port disabled)'}, MAC ${mac} (${vendor}), ` +
      `IP ${ip}. ${register} Traffic seen: ${traffic}`
    );
  },
  disabledRogue: () =>
    'The port is shut: the unknown device is cut off from the station bus but left powered and in ' +
    'place, so its memory and logs stay intact for the investigators, like isolating a ' +
    'compromised host at the switch instead of wiping it.',
  disabledEmpty: (key: string) => `Port ${key} disabled. Nothing was plugged in.`,
  disabledLegit: (device: Device) =>
    `You cut ${device.name} off the station network. It is a registered, working device: SCADA ` +
    'loses its data and control through it. Check a port against the asset register before ' +
    'shutting it.',
  protectionCut: (device: Device) =>
    `You cut protection relay ${device.name} off the station bus. Relays exchange GOOSE messages ` +
    'for tripping, blocking and breaker-failure schemes; without them a fault can be cleared ' +
    'slower or by a wider area, and operators lose its alarms. In OT, availability of protection ' +
    'comes first.',
  enabled: (key: string) => `Port ${key} enabled again.`,
  rogueReconnected: () =>
    'You re-enabled the port of the unknown device: it is back on the station bus with access to ' +
    'every relay.',
  reportCorrect: (finding: Finding, isolated: boolean) =>
    `Report filed: ${finding.category} on ${portKey(finding.switch, finding.port)}` +
    `${isolated ? ', port isolated' : ', but the port is still enabled'}. Reporting starts the ` +
    "incident response process; for a utility's BES Cyber Systems, NERC CIP-008 requires " +
    'documented response plans, and a reportable incident has deadlines.',
  reportIncorrect: (finding: Finding) =>
    `The report names ${portKey(finding.switch, finding.port)} as "${finding.category}", which ` +
    'does not match what is on that port. A wrong report sends responders to the wrong place.',
};

function connected(state: SimState, switchId: string, number: number): Device | undefined {
  const id = portDevice(state, switchId, number);
  return id === undefined ? undefined : state.model.deviceById.get(id);
}

function lookup(state: SimState, switchId: string, number: number): Port | null {
  return state.model.ports.get(switchId)?.get(number) ?? null;
}

/** Reads a port's link, MAC, address and traffic, and compares it with the asset register. */
export function inspectPort(state: SimState, switchId: string, number: number): StepResult {
  const port = lookup(state, switchId, number);
  if (port === null) return refused(state, `${switchId} has no port ${number}`);
  const key = portKey(switchId, number);
  const device = connected(state, switchId, number);
  const enabled = state.portEnabled[key] === true;
  const linkUp = enabled && device !== undefined;
  const data: Record<string, string | number | boolean> = { port: number, linkUp, enabled };
  if (device?.network !== undefined) {
    Object.assign(data, {
      mac: device.network.mac,
      vendor: device.network.vendor,
      ip: device.network.ip,
      registered: device.network.registered,
    });
  }
  const next = state.inspectedPorts.includes(key)
    ? state
    : { ...state, inspectedPorts: [...state.inspectedPorts, key] };
  const event = makeEvent(
    'port-inspected',
    `Port ${key} inspected`,
    netText.inspected(key, device, linkUp),
    { device: switchId, data },
  );
  return { state: next, events: [event] };
}

/** Enables or disables a port. */
export function setPort(
  state: SimState,
  switchId: string,
  number: number,
  enable: boolean,
): StepResult {
  const port = lookup(state, switchId, number);
  if (port === null) return refused(state, `${switchId} has no port ${number}`);
  const key = portKey(switchId, number);
  const ref = { device: switchId, data: { port: number } };
  if (state.portEnabled[key] === enable) {
    return {
      state,
      events: [
        makeEvent(
          'no-change',
          `Port ${key} already ${enable ? 'enabled' : 'disabled'}`,
          `Port ${key} is already in that state.`,
          ref,
        ),
      ],
    };
  }
  const device = connected(state, switchId, number);
  const isRogue = device?.network?.registered === false;
  const events: SimEvent[] = [];
  if (enable) {
    events.push(
      isRogue
        ? makeEvent(
            'rogue-reconnected',
            `Port ${key} enabled: unknown device back online`,
            netText.rogueReconnected(),
            ref,
          )
        : makeEvent('port-enabled', `Port ${key} enabled`, netText.enabled(key), ref),
    );
  } else if (device === undefined || isRogue) {
    events.push(
      makeEvent(
        'port-disabled',
        `Port ${key} disabled`,
        device === undefined ? netText.disabledEmpty(key) : netText.disabledRogue(),
        ref,
      ),
    );
  } else if (device.type === 'relay-ied') {
    events.push(
      makeEvent(
        'protection-link-cut',
        `Port ${key} disabled: ${device.id} offline`,
        netText.protectionCut(device),
        ref,
      ),
    );
  } else {
    events.push(
      makeEvent(
        'legit-port-disabled',
        `Port ${key} disabled: ${device.id} offline`,
        netText.disabledLegit(device),
        ref,
      ),
    );
  }
  return { state: { ...state, portEnabled: { ...state.portEnabled, [key]: enable } }, events };
}

/** Files a finding; correct when it matches what is really on the port. */
export function report(state: SimState, finding: Finding): StepResult {
  const port = lookup(state, finding.switch, finding.port);
  if (port === null) return refused(state, `${finding.switch} has no port ${finding.port}`);
  const device = connected(state, finding.switch, finding.port);
  const truth = device?.network?.registered === false ? 'unauthorized-device' : 'no-issue';
  const key = portKey(finding.switch, finding.port);
  const ref = { device: finding.switch, data: { port: finding.port, category: finding.category } };
  if (finding.category !== truth) {
    return {
      state,
      events: [
        makeEvent(
          'report-incorrect',
          `Report on ${key} is wrong`,
          netText.reportIncorrect(finding),
          ref,
        ),
      ],
    };
  }
  const isolated = state.portEnabled[key] === false;
  const label = device === undefined ? 'empty port' : DEVICE_TYPE_LABELS[device.type];
  return {
    state: { ...state, reports: [...state.reports, finding] },
    events: [
      makeEvent(
        'report-correct',
        `Report filed on ${key} (${label})`,
        netText.reportCorrect(finding, isolated),
        ref,
      ),
    ],
  };
}
