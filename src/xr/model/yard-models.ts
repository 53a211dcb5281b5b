import type { Device } from '../../sim/schema/device.ts';
import { COLORS } from './colors.ts';
import type { PartBuilder } from './parts.ts';
import type { BuildContext } from './switching-models.ts';

/** Power transformer: tank on a pad, tall 138 kV bushings north, 13.8 kV bushings south, radiators and fans. */
export function buildTransformer(b: PartBuilder): void {
  b.box(0, 0.2, 0, 7.2, 0.4, 6.2, COLORS.concrete);
  b.box(0, 2.0, 0, 4.2, 3.2, 3.0, COLORS.tank);
  b.box(0, 3.65, 0, 4.4, 0.12, 3.2, COLORS.tankDark);
  for (const k of [-1, 0, 1]) {
    b.ring(k * 1.2, 3.85, -1.0, 0.55, COLORS.tankDark);
    b.insulator([k * 1.2, 3.75, -1.0], [k * 1.2, 5.95, -1.35], 0.34, COLORS.porcelain);
    b.rod([k * 1.2, 5.9, -1.34], [k * 1.2, 6.15, -1.38], 0.16, COLORS.aluminium);
  }
  for (const x of [-1.35, -0.45, 0.45, 1.35]) {
    b.insulator([x, 3.75, 1.1], [x, 4.55, 1.1], 0.2, COLORS.porcelain);
  }
  // Conservator tank on its legs, with the Buchholz pipe to the cover.
  b.rod([-1.7, 4.75, 0.25], [1.7, 4.75, 0.25], 0.8, COLORS.tank);
  for (const x of [-1.3, 1.3]) b.rod([x, 3.7, 0.25], [x, 4.4, 0.25], 0.1, COLORS.steel);
  b.rod([0.6, 3.7, 0.25], [0.6, 4.4, 0.25], 0.12, COLORS.darkSteel);
  b.box(0.6, 4.05, 0.25, 0.22, 0.18, 0.22, COLORS.tankDark);
  // Radiator banks with headers and cooling fans on both sides.
  for (const side of [-1, 1]) {
    const x = side * 2.65;
    for (let z = -1.2; z <= 1.21; z += 0.2) b.box(x, 2.05, z, 0.85, 2.5, 0.05, COLORS.radiator);
    for (const y of [0.75, 3.35]) {
      b.rod([side * 2.1, y, -1.3], [side * 2.1, y, 1.3], 0.14, COLORS.radiator);
      b.rod([side * 2.1, y, 0], [x, y, 0], 0.14, COLORS.radiator);
    }
    for (const z of [-0.65, 0.65]) {
      b.rod([x, 0.55, z], [x, 0.75, z], 0.75, COLORS.fan);
      b.rod([side * 2.15, 0.65, z], [x, 0.65, z], 0.06, COLORS.darkSteel);
    }
  }
  // On-load tap changer compartment and the control cabinet.
  b.box(1.3, 2.1, 1.72, 1.0, 1.6, 0.45, COLORS.tankDark);
  b.box(-1.5, 1.3, -1.75, 0.9, 1.4, 0.5, COLORS.cabinet);
  b.terminal(0, 0, 6.15, -1.38, 1.2);
  b.terminal(1, 0, 4.6, 1.1, 0.9);
}

/** Pad-mounted station service transformer: a green cabinet on a pad, fed from a riser pole. */
export function buildPadMount(b: PartBuilder): void {
  b.box(0, 0.1, 0, 2.2, 0.2, 2.0, COLORS.concrete);
  b.box(0, 0.85, 0, 1.6, 1.3, 1.4, COLORS.padMount);
  b.box(0, 1.53, 0, 1.7, 0.06, 1.5, COLORS.padMount);
  b.box(0.4, 0.85, -0.71, 0.02, 1.1, 0.02, COLORS.fan);
  b.box(-0.4, 0.85, -0.71, 0.02, 1.1, 0.02, COLORS.fan);
  b.rod([0, 0, -1.3], [0, 2.9, -1.3], 0.22, COLORS.wood);
  b.box(0, 2.9, -1.3, 1.4, 0.1, 0.1, COLORS.wood);
  for (const k of [-1, 0, 1]) {
    b.insulator([k * 0.5, 2.95, -1.3], [k * 0.5, 3.25, -1.3], 0.1, COLORS.polymer);
    b.rod([k * 0.5, 2.9, -1.3], [k * 0.15, 1.56, -0.5], 0.04, COLORS.cable);
  }
  b.terminal(0, 0, 3.28, -1.3, 0.5);
}

