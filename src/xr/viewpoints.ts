import type { Substation } from '../sim/schema/substation.ts';

/** A named place to stand and look from. */
export interface Viewpoint {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly yaw: number;
  readonly pitch: number;
}

/** Yaw and pitch that look from one point to another (yaw 0 = north, -z). */
export function lookAngles(
  from: { x: number; y: number; z: number },
  to: { x: number; y: number; z: number },
): { yaw: number; pitch: number } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const dz = to.z - from.z;
  return { yaw: Math.atan2(-dx, -dz), pitch: Math.atan2(dy, Math.hypot(dx, dz)) };
}

function at(
  id: string,
  label: string,
  from: [number, number, number],
  to: [number, number, number],
): Viewpoint {
  const [x, y, z] = from;
  return { id, label, x, y, z, ...lookAngles({ x, y, z }, { x: to[0], y: to[1], z: to[2] }) };
}

/** Viewpoints of a substation: derived from its yard and control-house areas. */
export function viewpointsFor(substation: Substation): Viewpoint[] {
  const { yard, controlHouse: house } = substation;
  const south = yard.z + yard.depth / 2;
  const north = yard.z - yard.depth / 2;
  return [
    at(
      'gate',
      'Yard gate',
      [house.x - 6, 1.7, house.z + house.depth / 2 + 4],
      [yard.x - 6, 3, yard.z],
    ),
    at(
      'overview',
      'Overview from the south',
      [yard.x - 4, 24, south + 20],
      [yard.x - 2, 0, yard.z - 2],
    ),
    at('lines', 'Line entrances', [yard.x - 2, 1.7, north + 14], [yard.x - 14, 6, north + 3]),
    at('transformers', 'Transformers', [yard.x - 2, 1.7, yard.z + 3], [yard.x - 14, 3, yard.z]),
    at('bus', '13.8 kV bus and feeders', [yard.x, 1.7, south - 6], [yard.x, 3, yard.z + 14]),
    at(
      'control-house',
      'Inside the control house',
      [house.x + 1.2, 1.65, house.z + house.depth / 2 - 1.2],
      [house.x - 1, 1.3, house.z - 4],
    ),
  ];
}
