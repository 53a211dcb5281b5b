import { useEffect, useMemo } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  Matrix4,
  Quaternion,
  SRGBColorSpace,
  Vector3,
} from 'three';
import type { Substation } from '../../sim/schema/substation.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { WALL_HEIGHT } from '../model/control-models.ts';
import type { Viewer } from '../scene-bridge.ts';
import { drawSld } from './sld-canvas.ts';

/** Unit quads (XY plane, facing +z) placed by each matrix, merged into one geometry. */
function quads(matrices: readonly Matrix4[]): BufferGeometry {
  const corners = [
    [-0.5, -0.5, 0, 0],
    [0.5, -0.5, 1, 0],
    [0.5, 0.5, 1, 1],
    [-0.5, -0.5, 0, 0],
    [0.5, 0.5, 1, 1],
    [-0.5, 0.5, 0, 1],
  ] as const;
  const positions: number[] = [];
  const uvs: number[] = [];
  const point = new Vector3();
  for (const matrix of matrices) {
    for (const [x, y, u, v] of corners) {
      point.set(x, y, 0).applyMatrix4(matrix);
      positions.push(point.x, point.y, point.z);
      uvs.push(u, v);
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(positions), 3));
  geometry.setAttribute('uv', new BufferAttribute(new Float32Array(uvs), 2));
  return geometry;
}

function board(x: number, y: number, z: number, yaw: number, width: number): Matrix4 {
  return new Matrix4().compose(
    new Vector3(x, y, z),
    new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), yaw),
    new Vector3(width, width / 2, 1),
  );
}

/**
 * The live single-line diagram: a mimic board on the control house's yard-facing wall, one inside,
 * and on the HMI's monitors. One canvas texture, redrawn when the state changes.
 */
export function SldBoard({
  attempt,
  house,
  screens,
  viewer,
}: {
  attempt: AttemptStore;
  house: Substation['controlHouse'];
  screens: readonly Matrix4[];
  viewer: Viewer;
}) {
  const canvas = useMemo(() => {
    const element = document.createElement('canvas');
    element.width = 2048;
    element.height = 1024;
    return element;
  }, []);
  const texture = useMemo(() => {
    const map = new CanvasTexture(canvas);
    map.colorSpace = SRGBColorSpace;
    map.anisotropy = 4;
    return map;
  }, [canvas]);
  const geometry = useMemo(() => {
    const west = house.x - house.width / 2 - 0.12;
    const north = house.z - house.depth / 2 + 0.12;
    return quads([
      board(west, WALL_HEIGHT / 2 + 0.2, house.z + 2, -Math.PI / 2, 5.2),
      board(house.x + 1, 1.9, north, 0, 3.0),
      ...screens.map((matrix) =>
        new Matrix4().multiplyMatrices(matrix, new Matrix4().makeTranslation(0, 0, 0.003)),
      ),
    ]);
  }, [house, screens]);
  useEffect(() => {
    const context = canvas.getContext('2d');
    if (context === null) return undefined;
    const redraw = () => {
      const { sim, events } = attempt.getState();
      const critical = [...events].reverse().find((event) => event.severity === 'critical');
      drawSld(context, sim, critical ? critical.message : null);
      texture.needsUpdate = true;
      viewer.isDirty = true;
    };
    redraw();
    return attempt.subscribe((state, previous) => {
      if (state.sim !== previous.sim) redraw();
    });
  }, [attempt, canvas, texture, viewer]);
  return (
    <mesh geometry={geometry} name="sld-boards">
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}