/** Rigid tube bus on post insulators, phases side by side across the bus. */
export function buildBusbar(b: PartBuilder, device: Device): void {
  const length = device.placement.length ?? 20;
  const s = 0.9;
  const supports = Math.max(2, Math.round(length / 4) + 1);
  for (let i = 0; i < supports; i++) {
    const x = -length / 2 + (i * length) / (supports - 1);
    b.box(x, 2.1, 0, 0.22, 4.2, 0.22, COLORS.steel);
    b.box(x, 4.25, 0, 0.2, 0.16, 2 * s + 0.5, COLORS.steel);
    for (const k of [-1, 0, 1])
      b.insulator([x, 4.33, k * s], [x, 4.94, k * s], 0.17, COLORS.porcelain);
  }
  for (const k of [-1, 0, 1]) {
    b.rod([-length / 2, 5.0, k * s], [length / 2, 5.0, k * s], 0.11, COLORS.aluminium, {
      role: 'conductor',
      ...(device.connections[0] ? { node: device.connections[0] } : {}),
    });
  }
}

/** Instrument transformers and arresters: three single-phase units in a row on pedestals. */
export function buildPhaseRow(b: PartBuilder, device: Device, { kv }: BuildContext): void {
  const hv = kv >= 100;
  const spacing = hv ? 1.2 : 0.6;
  const pedestal = hv ? 2.4 : 2.6;
  let top = pedestal;
  b.box(0, 0.1, 0, 0.9, 0.2, 2 * spacing + 0.9, COLORS.concrete);
  for (const k of [-1, 0, 1]) {
    const z = k * spacing;
    b.box(0, pedestal / 2, z, 0.22, pedestal, 0.22, COLORS.steel);
    b.box(0, pedestal, z, 0.5, 0.06, 0.5, COLORS.steel);
    if (device.type === 'surge-arrester') {
      const height = hv ? 1.7 : 0.6;
      b.insulator(
        [0, pedestal + 0.05, z],
        [0, pedestal + 0.05 + height, z],
        hv ? 0.26 : 0.14,
        COLORS.polymer,
      );
      if (hv) b.ring(0, pedestal + height - 0.15, z, 0.7, COLORS.aluminium);
      b.box(0.2, pedestal - 0.35, z, 0.14, 0.18, 0.1, COLORS.fan);
      b.rod([0.2, pedestal - 0.4, z], [0.2, 0, z], 0.035, COLORS.copper);
      top = pedestal + 0.1 + height;
    } else if (device.type === 'voltage-transformer') {
      b.box(0, pedestal + 0.35, z, hv ? 0.55 : 0.38, 0.6, hv ? 0.55 : 0.32, COLORS.tank);
      const height = hv ? 2.0 : 0.45;
      b.insulator(
        [0, pedestal + 0.65, z],
        [0, pedestal + 0.65 + height, z],
        hv ? 0.3 : 0.14,
        COLORS.porcelain,
      );
      b.rod(
        [0, pedestal + 0.65 + height, z],
        [0, pedestal + 0.8 + height, z],
        hv ? 0.4 : 0.18,
        COLORS.aluminium,
      );
      top = pedestal + 0.85 + height;
    }
  }
  b.terminal(0, 0, top, 0, spacing, 'z');
}

