import type { Device } from '../../sim/schema/device.ts';
import { COLORS } from './colors.ts';
import type { PartBuilder } from './parts.ts';

/** Angle (radians) a disconnector blade swings up by when open. */
export const DISCONNECTOR_OPEN = (-75 * Math.PI) / 180;
/** Angle an earthing blade lies down at when open. */
export const EARTH_BLADE_OPEN = (-82 * Math.PI) / 180;

/** What a builder needs besides the device: its current position and voltage. */
export interface BuildContext {
  readonly isClosed: boolean;
  /** Nominal voltage of the device's first connection, in kV. */
  readonly kv: number;
}

/** Vertical-break disconnector: per phase two post insulators, a blade that lifts to open. */
export function buildDisconnector(
  b: PartBuilder,
  device: Device,
  { isClosed, kv }: BuildContext,
): void {
  const hv = kv >= 100;
  const s = hv ? 1.8 : 0.8;
  const beamY = hv ? 2.4 : 3.0;
  const insH = hv ? 1.5 : 0.55;
  const half = hv ? 1.3 : 0.55;
  const insD = hv ? 0.3 : 0.18;
  const padY = beamY + 0.16 + insH + 0.05;
  for (const z of [-half, half]) {
    b.box(0, beamY, z, 2 * s + 0.7, 0.18, 0.18, COLORS.steel);
    for (const x of [-(s + 0.25), s + 0.25])
      b.box(x, beamY / 2, z, 0.18, beamY, 0.18, COLORS.steel);
  }
  for (const k of [-1, 0, 1]) {
    const x = k * s;
    b.box(x, beamY + 0.12, 0, 0.16, 0.08, 2 * half + 0.4, COLORS.darkSteel);
    for (const z of [-half, half]) {
      b.insulator([x, beamY + 0.16, z], [x, beamY + 0.16 + insH, z], insD, COLORS.porcelain);
      b.box(x, padY, z, 0.28, 0.06, 0.28, COLORS.aluminium);
    }
    b.box(x, padY + 0.09, half, 0.14, 0.16, 0.14, COLORS.aluminium);
    b.hinge(
      [x, padY + 0.08, -half],
      'x',
      { closed: 0, open: DISCONNECTOR_OPEN, isClosed },
      (blade) => {
        blade.box(0, 0, half, 0.08, 0.08, 2 * half + 0.1, COLORS.aluminium, {
          role: 'blade',
          ...(device.connections[0] ? { node: device.connections[0] } : {}),
        });
      },
    );
  }
  // Motor operating mechanism on the east leg, with its drive rod up to the centre phase.
  b.box(s + 0.55, 1.3, -half, 0.45, 0.7, 0.35, COLORS.tankDark);
  b.rod([s + 0.55, 1.65, -half], [s + 0.55, beamY - 0.1, -half], 0.06, COLORS.steel);
  b.lockPoint(s + 0.55, 1.15, -half + 0.2);
  b.terminal(0, 0, padY + 0.05, -half - 0.15, s);
  b.terminal(1, 0, padY + 0.05, half + 0.15, s);
}

/** Earthing switch: three posts in a row, each with a green-and-yellow blade that swings up to the conductor. */
export function buildEarthingSwitch(
  b: PartBuilder,
  _device: Device,
  { isClosed, kv }: BuildContext,
): void {
  const hv = kv >= 100;
  const spacing = hv ? 1.2 : 0.6;
  const colH = hv ? 2.5 : 2.7;
  const insH = hv ? 1.5 : 0.5;
  const contactY = colH + insH + 0.1;
  const bladeLen = contactY - 1.15;
  b.box(0, colH - 0.05, 0, 0.16, 0.16, 2 * spacing + 0.5, COLORS.steel);
  for (const k of [-1, 0, 1]) {
    const z = k * spacing;
    b.box(0, colH / 2, z, 0.2, colH, 0.2, COLORS.steel);
    b.insulator([0, colH, z], [0, colH + insH, z], hv ? 0.28 : 0.16, COLORS.porcelain);
    b.box(0, contactY, z, 0.3, 0.08, 0.22, COLORS.aluminium);
    b.box(0.32, contactY - 0.12, z, 0.12, 0.18, 0.12, COLORS.aluminium);
    b.box(0.32, 1.1, z, 0.16, 0.16, 0.16, COLORS.darkSteel);
    b.rod([0.32, 1.05, z], [0.32, 0, z], 0.04, COLORS.copper);
    b.hinge([0.32, 1.15, z], 'z', { closed: 0, open: EARTH_BLADE_OPEN, isClosed }, (blade) => {
      blade.box(0, bladeLen / 2, 0, 0.07, bladeLen, 0.07, COLORS.earthBlade, { role: 'blade' });
      for (let band = 0.2; band < 0.95; band += 0.25) {
        blade.box(0, bladeLen * band, 0, 0.08, bladeLen * 0.08, 0.08, COLORS.earthStripe);
      }
    });
  }
  b.box(0.7, 1.2, -spacing - 0.3, 0.35, 0.55, 0.3, COLORS.tankDark);
  b.lockPoint(0.7, 1.05, -spacing - 0.12);
  b.terminal(0, 0, contactY + 0.04, 0, spacing, 'z');
}

