import { XR, TeleportTarget, createXRStore } from '@react-three/xr';
import { createRef, type ReactNode, type RefObject } from 'react';
import type { Group } from 'three';
import type { ExerciseStore } from '../client/exercises/exercise-store.ts';
import type { AttemptStore } from '../client/sims/attempt-store.ts';
import type { ReplayStore } from '../client/exercises/replay-store.ts';
import type { SceneBridge, Viewer } from './scene-bridge.ts';
import { XrRig } from './scene/XrRig.tsx';

/**
 * The headset store: controller rays select (trigger), the left controller also teleports,
 * tracked hands point and pinch. No emulator in production, and controller and hand models come
 * from our own origin (public/xr/profiles), never from a CDN.
 */
function createSimXrStore() {
  return createXRStore({
    emulate: false,
    offerSession: false,
    baseAssetPath: new URL('/xr/profiles/', location.href).href,
    // A trigger pull counts as a click even when held for a second (the default is 300 ms).
    controller: {
      left: { rayPointer: { clickThresholdMs: 1000 }, teleportPointer: true, grabPointer: false },
      right: { rayPointer: { clickThresholdMs: 1000 }, teleportPointer: false, grabPointer: false },
    },
    hand: {
      rayPointer: { clickThresholdMs: 1000 },
      touchPointer: true,
      grabPointer: false,
      teleportPointer: false,
    },
    gaze: false,
    screenInput: false,
    transientPointer: true,
  });
}

/** What the scene needs from the headset layer once it has loaded. */
export interface XrKit {
  /** Requests an immersive-vr session. */
  enterVR(): Promise<unknown>;
  /** Wraps the world in the XR session, with the player's rig. */
  Layer(props: {
    viewer: Viewer;
    bridge: SceneBridge;
    attempt: AttemptStore;
    /** In a joint exercise: its communications get a panel of their own. */
    exercise?: ExerciseStore | undefined;
    /** Watching an exercise's replay: nothing can be operated or sent, only the replay moved. */
    replay?: ReplayStore | undefined;
    children: ReactNode;
  }): ReactNode;
  /** Wraps the ground so the left controller's arc teleports onto it. */
  teleport(ground: ReactNode): ReactNode;
}

/** Creates the headset layer: loaded only where the browser supports immersive VR. */
export function createXrKit(): XrKit {
  const store = createSimXrStore();
  const origin: RefObject<Group | null> = createRef<Group>();
  // Marks the page while a headset session runs, so a joint exercise can tell its instructor.
  store.subscribe((state) => {
    const isPresenting = state.session != null;
    if ((document.body.dataset['xrPresenting'] === 'true') !== isPresenting)
      document.body.dataset['xrPresenting'] = String(isPresenting);
  });
  return {
    enterVR: () => store.enterVR(),
    Layer: ({ viewer, bridge, attempt, exercise, replay, children }) => (
      <XR store={store}>
        {children}
        <XrRig
          origin={origin}
          viewer={viewer}
          bridge={bridge}
          attempt={attempt}
          exercise={exercise}
          replay={replay}
        />
      </XR>
    ),
    teleport: (ground) => (
      <TeleportTarget onTeleport={(point) => origin.current?.position.set(point.x, 0, point.z)}>
        {ground}
      </TeleportTarget>
    ),
  };
}
