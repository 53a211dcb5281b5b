import { Raycaster, Vector3 } from 'three';
import type { YardModel } from '../model/build-yard.ts';
import { lookAngles } from '../viewpoints.ts';
import type { YardMeshSet } from './YardMeshes.tsx';

/** A camera pose. */
export interface Pose {
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
}

/** The device a ray from `eye` through `target` hits first, or null. */
export function firstDeviceHit(
  model: YardModel,
  set: YardMeshSet,
  eye: Vector3,
  target: Vector3,
): string | null {
  const raycaster = new Raycaster(
    eye,
    target.clone().sub(eye).normalize(),
    0.05,
    eye.distanceTo(target) + 2,
  );
  const hit = raycaster.intersectObjects(set.meshes, false)[0];
  if (hit === undefined || hit.instanceId === undefined) return null;
  const meshIndex = set.meshes.indexOf(hit.object as (typeof set.meshes)[number]);
  const part = set.partOf[meshIndex]?.[hit.instanceId];
  return part === undefined ? null : (model.parts[part]?.device ?? null);
}

/**
 * A pose that shows a device in the middle of the view with nothing in front of it: tries
 * directions around the device, nearest to the current heading first, at a distance that suits
 * its size, and keeps the first from which the device is the first thing a centre ray hits.
 */
export function poseFramingDevice(
  model: YardModel,
  set: YardMeshSet,
  device: string,
  heading: number,
): Pose | null {
  const focus = model.focusPoints.get(device);
  const box = model.bounds.get(device);
  if (focus === undefined || box === undefined) return null;
  const size = box.getSize(new Vector3()).length();
  const base = Math.min(14, Math.max(1.5, size * 0.8));
  let fallback: Pose | null = null;
  for (const [distance, height] of [
    [base, 1.7],
    [base * 1.5, 1.7],
    [base * 1.3, Math.max(3.5, focus.y + 1)],
  ] as const) {
    for (let i = 0; i < 12; i++) {
      const step = Math.ceil(i / 2) * (i % 2 ? 1 : -1);
      const angle = heading + (step * Math.PI) / 6;
      const eye = new Vector3(
        focus.x + Math.sin(angle) * distance,
        height,
        focus.z + Math.cos(angle) * distance,
      );
      const pose = { x: eye.x, y: eye.y, z: eye.z, ...lookAngles(eye, focus) };
      fallback ??= pose;
      if (firstDeviceHit(model, set, eye, focus) === device) return pose;
    }
  }
  return fallback;
}
