import { useThree, type ThreeEvent } from '@react-three/fiber';
import { XROrigin, useXR, useXRControllerLocomotion } from '@react-three/xr';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { CanvasTexture, Group, Mesh, SRGBColorSpace } from 'three';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { XR_ORIGIN_NAME, type SceneBridge, type Viewer } from '../scene-bridge.ts';
import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import type { ReplayStore } from '../../client/exercises/replay-store.ts';
import { useFollowView } from './follow-view.ts';
import { XrCommsPanel } from './XrCommsPanel.tsx';
import { drawXrPanel, type PanelButton } from './xr-panel-canvas.ts';

const PANEL_SIZE = 0.62;

/**
 * The player in a headset: the origin starts where the desktop viewer stood, the left thumbstick
 * walks, the right one snap-turns 45 degrees, the left trigger teleports (via the teleport
 * target on the ground), and a floating panel follows the view. In a joint exercise a second
 * panel, on the right, carries the communications. Watching a replay (`replay`), the panels
 * offer nothing to operate or send: the left one keeps its view toggles, the right one the replay.
 */
export function XrRig({
  origin,
  viewer,
  bridge,
  attempt,
  exercise,
  replay,
}: {
  origin: RefObject<Group | null>;
  viewer: Viewer;
  bridge: SceneBridge;
  attempt: AttemptStore;
  exercise?: ExerciseStore | undefined;
  replay?: ReplayStore | undefined;
}) {
  const session = useXR((state) => state.session);
  const setFrameloop = useThree((state) => state.setFrameloop);
  useXRControllerLocomotion(origin, { speed: 2.2 }, { type: 'snap', degrees: 45 }, 'left');
  useEffect(() => {
    const group = origin.current;
    if (session && group) {
      group.position.set(viewer.x, 0, viewer.z);
      group.rotation.set(0, viewer.yaw, 0);
      bridge.getState().set({ isPresenting: true });
      setFrameloop('always');
      return () => {
        viewer.x = group.position.x;
        viewer.z = group.position.z;
        viewer.y = 1.7;
        bridge.getState().set({ isPresenting: false });
        setFrameloop('demand');
      };
    }
    return undefined;
  }, [session, origin, viewer, bridge, setFrameloop]);
  return (
    <>
      <XROrigin ref={origin} name={XR_ORIGIN_NAME} />
      {session ? (
        <XrPanel attempt={attempt} bridge={bridge} isReadOnly={replay !== undefined} />
      ) : null}
      {session && exercise ? (
        <XrCommsPanel store={exercise} attempt={attempt} replay={replay} />
      ) : null}
    </>
  );
}

/** The floating panel: briefing step, selected device with its actions, last event, score and toggles. */
function XrPanel({
  attempt,
  bridge,
  isReadOnly,
}: {
  attempt: AttemptStore;
  bridge: SceneBridge;
  isReadOnly: boolean;
}) {
  const mesh = useRef<Mesh>(null);
  const session = useXR((state) => state.session);
  const canvas = useMemo(() => {
    const element = document.createElement('canvas');
    element.width = 1024;
    element.height = 1024;
    return element;
  }, []);
  const texture = useMemo(() => {
    const map = new CanvasTexture(canvas);
    map.colorSpace = SRGBColorSpace;
    return map;
  }, [canvas]);
  const state = useMemo(
    () => ({ buttons: [] as PanelButton[], showHint: false, showBriefing: false }),
    [],
  );
  useEffect(() => {
    const context = canvas.getContext('2d');
    if (context === null) return undefined;
    const redraw = () => {
      const { showLabels, showEnergization } = bridge.getState();
      state.buttons = drawXrPanel(context, attempt.getState(), {
        showLabels,
        showEnergization,
        showHint: state.showHint,
        showBriefing: state.showBriefing,
        isReadOnly,
      });
      texture.needsUpdate = true;
    };
    redraw();
    const offA = attempt.subscribe(redraw);
    const offB = bridge.subscribe(redraw);
    return () => {
      offA();
      offB();
    };
  }, [attempt, bridge, canvas, texture, state, isReadOnly]);

  useFollowView(mesh, 1);

  const press = (event: ThreeEvent<MouseEvent>) => {
    event.stopPropagation();
    const uv = event.uv;
    if (!uv) return;
    const x = uv.x * 1024;
    const y = (1 - uv.y) * 1024;
    const hit = state.buttons.find((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
    if (!hit) return;
    const { command } = hit;
    const bridgeState = bridge.getState();
    if (command.kind === 'act') void attempt.getState().act(command.action);
    else if (command.kind === 'finish') void attempt.getState().finish();
    else if (command.kind === 'exit') void session?.end();
    else if (command.kind === 'toggle') {
      if (command.what === 'labels') bridgeState.set({ showLabels: !bridgeState.showLabels });
      else if (command.what === 'colours')
        bridgeState.set({ showEnergization: !bridgeState.showEnergization });
      else {
        if (command.what === 'hint') state.showHint = !state.showHint;
        else state.showBriefing = !state.showBriefing;
        bridgeState.set({});
      }
    }
  };
  return (
    <mesh ref={mesh} name="xr-panel" onClick={press} renderOrder={5}>
      <planeGeometry args={[PANEL_SIZE, PANEL_SIZE]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}