/** Current transformers: a head tank on an insulator per phase, in series with the phase conductor. */
export function buildCurrentTransformer(
  b: PartBuilder,
  _device: Device,
  { kv }: BuildContext,
): void {
  const hv = kv >= 100;
  const s = hv ? 1.8 : 0.8;
  const pedestal = hv ? 2.4 : 2.9;
  const height = hv ? 1.8 : 0.45;
  for (const k of [-1, 0, 1]) {
    const x = k * s;
    b.box(x, pedestal / 2, 0, 0.22, pedestal, 0.22, COLORS.steel);
    b.box(x, pedestal + 0.15, 0, hv ? 0.5 : 0.3, 0.3, hv ? 0.5 : 0.3, COLORS.tank);
    b.insulator(
      [x, pedestal + 0.3, 0],
      [x, pedestal + 0.3 + height, 0],
      hv ? 0.32 : 0.15,
      COLORS.porcelain,
    );
    b.rod(
      [x, pedestal + 0.45 + height, -0.4],
      [x, pedestal + 0.45 + height, 0.4],
      hv ? 0.55 : 0.25,
      COLORS.tank,
    );
  }
  b.terminal(0, 0, pedestal + 0.45 + height, 0, s);
}

/** Incoming line: a steel dead-end structure with strain insulators, conductors leaving north to a tower. */
export function buildLine(b: PartBuilder, device: Device): void {
  const s = 1.8;
  const node = device.connections[0] ?? '';
  for (const x of [-4.2, 4.2]) {
    b.box(x, 6.5, 0, 0.5, 13, 0.5, COLORS.steel);
    b.box(x, 0.25, 0, 1.0, 0.5, 1.0, COLORS.concrete);
    for (let y = 1.5; y < 12; y += 2.2)
      b.rod([x, y, -0.25], [x, y + 2.0, 0.25], 0.08, COLORS.steel);
  }
  b.box(0, 11, 0, 9.2, 0.6, 0.6, COLORS.steel);
  for (const x of [-3.2, 3.2]) b.rod([x, 11.3, 0], [x, 13.2, 0], 0.2, COLORS.steel);
  // A lattice tower outside the fence, where the line comes from.
  for (const x of [-2.2, 2.2])
    for (const z of [-22.2, -17.8])
      b.rod([x, 0, z], [x * 0.35, 24, z < -20 ? -20.7 : -19.3], 0.22, COLORS.steel);
  for (let y = 4; y < 22; y += 4) b.box(0, y, -20, 4.4 - y * 0.14, 0.12, 0.12, COLORS.steel);
  b.box(0, 19.5, -20, 8.5, 0.35, 0.35, COLORS.steel);
  for (const k of [-1, 0, 1]) {
    const x = k * s;
    b.insulator([x, 10.6, -0.35], [x, 10.6, -2.2], 0.26, COLORS.porcelain);
    b.insulator([k * 3.6, 19.3, -20], [k * 3.6, 17.5, -20], 0.26, COLORS.porcelain);
    b.conductor(b.world(x, 10.6, -2.2), b.world(k * 3.6, 17.5, -20), 0.05, COLORS.aluminium, node);
    b.conductor(
      b.world(k * 3.6, 17.5, -20),
      b.world(k * 3.6, 17.2, -60),
      0.05,
      COLORS.aluminium,
      node,
    );
  }
  for (const x of [-3.2, 3.2]) b.rod([x, 13.2, 0], [x * 0.6, 24, -20], 0.03, COLORS.steel);
  b.terminal(0, 0, 10.45, 0.2, s);
}

/** Line trap: a large drum coil on a pedestal insulator, in series with one phase. */
export function buildLineTrap(b: PartBuilder, device: Device): void {
  const y = Math.max(device.placement.y, 2);
  b.box(0, (y - 1.4) / 2, 0, 0.3, y - 1.4, 0.3, COLORS.steel);
  b.insulator([0, y - 1.4, 0], [0, y - 0.7, 0], 0.3, COLORS.porcelain);
  b.rod([0, y - 0.7, 0], [0, y + 0.7, 0], 1.15, COLORS.darkSteel);
  b.ring(0, y - 0.7, 0, 1.25, COLORS.aluminium);
  b.ring(0, y + 0.7, 0, 1.25, COLORS.aluminium);
  b.rod([0, y + 0.7, 0], [0, y + 0.95, 0], 0.2, COLORS.aluminium);
  b.terminal(0, 0, y + 0.95, 0, 0);
}

