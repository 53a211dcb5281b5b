import type { Finding, SimAction } from '../../sim/schema/action.ts';
import type { DeviceType } from '../../sim/schema/device.ts';
import { OPERATOR, type SimState } from '../../sim/state.ts';
import { DEVICE_TYPE_LABELS, type PortView } from '../../sim/describe.ts';

/** One thing the learner can do, as a button says it. */
export interface ActionChoice {
  /** Stable key for lists. */
  readonly key: string;
  /** Button text, e.g. "Open 52-T1L". */
  readonly label: string;
  readonly action: SimAction;
  /** True for the action a second trigger pull (headset) or Enter (2D) performs. */
  readonly isPrimary?: boolean;
}

const SWITCHING = new Set<DeviceType>(['circuit-breaker', 'disconnector', 'earthing-switch']);

/** A node's name as operators say it, with its id. */
export function nodeLabel(state: SimState, nodeId: string): string {
  const index = state.model.nodeIndex.get(nodeId);
  const node = index === undefined ? undefined : state.model.nodes[index];
  return node === undefined ? nodeId : node.name;
}

/**
 * The actions the scenario allows on a device, in the order a panel lists them. On a SCADA view
 * (`asScada`) of a device whose telemetry is lost, both commands are offered: its position is
 * unknown there, so the buttons must not give it away.
 */
export function deviceActions(
  state: SimState,
  deviceId: string,
  options: { asScada?: boolean } = {},
): ActionChoice[] {
  const device = state.model.deviceById.get(deviceId);
  if (device === undefined) return [];
  const allowed = state.model.allowedActions;
  const choices: ActionChoice[] = [];
  const add = (label: string, action: SimAction, isPrimary = false) => {
    if (allowed.has(action.type)) {
      choices.push({ key: `${action.type}:${label}`, label, action, isPrimary });
    }
  };
  if (SWITCHING.has(device.type)) {
    const position = state.positions[deviceId];
    const isUnknown = options.asScada === true && state.faults.telemetryLost.includes(deviceId);
    if (position === 'closed' || isUnknown)
      add(`Open ${deviceId}`, { type: 'operate', device: deviceId, position: 'open' }, true);
    if (position !== 'closed' || isUnknown)
      add(`Close ${deviceId}`, { type: 'operate', device: deviceId, position: 'closed' }, true);
    const isLocked = (state.locks[deviceId] ?? []).includes(OPERATOR);
    const isTagged = (state.tags[deviceId] ?? []).includes(OPERATOR);
    add(isLocked ? `Remove your lock from ${deviceId}` : `Lock ${deviceId}`, {
      type: isLocked ? 'unlock' : 'lock',
      device: deviceId,
    });
    add(isTagged ? `Remove your tag from ${deviceId}` : `Tag ${deviceId} Do Not Operate`, {
      type: isTagged ? 'untag' : 'tag',
      device: deviceId,
    });
  }
  for (const node of device.connections) {
    add(`Test for voltage at ${nodeLabel(state, node)}`, { type: 'test-voltage', node });
  }
  for (const node of device.connections) {
    const hasGround = state.grounds.includes(node);
    add(
      `${hasGround ? 'Remove portable grounds from' : 'Apply portable grounds on'} ${nodeLabel(state, node)}`,
      { type: hasGround ? 'remove-ground' : 'apply-ground', node },
    );
  }
  add(`Inspect ${deviceId}`, { type: 'inspect', device: deviceId }, choices.length === 0);
  return choices;
}

/** Actions that belong to no device: proving the tester, handing over a work zone. */
export function generalActions(state: SimState): ActionChoice[] {
  const allowed = state.model.allowedActions;
  const choices: ActionChoice[] = [];
  if (allowed.has('test-tester')) {
    choices.push({
      key: 'test-tester',
      label: 'Prove the voltage tester on a known live source',
      action: { type: 'test-tester' },
    });
  }
  if (allowed.has('replace-tester') && state.faults.isTesterFaulty) {
    choices.push({
      key: 'replace-tester',
      label: 'Fetch the spare voltage tester',
      action: { type: 'replace-tester' },
    });
  }
  if (allowed.has('answer-call')) {
    for (const call of state.faults.calls.filter((c) => c.answer === null)) {
      choices.push({
        key: `refuse:${call.id}`,
        label: `Refuse ${call.caller}: no remote access`,
        action: { type: 'answer-call', call: call.id, answer: 'refuse' },
      });
      choices.push({
        key: `grant:${call.id}`,
        label: `Grant ${call.caller} remote access`,
        action: { type: 'answer-call', call: call.id, answer: 'grant' },
      });
    }
  }
  if (allowed.has('declare-isolated')) {
    for (const zone of state.model.scenario.workZones) {
      choices.push({
        key: `zone:${zone.id}`,
        label: `Hand over to the crew: ${zone.name}`,
        action: { type: 'declare-isolated', zone: zone.id },
      });
    }
  }
  return choices;
}

/** The answers offered when identifying equipment, in the engine's order. */
export function identifyChoices(): { type: DeviceType; label: string }[] {
  return (Object.keys(DEVICE_TYPE_LABELS) as DeviceType[]).map((type) => ({
    type,
    label: DEVICE_TYPE_LABELS[type],
  }));
}

/** The port actions the scenario allows for one port. */
export function portActions(state: SimState, switchId: string, port: PortView): ActionChoice[] {
  const allowed = state.model.allowedActions;
  const choices: ActionChoice[] = [];
  if (allowed.has('inspect-port')) {
    choices.push({
      key: `inspect-port:${port.number}`,
      label: `Inspect port ${port.number}`,
      action: { type: 'inspect-port', switch: switchId, port: port.number },
    });
  }
  const type = port.isEnabled ? 'disable-port' : 'enable-port';
  if (allowed.has(type)) {
    choices.push({
      key: `${type}:${port.number}`,
      label: `${port.isEnabled ? 'Disable' : 'Enable'} port ${port.number}`,
      action: { type, switch: switchId, port: port.number },
    });
  }
  return choices;
}

/** The report action for a finding. */
export function reportAction(finding: Finding): SimAction {
  return { type: 'report', finding };
}

/** Conclusions a report can give, as the form lists them. */
export const FINDING_LABELS: Readonly<Record<Finding['category'], string>> = {
  'unauthorized-device': 'Unauthorized device',
  'misconfigured-device': 'Misconfigured device',
  'no-issue': 'No issue',
};
