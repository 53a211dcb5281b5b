import { createStore, type StoreApi } from 'zustand/vanilla';

/** The name of the player's origin in a headset, in the scene graph (diagnostics read its pose). */
export const XR_ORIGIN_NAME = 'xr-origin';

/** A request that views act on once: a new serial means "do it again". */
export interface Request<T> {
  readonly value: T;
  readonly serial: number;
}

/** What the page's controls and the 3D scene share besides the attempt itself. */
export interface SceneBridgeState {
  /** Labels on every nearby device (the selected and hovered ones are always labelled). */
  readonly showLabels: boolean;
  /** Colour conductors live red, earthed green, dead grey. */
  readonly showEnergization: boolean;
  readonly isMuted: boolean;
  /** The device under the pointer. */
  readonly hovered: string | null;
  /** Fly the camera to a named viewpoint. */
  readonly viewpoint: Request<string> | null;
  /** Frame a device on screen (keyboard selection, "look at"). */
  readonly frame: Request<string> | null;
  /** An arc flash or fault to show in the scene. */
  readonly hazard: Request<{
    kind: 'arc-flash' | 'fault';
    device: string | null;
    node: string | null;
  }> | null;
  /**
   * A hazard a replay rests on, marked steadily where it happened (no flash, no sound), or null.
   */
  readonly hazardMark: {
    kind: 'arc-flash' | 'fault';
    device: string | null;
    node: string | null;
  } | null;
  readonly isPresenting: boolean;
  set(patch: Partial<Omit<SceneBridgeState, 'set' | 'request'>>): void;
  /** Issues a one-shot request. */
  request<K extends 'viewpoint' | 'frame' | 'hazard'>(
    key: K,
    value: NonNullable<SceneBridgeState[K]>['value'],
  ): void;
}

export type SceneBridge = StoreApi<SceneBridgeState>;

/** Creates the shared scene state. */
export function createSceneBridge(): SceneBridge {
  let serial = 0;
  return createStore<SceneBridgeState>()((set) => ({
    showLabels: false,
    showEnergization: false,
    isMuted: false,
    hovered: null,
    viewpoint: null,
    frame: null,
    hazard: null,
    hazardMark: null,
    isPresenting: false,
    set: (patch) => set(patch),
    request: (key, value) => set({ [key]: { value, serial: ++serial } }),
  }));
}

/** The desktop viewer's pose and input, read and written every frame (never React state). */
export interface Viewer {
  x: number;
  y: number;
  z: number;
  /** Radians about the vertical; 0 looks north (-z). */
  yaw: number;
  /** Radians up (+) or down (-). */
  pitch: number;
  /** Keys held down (KeyboardEvent.code) and on-screen movement buttons. */
  readonly held: Set<string>;
  /** A pose to glide to, or null. */
  glide: { x: number; y: number; z: number; yaw: number; pitch: number; t: number } | null;
  /** Set when something in the scene changed and a frame should be drawn. */
  isDirty: boolean;
}

/** A viewer standing at a pose. */
export function createViewer(pose: {
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
}): Viewer {
  return { ...pose, held: new Set(), glide: null, isDirty: true };
}
