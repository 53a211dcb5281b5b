import { useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  CylinderGeometry,
  DoubleSide,
  InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  MeshLambertMaterial,
  PlaneGeometry,
  Quaternion,
  Vector3,
} from 'three';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { OPERATOR } from '../../sim/state.ts';
import type { YardModel } from '../model/build-yard.ts';
import { phaseSpacing } from '../model/colors.ts';
import type { Viewer } from '../scene-bridge.ts';
import { dangerTagTexture } from './textures.ts';

const MAX = 24;
const UP = new Vector3(0, 1, 0);

/** Padlocks and Do Not Operate tags on isolation points, and portable grounds clamped on nodes. */
export function LockoutMarkers({
  attempt,
  model,
  viewer,
}: {
  attempt: AttemptStore;
  model: YardModel;
  viewer: Viewer;
}) {
  const meshes = useMemo(() => {
    const make = (
      geometry: BoxGeometry | CylinderGeometry | PlaneGeometry,
      material: MeshLambertMaterial | MeshBasicMaterial,
      count: number,
      name: string,
    ) => {
      const mesh = new InstancedMesh(geometry, material, count);
      mesh.count = 0;
      mesh.frustumCulled = false;
      mesh.name = name;
      return mesh;
    };
    return {
      locks: make(
        new BoxGeometry(0.09, 0.1, 0.04),
        new MeshLambertMaterial({ color: 0xd42a1f }),
        MAX,
        'locks',
      ),
      tags: make(
        new PlaneGeometry(0.16, 0.24),
        new MeshBasicMaterial({ map: dangerTagTexture(), side: DoubleSide, toneMapped: false }),
        MAX,
        'tags',
      ),
      leads: make(
        new CylinderGeometry(0.5, 0.5, 1, 6),
        new MeshLambertMaterial({ color: 0x2f8f46 }),
        MAX * 3,
        'ground-leads',
      ),
      clamps: make(
        new BoxGeometry(0.16, 0.12, 0.16),
        new MeshLambertMaterial({ color: 0xe0c020 }),
        MAX * 3,
        'ground-clamps',
      ),
    };
  }, []);

  useEffect(() => {
    const place = () => {
      const { sim } = attempt.getState();
      const matrix = new Matrix4();
      let locks = 0;
      let tags = 0;
      for (const [device, point] of model.lockPoints) {
        if ((sim.locks[device] ?? []).includes(OPERATOR) && locks < MAX) {
          meshes.locks.setMatrixAt(locks++, matrix.makeTranslation(point.x, point.y, point.z));
        }
        if ((sim.tags[device] ?? []).includes(OPERATOR) && tags < MAX) {
          meshes.tags.setMatrixAt(
            tags++,
            matrix.makeTranslation(point.x + 0.12, point.y - 0.18, point.z + 0.03),
          );
        }
      }
      let leads = 0;
      for (const nodeId of sim.grounds) {
        const index = sim.model.nodeIndex.get(nodeId);
        const node = index === undefined ? undefined : sim.model.nodes[index];
        if (node === undefined) continue;
        for (const k of [-1, 0, 1]) {
          if (leads >= MAX * 3) break;
          const top = new Vector3(
            node.placement.x + k * phaseSpacing(node.voltageKv),
            node.placement.y - 0.1,
            node.placement.z,
          );
          const foot = new Vector3(top.x + 0.6, 0.05, top.z + 0.8);
          const direction = foot.clone().sub(top);
          const length = direction.length();
          meshes.leads.setMatrixAt(
            leads,
            new Matrix4().compose(
              top.clone().add(foot).multiplyScalar(0.5),
              new Quaternion().setFromUnitVectors(UP, direction.normalize()),
              new Vector3(0.035, length, 0.035),
            ),
          );
          meshes.clamps.setMatrixAt(leads, matrix.makeTranslation(top.x, top.y, top.z));
          leads += 1;
        }
      }
      meshes.locks.count = locks;
      meshes.tags.count = tags;
      meshes.leads.count = leads;
      meshes.clamps.count = leads;
      for (const mesh of Object.values(meshes)) mesh.instanceMatrix.needsUpdate = true;
      viewer.isDirty = true;
    };
    place();
    return attempt.subscribe((state, previous) => {
      if (state.sim !== previous.sim) place();
    });
  }, [attempt, meshes, model, viewer]);

  return (
    <group name="lockout">
      {Object.values(meshes).map((mesh) => (
        <primitive key={mesh.name} object={mesh} />
      ))}
    </group>
  );
}
