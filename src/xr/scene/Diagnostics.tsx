import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Color, Euler, Vector3, type InstancedMesh } from 'three';
import type { YardModel } from '../model/build-yard.ts';
import { XR_ORIGIN_NAME, type Viewer } from '../scene-bridge.ts';
import type { YardMeshSet } from './YardMeshes.tsx';
import type { PanelUserData } from './XrCommsPanel.tsx';

/** What `?diagnostics` exposes on `window.switchyardDiagnostics` for benchmarks and browser tests. */
export interface SceneDiagnostics {
  /** Draw calls and triangles of the last rendered frame (renderer.info). */
  renderInfo(): { calls: number; triangles: number; frame: number };
  /** Renders a frame now and resolves after it. */
  renderFrame(): Promise<void>;
  /** Colour of a device's position indicator as shown in the scene, e.g. "#e3261c". */
  indicatorColor(device: string): string | null;
  /** Angle in degrees of a device's first blade as shown in the scene. */
  bladeAngle(device: string): number | null;
  viewer(): { x: number; y: number; z: number; yaw: number; pitch: number };
  /** True when the camera is not gliding or walking. */
  isSettled(): boolean;
  /** How many glides (to a viewpoint, or turning to face equipment) have begun so far. */
  glides(): number;
  /** Whether a WebXR session is presenting. */
  isPresenting(): boolean;
  /** Where the player's origin stands in a headset (floor position, yaw in degrees), or null. */
  xrOrigin(): { x: number; z: number; yaw: number } | null;
  /** Renders now and returns the frame as a PNG data URL (screenshots of short-lived effects). */
  snapshot(): string;
  /**
   * A headset panel by name: the text it shows, and the centre of each button in the player
   * origin's frame (where the emulated controllers are posed), or null when it is not shown.
   */
  xrPanel(name: string): {
    lines: string[];
    buttons: { label: string; x: number; y: number; z: number }[];
    /** The button under the controller's ray, and the one the held trigger started on. */
    hovered: string | null;
    pressed: string | null;
  } | null;
}

declare global {
  interface Window {
    switchyardDiagnostics?: SceneDiagnostics;
  }
}

/** Marks the first rendered frame (performance mark `switchyard:first-frame`). */
export function FirstFrameMark() {
  const state = useMemo(() => ({ done: false }), []);
  useFrame(() => {
    if (state.done) return;
    state.done = true;
    requestAnimationFrame(() => performance.mark('switchyard:first-frame'));
  });
  return null;
}

/** Installs the diagnostics hook; rendered only when the page URL has `?diagnostics`. */
export function Diagnostics({
  model,
  set,
  viewer,
  runtime,
}: {
  model: YardModel;
  set: YardMeshSet;
  viewer: Viewer;
  runtime: { angles: Float32Array | null };
}) {
  const gl = useThree((state) => state.gl);
  const invalidate = useThree((state) => state.invalidate);
  const getState = useThree((state) => state.get);
  const frames = useMemo(
    () => ({ count: 0, waiting: [] as (() => void)[], glide: null as Viewer['glide'], glides: 0 }),
    [],
  );
  useFrame(() => {
    frames.count += 1;
    // A glide lasts several frames and each request sets a new one: counted when first seen.
    if (viewer.glide !== frames.glide) {
      frames.glide = viewer.glide;
      if (viewer.glide !== null) frames.glides += 1;
    }
    const waiting = frames.waiting.splice(0);
    if (waiting.length) requestAnimationFrame(() => waiting.forEach((resolve) => resolve()));
  });
  useEffect(() => {
    window.switchyardDiagnostics = {
      renderInfo: () => ({
        calls: gl.info.render.calls,
        triangles: gl.info.render.triangles,
        frame: frames.count,
      }),
      renderFrame: () =>
        new Promise((resolve) => {
          frames.waiting.push(resolve);
          invalidate();
        }),
      indicatorColor: (device) => {
        const m = set.meshes.findIndex((mesh) => mesh.name === 'yard-glow');
        const mesh = set.meshes[m] as InstancedMesh | undefined;
        const instance = (set.partOf[m] ?? []).findIndex((part) => {
          const spec = model.parts[part];
          return spec?.device === device && spec.role === 'indicator';
        });
        if (mesh === undefined || instance < 0) return null;
        const color = new Color();
        mesh.getColorAt(instance, color);
        return `#${color.getHexString()}`;
      },
      bladeAngle: (device) => {
        const index = model.hinges.findIndex((hinge) => hinge.device === device);
        const angle = index < 0 ? undefined : runtime.angles?.[index];
        return angle === undefined ? null : (angle * 180) / Math.PI;
      },
      viewer: () => ({
        x: viewer.x,
        y: viewer.y,
        z: viewer.z,
        yaw: viewer.yaw,
        pitch: viewer.pitch,
      }),
      isSettled: () => viewer.glide === null && viewer.held.size === 0,
      glides: () => frames.glides,
      isPresenting: () => gl.xr.isPresenting,
      xrOrigin: () => {
        const origin = getState().scene.getObjectByName(XR_ORIGIN_NAME);
        if (!origin) return null;
        const yaw = new Euler().setFromQuaternion(origin.quaternion, 'YXZ').y;
        return { x: origin.position.x, z: origin.position.z, yaw: (yaw * 180) / Math.PI };
      },
      xrPanel: (name) => {
        const { scene } = getState();
        const panel = scene.getObjectByName(name);
        const origin = scene.getObjectByName(XR_ORIGIN_NAME);
        const data = panel?.userData as Partial<PanelUserData> | undefined;
        if (!panel || !origin || !data?.buttons || !data.size || !data.canvasSize) return null;
        const { size, canvasSize } = data;
        panel.updateWorldMatrix(true, false);
        origin.updateWorldMatrix(true, false);
        return {
          lines: [...(data.lines ?? [])],
          hovered: data.hovered ?? null,
          pressed: data.pressed ?? null,
          buttons: data.buttons.map((b) => {
            const local = new Vector3(
              ((b.x + b.w / 2) / canvasSize - 0.5) * size,
              (0.5 - (b.y + b.h / 2) / canvasSize) * size,
              0,
            );
            const point = origin.worldToLocal(panel.localToWorld(local));
            return { label: b.label, x: point.x, y: point.y, z: point.z };
          }),
        };
      },
      snapshot: () => {
        const { scene, camera } = getState();
        gl.render(scene, camera);
        return gl.domElement.toDataURL('image/png');
      },
    };
    return () => {
      delete window.switchyardDiagnostics;
    };
  }, [gl, invalidate, getState, frames, set, model, viewer, runtime]);
  return null;
}
