import { referencesOf } from './schema/action.ts';
import type { SimAction } from './schema/action.ts';
import { SWITCHING_TYPES } from './schema/device.ts';
import { checkDevice } from './schema/substation.ts';
import type { Scenario } from './schema/scenario.ts';
import type { Substation } from './schema/substation.ts';
import type { SimModel } from './topology.ts';

/** A problem in a scenario file, with the path of the field at fault. */
export interface ReferenceProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Checks that everything a scenario names exists in its substation. */
export function checkScenarioReferences(
  substation: Substation,
  scenario: Scenario,
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const nodes = new Set(substation.nodes.map((n) => n.id));
  const devices = new Map(substation.devices.map((d) => [d.id, d] as const));
  scenario.initialState.extraDevices.forEach((device, i) => {
    if (devices.has(device.id))
      problems.push({
        path: ['initialState', 'extraDevices', i, 'id'],
        message: `${device.id} already exists`,
      });
    devices.set(device.id, device);
    for (const p of checkDevice(device, nodes))
      problems.push({ path: ['initialState', 'extraDevices', i, p.field], message: p.text });
  });
  const interlocks = new Set(substation.interlocks.map((r) => r.id));
  const needDevice = (path: (string | number)[], id: string, switching = false): void => {
    const device = devices.get(id);
    if (device === undefined) problems.push({ path, message: `unknown device ${id}` });
    else if (switching && !SWITCHING_TYPES.includes(device.type))
      problems.push({ path, message: `${id} is not a switching device` });
  };
  const needNode = (path: (string | number)[], id: string): void => {
    if (!nodes.has(id)) problems.push({ path, message: `unknown node ${id}` });
  };
  const initial = scenario.initialState;
  for (const id of Object.keys(initial.positions))
    needDevice(['initialState', 'positions', id], id, true);
  for (const id of Object.keys(initial.locks)) needDevice(['initialState', 'locks', id], id, true);
  for (const id of Object.keys(initial.tags)) needDevice(['initialState', 'tags', id], id, true);
  for (const id of Object.keys(initial.remoteEnds)) {
    if (devices.get(id)?.type !== 'line')
      problems.push({ path: ['initialState', 'remoteEnds', id], message: `${id} is not a line` });
  }
  for (const id of Object.keys(initial.inspectNotes))
    needDevice(['initialState', 'inspectNotes', id], id);
  initial.grounds.forEach((id, i) => needNode(['initialState', 'grounds', i], id));
  initial.interlocksOutOfService.forEach((id, i) => {
    if (!interlocks.has(id))
      problems.push({
        path: ['initialState', 'interlocksOutOfService', i],
        message: `unknown interlock ${id}`,
      });
  });
  initial.ports.forEach((change, i) => {
    const port = devices.get(change.switch)?.ports?.find((p) => p.number === change.port);
    if (port === undefined)
      problems.push({
        path: ['initialState', 'ports', i],
        message: `${change.switch} has no port ${change.port}`,
      });
    if (change.connectedTo !== undefined)
      needDevice(['initialState', 'ports', i, 'connectedTo'], change.connectedTo);
  });
  scenario.workZones.forEach((zone, i) => {
    zone.nodes.forEach((id, k) => needNode(['workZones', i, 'nodes', k], id));
    zone.isolationPoints.forEach((id, k) =>
      needDevice(['workZones', i, 'isolationPoints', k], id, true),
    );
  });
  scenario.cards.forEach((card, i) => needDevice(['cards', i, 'device'], card.device));
  const zones = new Set(scenario.workZones.map((z) => z.id));
  scenario.rubric.steps.forEach((step, i) => {
    step.actions.forEach((action, a) => {
      const path = ['rubric', 'steps', i, 'actions', a];
      const refs = referencesOf(action);
      refs.devices.forEach((id) => needDevice(path, id));
      refs.nodes.forEach((id) => needNode(path, id));
      if (action.type === 'declare-isolated' && !zones.has(action.zone))
        problems.push({ path, message: `unknown work zone ${action.zone}` });
    });
  });
  scenario.injects.forEach((inject, i) => {
    const path = ['injects', i, 'fault'];
    const fault = inject.fault;
    if (
      fault.kind === 'breaker-fails-to-open' &&
      devices.get(fault.device)?.type !== 'circuit-breaker'
    )
      problems.push({ path, message: `${fault.device} is not a circuit breaker` });
    if (fault.kind === 'telemetry-lost' || fault.kind === 'telemetry-restored')
      fault.devices.forEach((id) => needDevice(path, id, true));
    if (fault.kind === 'rogue-device') {
      needDevice(path, fault.device);
      if (devices.get(fault.switch)?.ports?.some((p) => p.number === fault.port) !== true)
        problems.push({ path, message: `${fault.switch} has no port ${fault.port}` });
    }
    const needs =
      fault.kind === 'vendor-call'
        ? 'answer-call'
        : fault.kind === 'tester-fails'
          ? 'replace-tester'
          : null;
    if (needs !== null && !scenario.allowedActions.includes(needs))
      problems.push({ path, message: `a ${fault.kind} inject needs "${needs}" in allowedActions` });
  });
  scenario.success.forEach((condition, i) => {
    if ('device' in condition) needDevice(['success', i, 'device'], condition.device);
    if ('node' in condition) needNode(['success', i, 'node'], condition.node);
  });
  return problems;
}

/** Why an action cannot be applied to this model at all (unknown ids, wrong kind of target), or null. */
export function invalidActionReason(model: SimModel, action: SimAction): string | null {
  if (!model.allowedActions.has(action.type)) return `this scenario does not use "${action.type}"`;
  const refs = referencesOf(action);
  for (const id of refs.devices) if (!model.deviceById.has(id)) return `unknown device ${id}`;
  for (const id of refs.nodes) if (!model.nodeIndex.has(id)) return `unknown node ${id}`;
  switch (action.type) {
    case 'operate':
    case 'lock':
    case 'unlock':
    case 'tag':
    case 'untag': {
      const type = model.deviceById.get(action.device)?.type;
      return type !== undefined && SWITCHING_TYPES.includes(type)
        ? null
        : `${action.device} is not a switching device, so "${action.type}" does not apply`;
    }
    case 'declare-isolated':
      return model.zones.has(action.zone) ? null : `unknown work zone ${action.zone}`;
    case 'inspect-port':
    case 'disable-port':
    case 'enable-port':
      return model.ports.get(action.switch)?.has(action.port) === true
        ? null
        : `${action.switch} has no port ${action.port}`;
    case 'report':
      return model.ports.get(action.finding.switch)?.has(action.finding.port) === true
        ? null
        : `${action.finding.switch} has no port ${action.finding.port}`;
    default:
      return null;
  }
}
