import { Box3, Matrix4, Vector3 } from 'three';
import type { Device } from '../../sim/schema/device.ts';
import type { Substation } from '../../sim/schema/substation.ts';
import type { SimState } from '../../sim/state.ts';
import { COLORS, phaseSpacing } from './colors.ts';
import { buildControlHouse, buildNetworkDevice, buildRelayPanel } from './control-models.ts';
import { PartBuilder, deviceFrame, emptyYard, type YardParts } from './parts.ts';
import {
  buildBreaker,
  buildDisconnector,
  buildEarthingSwitch,
  type BuildContext,
} from './switching-models.ts';
import {
  buildBusbar,
  buildCapacitorBank,
  buildCurrentTransformer,
  buildFeeder,
  buildLine,
  buildLineTrap,
  buildPadMount,
  buildPhaseRow,
  buildPvPlant,
  buildTransformer,
} from './yard-models.ts';

/** The whole scene as data: parts, moving blades, terminals, and where each device is. */
export interface YardModel extends YardParts {
  /** Device id -> bounding box of its parts. */
  readonly bounds: Map<string, Box3>;
  /** Device id -> a point on its most solid part, to aim the camera and a pointer at. */
  readonly focusPoints: Map<string, Vector3>;
}

type Builder = (b: PartBuilder, device: Device, context: BuildContext) => void;

const BUILDERS: Partial<Record<Device['type'], Builder>> = {
  'circuit-breaker': buildBreaker,
  disconnector: buildDisconnector,
  'earthing-switch': buildEarthingSwitch,
  'power-transformer': (b) => buildTransformer(b),
  'station-service-transformer': (b) => buildPadMount(b),
  busbar: (b, device) => buildBusbar(b, device),
  'surge-arrester': buildPhaseRow,
  'voltage-transformer': buildPhaseRow,
  'current-transformer': buildCurrentTransformer,
  line: (b, device) => buildLine(b, device),
  'line-trap': (b, device) => buildLineTrap(b, device),
  feeder: (b) => buildFeeder(b),
  'capacitor-bank': (b) => buildCapacitorBank(b),
  'pv-plant': (b) => buildPvPlant(b),
  'relay-ied': (b) => buildRelayPanel(b),
};

/** Builds every part of the substation as the attempt starts. */
export function buildYard(state: SimState): YardModel {
  const out = emptyYard();
  const { substation } = state.model;
  const kvOf = (device: Device): number => {
    const index = state.model.nodeIndex.get(device.connections[0] ?? '');
    return index === undefined ? 0 : (state.model.nodes[index]?.voltageKv ?? 0);
  };
  buildControlHouse(new PartBuilder(out, new Matrix4()), substation.controlHouse);
  buildSite(new PartBuilder(out, new Matrix4()), substation);
  for (const device of state.model.devices) {
    const { x, z, rotation } = device.placement;
    const b = new PartBuilder(out, deviceFrame(x, 0, z, rotation), device.id);
    const context = { isClosed: state.positions[device.id] === 'closed', kv: kvOf(device) };
    const builder = BUILDERS[device.type];
    if (builder) builder(b, device, context);
    else buildNetworkDevice(b, device, (id) => state.model.deviceById.get(id));
  }
  buildConductors(out, state);
  const bounds = new Map<string, Box3>();
  const focusPoints = new Map<string, Vector3>();
  const biggest = new Map<string, number>();
  const unit = new Box3(new Vector3(-0.5, -0.5, -0.5), new Vector3(0.5, 0.5, 0.5));
  const scale = new Vector3();
  for (const part of out.parts) {
    if (part.device === undefined || part.role === 'conductor') continue;
    const box = unit.clone().applyMatrix4(part.matrix);
    const existing = bounds.get(part.device);
    bounds.set(part.device, existing ? existing.union(box) : box);
    scale.setFromMatrixScale(part.matrix);
    const volume = scale.x * scale.y * scale.z;
    if (
      part.kind !== 'glow' &&
      part.color !== COLORS.concrete &&
      volume > (biggest.get(part.device) ?? -1)
    ) {
      biggest.set(part.device, volume);
      focusPoints.set(part.device, new Vector3().setFromMatrixPosition(part.matrix));
    }
  }
  return { ...out, bounds, focusPoints };
}

