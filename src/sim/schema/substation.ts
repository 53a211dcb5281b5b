import { z } from 'zod';
import { IdSchema, PlacementSchema, SldPointSchema, SlugSchema } from './common.ts';
import { DeviceSchema, NETWORK_TYPES, SWITCHING_TYPES, terminalCount } from './device.ts';
import type { Device } from './device.ts';

/** A connection point: conductors joined together, at one voltage. */
export const NodeSchema = z.object({
  /** Unique id (e.g. `n-t1h`). */
  id: IdSchema,
  /** What an operator would call it (e.g. "T1 138 kV terminals"). */
  name: z.string().min(3).max(120),
  /** Nominal voltage in kV. */
  voltageKv: z.number().positive(),
  /** Where the point is in the yard, for test and grounding markers. */
  placement: PlacementSchema,
  /** Where it is drawn on the single-line diagram. */
  sld: SldPointSchema,
});
export type SimNode = z.output<typeof NodeSchema>;

/** What must be true before an interlocked device may move. */
export const InterlockConditionSchema = z.object({
  /** These devices must be open. */
  devicesOpen: z.array(IdSchema).optional(),
  /** These devices must be closed. */
  devicesClosed: z.array(IdSchema).optional(),
  /** These nodes must carry no voltage (a voltage-presence relay checks them). */
  nodesDead: z.array(IdSchema).optional(),
  /** These nodes must not be connected to a closed earthing switch (portable grounds are not wired in). */
  nodesNotEarthed: z.array(IdSchema).optional(),
});
export type InterlockCondition = z.output<typeof InterlockConditionSchema>;

/** An interlock: blocks an operation unless its condition holds. */
export const InterlockSchema = z.object({
  /** Unique id (e.g. `il-89-T1H`). */
  id: IdSchema,
  /** The device it guards. */
  device: IdSchema,
  /** Which movement it guards. */
  operation: z.enum(['open', 'close', 'any']),
  /** What must hold for the movement to be allowed. */
  requires: InterlockConditionSchema,
  /** Shown to the learner when it blocks, in plain words. */
  explanation: z.string().min(10).max(500),
});
export type Interlock = z.output<typeof InterlockSchema>;

/** A rectangle on the ground: the yard fence or the control house. */
export const AreaSchema = z.object({
  /** Centre east-west, metres. */
  x: z.number(),
  /** Centre north-south, metres. */
  z: z.number(),
  /** Extent east-west, metres. */
  width: z.number().positive(),
  /** Extent north-south, metres. */
  depth: z.number().positive(),
});

/** A whole substation: nodes, devices, interlocks and layout. */
export const SubstationSchema = z
  .object({
    /** Unique id, equal to the file name. */
    id: SlugSchema,
    /** Display name. */
    name: z.string().min(3).max(120),
    /** A paragraph for the scenario picker. */
    description: z.string().min(10).max(1000),
    /** Nominal voltages present, highest first. */
    voltagesKv: z.array(z.number().positive()).min(1),
    /** The fenced yard. */
    yard: AreaSchema,
    /** The control house, where relays and network equipment sit. */
    controlHouse: AreaSchema,
    /** Connection points. */
    nodes: z.array(NodeSchema).min(1),
    /** Equipment. */
    devices: z.array(DeviceSchema).min(1),
    /** Interlock rules. */
    interlocks: z.array(InterlockSchema).default([]),
  })
  .superRefine((station, ctx) => {
    const nodeIds = new Set<string>();
    station.nodes.forEach((node, i) => {
      if (nodeIds.has(node.id))
        ctx.addIssue(issue(['nodes', i, 'id'], `duplicate node ${node.id}`));
      nodeIds.add(node.id);
    });
    const devices = new Map<string, Device>();
    station.devices.forEach((device, i) => {
      if (devices.has(device.id) || nodeIds.has(device.id)) {
        ctx.addIssue(issue(['devices', i, 'id'], `duplicate id ${device.id}`));
      }
      devices.set(device.id, device);
    });
    station.devices.forEach((device, i) => {
      for (const message of checkDevice(device, nodeIds)) {
        ctx.addIssue(issue(['devices', i, message.field], message.text));
      }
    });
    station.devices.forEach((device, i) => {
      device.ports?.forEach((port, p) => {
        if (port.connectedTo !== undefined && !devices.has(port.connectedTo)) {
          ctx.addIssue(
            issue(['devices', i, 'ports', p, 'connectedTo'], `unknown device ${port.connectedTo}`),
          );
        }
      });
      device.protects?.forEach((id, p) => {
        if (!devices.has(id))
          ctx.addIssue(issue(['devices', i, 'protects', p], `unknown device ${id}`));
      });
    });
    const interlockIds = new Set<string>();
    station.interlocks.forEach((rule, i) => {
      if (interlockIds.has(rule.id))
        ctx.addIssue(issue(['interlocks', i, 'id'], `duplicate ${rule.id}`));
      interlockIds.add(rule.id);
      const guarded = devices.get(rule.device);
      if (guarded === undefined || !SWITCHING_TYPES.includes(guarded.type)) {
        ctx.addIssue(
          issue(['interlocks', i, 'device'], `${rule.device} is not a switching device`),
        );
      }
      const {
        devicesOpen = [],
        devicesClosed = [],
        nodesDead = [],
        nodesNotEarthed = [],
      } = rule.requires;
      [...devicesOpen, ...devicesClosed].forEach((id) => {
        if (!devices.has(id))
          ctx.addIssue(issue(['interlocks', i, 'requires'], `unknown device ${id}`));
      });
      [...nodesDead, ...nodesNotEarthed].forEach((id) => {
        if (!nodeIds.has(id))
          ctx.addIssue(issue(['interlocks', i, 'requires'], `unknown node ${id}`));
      });
    });
  });
export type Substation = z.output<typeof SubstationSchema>;

function issue(path: (string | number)[], message: string) {
  return { code: 'custom' as const, path, message };
}

/** Structural checks on one device that zod's shape cannot express. */
export function checkDevice(
  device: Device,
  nodeIds: ReadonlySet<string>,
): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  const expected = terminalCount(device.type);
  if (device.connections.length !== expected) {
    problems.push({
      field: 'connections',
      text: `a ${device.type} has ${expected} connection(s), found ${device.connections.length}`,
    });
  }
  for (const node of device.connections) {
    if (!nodeIds.has(node)) problems.push({ field: 'connections', text: `unknown node ${node}` });
  }
  if (SWITCHING_TYPES.includes(device.type) && device.position === undefined) {
    problems.push({ field: 'position', text: `a ${device.type} needs an initial position` });
  }
  if (device.type === 'station-switch' && (device.ports ?? []).length === 0) {
    problems.push({ field: 'ports', text: 'a station switch needs its ports' });
  }
  if (NETWORK_TYPES.includes(device.type) && device.network === undefined) {
    problems.push({ field: 'network', text: `a ${device.type} needs its network identity` });
  }
  const numbers = new Set<number>();
  for (const port of device.ports ?? []) {
    if (numbers.has(port.number))
      problems.push({ field: 'ports', text: `duplicate port ${port.number}` });
    numbers.add(port.number);
  }
  return problems;
}
