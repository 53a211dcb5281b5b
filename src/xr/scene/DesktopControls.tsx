import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { YardModel } from '../model/build-yard.ts';
import type { SceneBridge, Viewer } from '../scene-bridge.ts';
import type { Viewpoint } from '../viewpoints.ts';
import { poseFramingDevice } from './framing.ts';
import type { YardMeshSet } from './YardMeshes.tsx';

const WALK = 3.2;
const TURN = 1.6;
const LOOK = 0.0045;
const MOVE_KEYS: Record<string, [number, number]> = {
  KeyW: [1, 0],
  ArrowUp: [1, 0],
  KeyS: [-1, 0],
  ArrowDown: [-1, 0],
  KeyA: [0, -1],
  KeyD: [0, 1],
};

/** Whether a key drives the desktop camera (so the page should not scroll or type with it). */
export function isMotionKey(code: string): boolean {
  return (
    code in MOVE_KEYS ||
    [
      'ArrowLeft',
      'ArrowRight',
      'KeyQ',
      'KeyE',
      'PageUp',
      'PageDown',
      'ShiftLeft',
      'ShiftRight',
    ].includes(code)
  );
}

/**
 * First-person desktop and touch navigation: walk with WASD or the arrow keys (Shift to hurry),
 * turn with the arrows, Q and E, look by dragging; glides to viewpoints and frames devices.
 */
export function DesktopControls({
  viewer,
  bridge,
  model,
  set,
  viewpoints,
}: {
  viewer: Viewer;
  bridge: SceneBridge;
  model: YardModel;
  set: YardMeshSet;
  viewpoints: readonly Viewpoint[];
}) {
  const gl = useThree((state) => state.gl);
  const invalidate = useThree((state) => state.invalidate);
  const drag = useMemo(() => ({ id: -1, x: 0, y: 0 }), []);

  useEffect(() => {
    const element = gl.domElement;
    element.style.touchAction = 'none';
    const down = (event: PointerEvent) => {
      if (event.button !== 0) return;
      drag.id = event.pointerId;
      drag.x = event.clientX;
      drag.y = event.clientY;
    };
    const move = (event: PointerEvent) => {
      if (event.pointerId !== drag.id || bridge.getState().isPresenting) return;
      viewer.yaw += (event.clientX - drag.x) * LOOK;
      viewer.pitch = Math.max(-1.4, Math.min(1.4, viewer.pitch + (event.clientY - drag.y) * LOOK));
      drag.x = event.clientX;
      drag.y = event.clientY;
      viewer.glide = null;
      viewer.isDirty = true;
    };
    const up = (event: PointerEvent) => {
      if (event.pointerId === drag.id) drag.id = -1;
    };
    element.addEventListener('pointerdown', down);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      element.removeEventListener('pointerdown', down);
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [gl, viewer, bridge, drag]);

  useEffect(
    () =>
      bridge.subscribe((state, previous) => {
        if (state.viewpoint !== null && state.viewpoint !== previous.viewpoint) {
          const target = viewpoints.find((v) => v.id === state.viewpoint?.value);
          if (target) viewer.glide = { ...target, t: 0 };
        }
        if (state.frame !== null && state.frame !== previous.frame) {
          const pose = poseFramingDevice(model, set, state.frame.value, viewer.yaw);
          if (pose) viewer.glide = { ...pose, t: 0 };
        }
        viewer.isDirty = true;
      }),
    [bridge, viewer, viewpoints, model, set],
  );

  useEffect(() => {
    let frame = 0;
    const pump = () => {
      if (viewer.isDirty || viewer.held.size > 0 || viewer.glide !== null) {
        viewer.isDirty = false;
        invalidate();
      }
      frame = requestAnimationFrame(pump);
    };
    frame = requestAnimationFrame(pump);
    return () => cancelAnimationFrame(frame);
  }, [viewer, invalidate]);

  useFrame((state, rawDelta) => {
    if (bridge.getState().isPresenting) return;
    const delta = Math.min(rawDelta, 0.1);
    const speed = WALK * (viewer.held.has('ShiftLeft') || viewer.held.has('ShiftRight') ? 2.5 : 1);
    let forward = 0;
    let side = 0;
    for (const code of viewer.held) {
      const move = MOVE_KEYS[code];
      if (move) {
        forward += move[0];
        side += move[1];
      }
      if (code === 'ArrowLeft' || code === 'KeyQ') viewer.yaw += TURN * delta;
      if (code === 'ArrowRight' || code === 'KeyE') viewer.yaw -= TURN * delta;
      if (code === 'PageUp') viewer.pitch = Math.min(1.4, viewer.pitch + TURN * delta * 0.6);
      if (code === 'PageDown') viewer.pitch = Math.max(-1.4, viewer.pitch - TURN * delta * 0.6);
    }
    if (forward !== 0 || side !== 0) {
      viewer.glide = null;
      const sin = Math.sin(viewer.yaw);
      const cos = Math.cos(viewer.yaw);
      viewer.x = Math.max(
        -70,
        Math.min(70, viewer.x + (-sin * forward + cos * side) * speed * delta),
      );
      viewer.z = Math.max(
        -70,
        Math.min(70, viewer.z + (-cos * forward - sin * side) * speed * delta),
      );
    }
    const glide = viewer.glide;
    if (glide) {
      glide.t = Math.min(1, glide.t + delta / 0.7);
      const k = glide.t < 1 ? 1 - (1 - glide.t) ** 3 : 1;
      const turn = Math.atan2(Math.sin(glide.yaw - viewer.yaw), Math.cos(glide.yaw - viewer.yaw));
      viewer.x += (glide.x - viewer.x) * k;
      viewer.y += (glide.y - viewer.y) * k;
      viewer.z += (glide.z - viewer.z) * k;
      viewer.yaw += turn * k;
      viewer.pitch += (glide.pitch - viewer.pitch) * k;
      if (glide.t >= 1) viewer.glide = null;
    }
    state.camera.position.set(viewer.x, viewer.y, viewer.z);
    state.camera.rotation.set(viewer.pitch, viewer.yaw, 0, 'YXZ');
  });
  return null;
}