/** Fence posts and rails, lighting masts. */
function buildSite(b: PartBuilder, substation: Substation): void {
  const { x, z, width, depth } = substation.yard;
  const corners: [number, number][] = [
    [x - width / 2, z - depth / 2],
    [x + width / 2, z - depth / 2],
    [x + width / 2, z + depth / 2],
    [x - width / 2, z + depth / 2],
  ];
  corners.forEach(([ax, az], i) => {
    const [bx, bz] = corners[(i + 1) % 4] ?? corners[0] ?? [0, 0];
    const length = Math.hypot(bx - ax, bz - az);
    const posts = Math.round(length / 3);
    for (let p = 0; p < posts; p++) {
      const t = p / posts;
      b.rod(
        [ax + (bx - ax) * t, 0, az + (bz - az) * t],
        [ax + (bx - ax) * t, 2.5, az + (bz - az) * t],
        0.07,
        COLORS.steel,
      );
    }
    b.rod([ax, 2.45, az], [bx, 2.45, bz], 0.045, COLORS.steel);
    b.rod([ax, 0.1, az], [bx, 0.1, bz], 0.03, COLORS.steel);
  });
  for (const [mx, mz] of [
    [x - width / 2 + 2, z - depth / 2 + 2],
    [x + width / 2 - 2, z + depth / 2 - 2],
    [x - width / 2 + 2, z + depth / 2 - 2],
  ] as const) {
    b.rod([mx, 0, mz], [mx, 14, mz], 0.25, COLORS.steel);
    b.box(mx, 14, mz, 1.6, 0.15, 0.25, COLORS.darkSteel);
    b.glow(mx, 13.9, mz, 1.4, 0.06, 0.2, COLORS.lamp);
  }
}

/** Conductors from each device terminal to its node: to the node's hub point, or onto a bus tube. */
function buildConductors(out: YardParts, state: SimState): void {
  const wires = new PartBuilder(out, new Matrix4());
  const { model } = state;
  const busOf = new Map<string, Device>();
  const axisOf = new Map<string, Vector3>();
  for (const device of model.devices) {
    if (device.type === 'busbar' && device.connections[0]) busOf.set(device.connections[0], device);
    if (device.connections.length === 2) {
      const angle = (device.placement.rotation * Math.PI) / 180;
      for (const node of device.connections) {
        if (!axisOf.has(node)) axisOf.set(node, new Vector3(Math.cos(angle), 0, -Math.sin(angle)));
      }
    }
  }
  for (const device of model.devices) {
    const terminals = out.terminals.get(device.id);
    if (terminals === undefined || device.type === 'busbar') continue;
    device.connections.forEach((nodeId, index) => {
      const terminal = terminals[index];
      const nodeIndex = model.nodeIndex.get(nodeId);
      const node = nodeIndex === undefined ? undefined : model.nodes[nodeIndex];
      if (terminal === undefined || node === undefined) return;
      const kv = node.voltageKv;
      const diameter = kv >= 100 ? 0.06 : 0.045;
      const bus = busOf.get(nodeId);
      const spacing = phaseSpacing(kv);
      const axis = axisOf.get(nodeId) ?? new Vector3(1, 0, 0);
      const hub = new Vector3(node.placement.x, node.placement.y, node.placement.z);
      terminal.points.forEach((point, i) => {
        const k = terminal.points.length === 1 ? 0 : i - 1;
        let end: Vector3;
        if (bus !== undefined) {
          const frame = deviceFrame(bus.placement.x, 0, bus.placement.z, bus.placement.rotation);
          const local = point.clone().applyMatrix4(frame.clone().invert());
          const half = (bus.placement.length ?? 20) / 2;
          end = new Vector3(Math.min(half, Math.max(-half, local.x)), 5.0, k * 0.9).applyMatrix4(
            frame,
          );
        } else {
          end = hub.clone().addScaledVector(axis, k * spacing);
        }
        wires.conductor(point, end, diameter, COLORS.aluminium, nodeId);
      });
    });
  }
}
