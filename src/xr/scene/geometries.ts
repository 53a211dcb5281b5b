import {
  BoxGeometry,
  BufferGeometry,
  CylinderGeometry,
  LatheGeometry,
  MeshBasicMaterial,
  MeshLambertMaterial,
  TorusGeometry,
  Vector2,
  type Material,
} from 'three';
import type { PartKind } from '../model/parts.ts';

/** A porcelain insulator profile: a core with alternating large and small sheds, height 1, diameter 1. */
function insulatorGeometry(): BufferGeometry {
  const points: Vector2[] = [new Vector2(0, -0.5), new Vector2(0.3, -0.5)];
  const sheds = 6;
  for (let i = 0; i < sheds; i++) {
    const y = -0.44 + (i * 0.88) / sheds;
    const r = i % 2 === 0 ? 0.5 : 0.42;
    points.push(
      new Vector2(0.3, y),
      new Vector2(r, y + 0.035),
      new Vector2(r * 0.92, y + 0.07),
      new Vector2(0.3, y + 0.1),
    );
  }
  points.push(new Vector2(0.3, 0.5), new Vector2(0, 0.5));
  return new LatheGeometry(points, 8);
}

/** The shared geometry of each part kind, in unit size. */
export function createPartGeometry(kind: PartKind): BufferGeometry {
  switch (kind) {
    case 'box':
    case 'glow':
      return new BoxGeometry(1, 1, 1);
    case 'cylinder':
      return new CylinderGeometry(0.5, 0.5, 1, 10, 1);
    case 'insulator':
      return insulatorGeometry();
    case 'ring':
      return new TorusGeometry(0.5, 0.06, 4, 14).rotateX(Math.PI / 2);
  }
}

/** One material per kind: matte lit surfaces, and unlit ones for lamps, LEDs and indicators. */
export function createPartMaterial(kind: PartKind): Material {
  return kind === 'glow' ? new MeshBasicMaterial({ toneMapped: false }) : new MeshLambertMaterial();
}
