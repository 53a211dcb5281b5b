import type { ActionType } from './schema/action.ts';
import type { Device, Port } from './schema/device.ts';
import type { Scenario, WorkZone } from './schema/scenario.ts';
import type { Interlock, SimNode, Substation } from './schema/substation.ts';

/** A conductor between two nodes: a breaker, disconnector or transformer. */
export interface Branch {
  readonly device: string;
  readonly a: number;
  readonly b: number;
  /** Breakers and disconnectors open and close; transformers always conduct. */
  readonly switchable: boolean;
  readonly isBreaker: boolean;
  readonly isTransformer: boolean;
}

/** A one-terminal device tied to a node (source, load, earthing switch). */
export interface Tap {
  readonly device: string;
  readonly node: number;
}

/** The substation and scenario compiled into indexes the engine reads; never mutated. */
export interface SimModel {
  readonly substation: Substation;
  readonly scenario: Scenario;
  readonly nodes: readonly SimNode[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly devices: readonly Device[];
  readonly deviceById: ReadonlyMap<string, Device>;
  readonly branches: readonly Branch[];
  readonly branchByDevice: ReadonlyMap<string, Branch>;
  /** Incoming lines: sources while their far end is closed. */
  readonly sources: readonly Tap[];
  /** Feeders, capacitor banks, station service and DER: where current flows to. */
  readonly draws: readonly Tap[];
  readonly earthingSwitches: readonly Tap[];
  readonly interlocksByDevice: ReadonlyMap<string, readonly Interlock[]>;
  readonly interlocksOutOfService: ReadonlySet<string>;
  /** Station switch id -> port number -> port (with scenario changes applied). */
  readonly ports: ReadonlyMap<string, ReadonlyMap<number, Port>>;
  readonly zones: ReadonlyMap<string, WorkZone>;
  readonly allowedActions: ReadonlySet<ActionType>;
}

const DRAW_TYPES = new Set(['feeder', 'capacitor-bank', 'pv-plant', 'station-service-transformer']);
const cache = new WeakMap<Substation, WeakMap<Scenario, SimModel>>();

/** Compiles a substation and scenario into a model (cached per pair of objects). */
export function compileModel(substation: Substation, scenario: Scenario): SimModel {
  let byScenario = cache.get(substation);
  if (byScenario === undefined) {
    byScenario = new WeakMap();
    cache.set(substation, byScenario);
  }
  const cached = byScenario.get(scenario);
  if (cached !== undefined) return cached;
  const model = buildModel(substation, scenario);
  byScenario.set(scenario, model);
  return model;
}

function buildModel(substation: Substation, scenario: Scenario): SimModel {
  const nodeIndex = new Map(substation.nodes.map((node, i) => [node.id, i] as const));
  const devices = [...substation.devices, ...scenario.initialState.extraDevices];
  const deviceById = new Map(devices.map((device) => [device.id, device] as const));
  const at = (id: string | undefined): number => nodeIndex.get(id ?? '') ?? -1;
  const branches: Branch[] = [];
  const sources: Tap[] = [];
  const draws: Tap[] = [];
  const earthingSwitches: Tap[] = [];
  for (const device of devices) {
    const [first, second] = device.connections;
    if (device.type === 'circuit-breaker' || device.type === 'disconnector') {
      branches.push(branch(device, at(first), at(second), true));
    } else if (device.type === 'power-transformer') {
      branches.push(branch(device, at(first), at(second), false));
    } else if (device.type === 'line') {
      sources.push({ device: device.id, node: at(first) });
    } else if (device.type === 'earthing-switch') {
      earthingSwitches.push({ device: device.id, node: at(first) });
    } else if (DRAW_TYPES.has(device.type)) {
      draws.push({ device: device.id, node: at(first) });
    }
  }
  const interlocksByDevice = new Map<string, Interlock[]>();
  for (const rule of substation.interlocks) {
    interlocksByDevice.set(rule.device, [...(interlocksByDevice.get(rule.device) ?? []), rule]);
  }
  return {
    substation,
    scenario,
    nodes: substation.nodes,
    nodeIndex,
    devices,
    deviceById,
    branches,
    branchByDevice: new Map(branches.map((b) => [b.device, b] as const)),
    sources,
    draws,
    earthingSwitches,
    interlocksByDevice,
    interlocksOutOfService: new Set(scenario.initialState.interlocksOutOfService),
    ports: buildPorts(devices, scenario),
    zones: new Map(scenario.workZones.map((zone) => [zone.id, zone] as const)),
    allowedActions: new Set(scenario.allowedActions),
  };
}

function branch(device: Device, a: number, b: number, switchable: boolean): Branch {
  return {
    device: device.id,
    a,
    b,
    switchable,
    isBreaker: device.type === 'circuit-breaker',
    isTransformer: device.type === 'power-transformer',
  };
}

function buildPorts(
  devices: readonly Device[],
  scenario: Scenario,
): Map<string, Map<number, Port>> {
  const ports = new Map<string, Map<number, Port>>();
  for (const device of devices) {
    if (device.ports === undefined) continue;
    ports.set(device.id, new Map(device.ports.map((port) => [port.number, port] as const)));
  }
  for (const change of scenario.initialState.ports) {
    const byNumber = ports.get(change.switch);
    const base = byNumber?.get(change.port);
    if (byNumber === undefined || base === undefined) continue;
    const port: Port = { ...base, enabled: change.enabled };
    if (change.connectedTo !== undefined) port.connectedTo = change.connectedTo;
    byNumber.set(change.port, port);
  }
  return ports;
}

/** Key of a port in state records: `<switch>:<number>`. */
export function portKey(switchId: string, port: number): string {
  return `${switchId}:${port}`;
}
