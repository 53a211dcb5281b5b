import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Color, InstancedMesh, Matrix4, type BufferGeometry, type Material } from 'three';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import type { YardModel } from '../model/build-yard.ts';
import { PART_KINDS, type PartKind, type PartSpec } from '../model/parts.ts';
import type { SceneBridge, Viewer } from '../scene-bridge.ts';
import { createPartGeometry, createPartMaterial } from './geometries.ts';
import { partColor } from './yard-colors.ts';

/** The instanced meshes of the yard, and how to find the part behind an instance. */
export interface YardMeshSet {
  readonly meshes: InstancedMesh[];
  /** mesh index -> instance id -> index into the model's parts. */
  readonly partOf: number[][];
}

const HINGE_SPEED = 1.3;

/** Whether the mouse moved while pressed (a look-drag, not a click); XR pointers have no such distance. */
function wasDragged(event: ThreeEvent<MouseEvent>): boolean {
  try {
    return event.delta > 6;
  } catch {
    return false;
  }
}

/** Creates one instanced mesh per part kind, with every part's matrix and colour. */
export function createYardMeshes(model: YardModel): YardMeshSet {
  const partOf: number[][] = [];
  const meshes = PART_KINDS.map((kind: PartKind, meshIndex) => {
    const indexes: number[] = [];
    model.parts.forEach((part, i) => {
      if (part.kind === kind) indexes.push(i);
    });
    partOf[meshIndex] = indexes;
    const geometry: BufferGeometry = createPartGeometry(kind);
    const material: Material = createPartMaterial(kind);
    const mesh = new InstancedMesh(geometry, material, Math.max(1, indexes.length));
    mesh.count = indexes.length;
    mesh.name = `yard-${kind}`;
    const color = new Color();
    indexes.forEach((partIndex, instance) => {
      const part = model.parts[partIndex] as PartSpec;
      mesh.setMatrixAt(instance, part.matrix);
      mesh.setColorAt(instance, color.setHex(part.color));
    });
    mesh.computeBoundingSphere();
    return mesh;
  });
  return { meshes, partOf };
}

/** The yard: instanced parts, moving blades, indications and picking. */
export function YardMeshes({
  model,
  set,
  attempt,
  bridge,
  viewer,
  onPick,
  runtime,
}: {
  model: YardModel;
  set: YardMeshSet;
  attempt: AttemptStore;
  bridge: SceneBridge;
  viewer: Viewer;
  onPick: (deviceId: string, event: ThreeEvent<MouseEvent>) => void;
  /** Receives the blades' current angles, for diagnostics. */
  runtime: { angles: Float32Array | null };
}) {
  const locate = useMemo(() => {
    const map = new Map<number, { mesh: number; instance: number }>();
    set.partOf.forEach((indexes, mesh) =>
      indexes.forEach((part, instance) => map.set(part, { mesh, instance })),
    );
    return map;
  }, [set]);
  const switchId = useMemo(
    () => attempt.getState().sim.model.devices.find((d) => d.type === 'station-switch')?.id ?? null,
    [attempt],
  );
  const angles = useMemo(() => {
    const sim = attempt.getState().sim;
    return Float32Array.from(
      model.hinges.map((h) => (sim.positions[h.device] === 'closed' ? h.closedAngle : h.openAngle)),
    );
  }, [model, attempt]);
  const blink = useMemo(() => ({ value: 1, next: 0 }), []);
  runtime.angles = angles;

  const recolor = useMemo(() => {
    const color = new Color();
    return (onlyLamps = false) => {
      const { sim, selected } = attempt.getState();
      const { showEnergization, hovered } = bridge.getState();
      const inputs = { sim, showEnergization, selected, hovered, blink: blink.value };
      set.meshes.forEach((mesh, m) => {
        if (onlyLamps && mesh.name !== 'yard-glow') return;
        (set.partOf[m] ?? []).forEach((partIndex, instance) => {
          mesh.setColorAt(
            instance,
            partColor(model.parts[partIndex] as PartSpec, inputs, switchId, color),
          );
        });
        if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      });
      viewer.isDirty = true;
    };
  }, [attempt, bridge, model, set, switchId, blink, viewer]);

  useEffect(() => {
    recolor();
    const offAttempt = attempt.subscribe((state, previous) => {
      if (state.sim !== previous.sim || state.selected !== previous.selected) recolor();
    });
    const offBridge = bridge.subscribe((state, previous) => {
      if (
        state.showEnergization !== previous.showEnergization ||
        state.hovered !== previous.hovered
      )
        recolor();
    });
    return () => {
      offAttempt();
      offBridge();
    };
  }, [attempt, bridge, recolor]);

  useFrame((state, delta) => {
    const positions = attempt.getState().sim.positions;
    const step = HINGE_SPEED * Math.min(delta, 0.1);
    const turned = new Matrix4();
    const touched = new Set<InstancedMesh>();
    model.hinges.forEach((hinge, h) => {
      const target = positions[hinge.device] === 'closed' ? hinge.closedAngle : hinge.openAngle;
      const current = angles[h] ?? target;
      if (Math.abs(current - target) < 1e-4) return;
      const next =
        current + Math.sign(target - current) * Math.min(step, Math.abs(target - current));
      angles[h] = next;
      turned.multiplyMatrices(hinge.pivot, new Matrix4().makeRotationAxis(hinge.axis, next));
      for (const { index, local } of hinge.parts) {
        const where = locate.get(index);
        const mesh = where === undefined ? undefined : set.meshes[where.mesh];
        if (where === undefined || mesh === undefined) continue;
        mesh.setMatrixAt(where.instance, new Matrix4().multiplyMatrices(turned, local));
        touched.add(mesh);
      }
    });
    for (const mesh of touched) mesh.instanceMatrix.needsUpdate = true;
    if (touched.size > 0) viewer.isDirty = true;
    if (state.clock.elapsedTime > blink.next) {
      blink.next = state.clock.elapsedTime + 0.25;
      blink.value = blink.value ? 0 : 1;
      recolor(true);
    }
  });

  const pick = (event: ThreeEvent<MouseEvent>) => {
    const m = set.meshes.indexOf(event.object as InstancedMesh);
    const part = event.instanceId === undefined ? undefined : set.partOf[m]?.[event.instanceId];
    const device = part === undefined ? undefined : model.parts[part]?.device;
    if (device === undefined) return undefined;
    return device;
  };
  return (
    <>
      {set.meshes.map((mesh) => (
        <primitive
          key={mesh.name}
          object={mesh}
          onClick={(event: ThreeEvent<MouseEvent>) => {
            if (wasDragged(event)) return;
            const device = pick(event);
            if (device !== undefined) {
              event.stopPropagation();
              onPick(device, event);
            }
          }}
          onPointerMove={(event: ThreeEvent<PointerEvent>) => {
            const device = pick(event) ?? null;
            if (bridge.getState().hovered !== device) bridge.getState().set({ hovered: device });
          }}
          onPointerOut={() => {
            if (bridge.getState().hovered !== null) bridge.getState().set({ hovered: null });
          }}
        />
      ))}
    </>
  );
}