/** Circuit breaker: an SF6 dead-tank breaker at 138 kV, an outdoor vacuum breaker at 13.8 kV. */
export function buildBreaker(
  b: PartBuilder,
  _device: Device,
  { isClosed, kv }: BuildContext,
): void {
  const indicator = isClosed ? COLORS.closed : COLORS.open;
  if (kv >= 100) {
    const s = 1.8;
    for (const z of [-0.7, 0.7]) {
      b.box(0, 1.8, z, 2 * s + 1.4, 0.2, 0.2, COLORS.steel);
      for (const x of [-(s + 0.6), s + 0.6]) b.box(x, 0.9, z, 0.2, 1.8, 0.2, COLORS.steel);
    }
    for (const k of [-1, 0, 1]) {
      const x = k * s;
      b.rod([x, 2.35, -1.05], [x, 2.35, 1.05], 1.0, COLORS.tank);
      b.rod([x, 2.35, -1.08], [x, 2.35, 1.08], 0.8, COLORS.tankDark);
      for (const side of [-1, 1]) {
        b.insulator([x, 2.75, side * 0.55], [x, 4.85, side * 1.35], 0.32, COLORS.porcelain);
        b.ring(x, 2.95, side * 0.62, 0.55, COLORS.darkSteel);
        b.rod([x, 4.8, side * 1.33], [x, 5.0, side * 1.4], 0.2, COLORS.aluminium);
      }
    }
    b.box(s + 1.35, 1.55, 0, 1.1, 1.5, 0.8, COLORS.tank);
    b.glow(s + 1.35, 1.9, -0.41, 0.32, 0.32, 0.02, indicator, { role: 'indicator' });
    b.glow(s + 1.35, 1.9, 0.41, 0.32, 0.32, 0.02, indicator, { role: 'indicator' });
    b.glow(s + 1.35, 2.38, 0, 0.3, 0.12, 0.3, indicator, { role: 'indicator' });
    b.lockPoint(s + 1.35, 1.25, 0.42);
    b.terminal(0, 0, 5.0, -1.42, s);
    b.terminal(1, 0, 5.0, 1.42, s);
    return;
  }
  for (const x of [-0.85, 0.85])
    for (const z of [-0.5, 0.5]) b.box(x, 0.8, z, 0.14, 1.6, 0.14, COLORS.steel);
  b.box(0, 2.35, 0, 2.0, 1.5, 1.2, COLORS.cabinet);
  b.box(0, 3.13, 0, 2.1, 0.06, 1.3, COLORS.tankDark);
  for (const k of [-1, 0, 1]) {
    for (const z of [-0.35, 0.35]) {
      b.insulator([k * 0.6, 3.15, z], [k * 0.6, 3.65, z], 0.16, COLORS.porcelain);
    }
  }
  b.glow(0.55, 2.6, -0.61, 0.26, 0.26, 0.02, indicator, { role: 'indicator' });
  b.glow(0.55, 2.6, 0.61, 0.26, 0.26, 0.02, indicator, { role: 'indicator' });
  b.glow(-0.75, 3.22, 0, 0.16, 0.12, 0.16, indicator, { role: 'indicator' });
  b.box(-0.45, 2.2, 0.62, 0.35, 0.12, 0.05, COLORS.panelFace);
  b.lockPoint(-0.45, 2.0, 0.63);
  b.terminal(0, 0, 3.7, -0.35, 0.6);
  b.terminal(1, 0, 3.7, 0.35, 0.6);
}