/** Feeder exit: a termination structure with cable potheads, cables down into a trench to the fence. */
export function buildFeeder(b: PartBuilder): void {
  for (const x of [-1.2, 1.2]) b.box(x, 1.9, 0, 0.2, 3.8, 0.2, COLORS.steel);
  b.box(0, 3.7, 0, 2.8, 0.18, 0.25, COLORS.steel);
  for (const k of [-1, 0, 1]) {
    b.insulator([k * 0.8, 3.8, 0], [k * 0.8, 4.35, 0], 0.2, COLORS.polymer);
    b.rod([k * 0.8, 3.8, 0], [k * 0.8 * 0.3, 0.05, 0.25], 0.07, COLORS.cable);
  }
  b.box(0, 0.04, 1.8, 0.8, 0.08, 3.2, COLORS.concrete);
  b.terminal(0, 0, 4.4, 0, 0.8);
}

/** Open-rack capacitor bank: two tiers of cans per phase on insulators, inside a small fence. */
export function buildCapacitorBank(b: PartBuilder): void {
  for (const x of [-2.2, 2.2])
    for (const z of [-2.0, 2.0]) b.rod([x, 0, z], [x, 2.0, z], 0.08, COLORS.steel);
  for (const z of [-2.0, 2.0]) b.box(0, 1.95, z, 4.4, 0.05, 0.05, COLORS.steel);
  for (const x of [-2.2, 2.2]) b.box(x, 1.95, 0, 0.05, 0.05, 4.0, COLORS.steel);
  for (const k of [-1, 0, 1]) {
    const x = k * 1.2;
    for (const z of [-0.55, 0.55]) b.insulator([x, 0, z], [x, 0.5, z], 0.14, COLORS.porcelain);
    for (const tier of [0, 1]) {
      const y = 0.55 + tier * 1.05;
      b.box(x, y, 0, 0.9, 0.06, 1.4, COLORS.steel);
      for (const z of [-0.45, -0.15, 0.15, 0.45]) {
        b.box(x, y + 0.38, z, 0.32, 0.7, 0.2, COLORS.aluminium);
        b.rod([x, y + 0.73, z], [x, y + 0.86, z], 0.05, COLORS.polymer);
      }
    }
    b.insulator([x, 2.5, -1.2], [x, 3.0, -1.2], 0.14, COLORS.porcelain);
    b.rod([x, 2.52, -0.45], [x, 2.5, -1.2], 0.04, COLORS.aluminium);
  }
  b.terminal(0, 0, 3.0, -1.2, 1.2);
}

/** The PV plant where F4 leaves: tilted panel rows and an inverter skid just outside the fence. */
export function buildPvPlant(b: PartBuilder): void {
  const tilt = (25 * Math.PI) / 180;
  for (let row = 0; row < 3; row++) {
    const z = 3.5 + row * 2.8;
    for (let x = -6; x <= 6; x += 4) {
      b.box(x - 1.6, 0.55, z, 0.08, 1.1, 0.08, COLORS.steel);
      b.box(x + 1.6, 0.55, z, 0.08, 1.1, 0.08, COLORS.steel);
      for (let panel = -1.5; panel <= 1.51; panel += 1.0) {
        b.turnedBox([x + panel, 1.2, z], [0.98, 0.04, 1.7], [tilt, 0, 0], COLORS.pvPanel);
      }
    }
  }
  b.box(8.5, 1.0, 4.5, 2.4, 2.0, 1.4, COLORS.cabinet);
  b.glow(8.5, 1.6, 3.79, 0.3, 0.12, 0.02, COLORS.ledGreen);
  b.terminal(0, 8.5, 2.0, 4.5, 0);
}
