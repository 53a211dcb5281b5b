import { Canvas } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { ActionPanel } from '../components/sims/ActionPanel.tsx';
import { DevicePicker } from '../components/sims/DevicePicker.tsx';
import { EventLog } from '../components/sims/EventLog.tsx';
import { ResultPanel } from '../components/sims/ResultPanel.tsx';
import { StepPanel } from '../components/sims/StepPanel.tsx';
import type { HazardKind } from '../sim/hazards.ts';
import { useHazardEffects } from '../components/sims/use-hazard-effects.ts';
import {
  createAttemptStore,
  type AttemptStore,
  type LoggedEvent,
} from '../client/sims/attempt-store.ts';
import type { ExerciseStore } from '../client/exercises/exercise-store.ts';
import type { ReplayStore } from '../client/exercises/replay-store.ts';
import { replayHazardAt } from '../lib/shared/exercises/replay-controls.ts';
import { connectAttemptUpload } from '../client/sims/attempt-upload.ts';
import { readSimPageData } from '../client/sims/page-data.ts';
import { buildYard } from './model/build-yard.ts';
import { createSceneBridge, createViewer, type SceneBridge, type Viewer } from './scene-bridge.ts';
import { isMotionKey } from './scene/DesktopControls.tsx';
import { isSoftwareRenderer } from './scene/gpu.ts';
import { World } from './scene/World.tsx';
import { HoverReadout } from './ui/HoverReadout.tsx';
import { SceneToolbar } from './ui/SceneToolbar.tsx';
import { TouchPad } from './ui/TouchPad.tsx';
import { viewpointsFor } from './viewpoints.ts';
import type { XrKit } from './xr-layer.tsx';

/** The 3D substation island: the scene for desktop, touch and headset, with the attempt's panels. */
export default function SimScene({ dataId }: { dataId: string }) {
  const data = useMemo(() => readSimPageData(dataId), [dataId]);
  const attempt = useMemo(() => (data ? createAttemptStore(data) : null), [data]);
  useEffect(
    () => (data && attempt ? connectAttemptUpload(attempt, data.scenario.id) : undefined),
    [data, attempt],
  );
  if (!data || !attempt)
    return <p className="notice error">The simulation data is missing from this page.</p>;
  return <SimSceneView attempt={attempt} />;
}

/**
 * The scene for any attempt store: a single-player attempt, or a joint exercise seen through the
 * same interface. `panels` replaces the attempt's finish-and-result panel (an exercise has its own);
 * `exercise` gives the headset a communications panel; `replay` (watching an exercise's replay)
 * leaves out everything that acts, so the scene can be walked and inspected but nothing can be
 * done, and a hazard the replay reaches is marked, not flashed and sounded as if it were live.
 */
export function SimSceneView({
  attempt,
  panels,
  exercise,
  replay,
}: {
  attempt: AttemptStore;
  panels?: ReactNode;
  exercise?: ExerciseStore;
  replay?: ReplayStore;
}) {
  const isReadOnly = replay !== undefined;
  const initial = attempt.getState().sim;
  const substation = initial.model.substation;
  const model = useMemo(() => buildYard(initial), [initial]);
  const viewpoints = useMemo(() => viewpointsFor(substation), [substation]);
  const bridge = useMemo<SceneBridge>(() => createSceneBridge(), []);
  const [xr, setXr] = useState<XrKit | null>(null);
  useEffect(() => {
    let isCurrent = true;
    // The headset layer (WebXR session, controllers, hands, teleport) loads only where VR is possible.
    void navigator.xr
      ?.isSessionSupported('immersive-vr')
      .then(async (isSupported) => {
        if (!isSupported) return;
        const { createXrKit } = await import('./xr-layer.tsx');
        if (isCurrent) setXr(createXrKit());
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, []);
  const start = viewpoints.find((v) => v.id === 'gate') ?? viewpoints[0];
  const viewer = useMemo<Viewer>(
    () => createViewer(start ?? { x: 0, y: 1.7, z: 20, yaw: 0, pitch: 0 }),
    [start],
  );
  const container = useRef<HTMLDivElement>(null);
  const [flash, setFlash] = useState<{ kind: Exclude<HazardKind, null>; serial: number } | null>(
    null,
  );
  const hasDiagnostics = useMemo(() => new URLSearchParams(location.search).has('diagnostics'), []);
  const antialias = useMemo(() => !isSoftwareRenderer(), []);
  const isMuted = useStore(bridge, (s) => s.isMuted);

  const onHazard = useCallback(
    (kind: Exclude<HazardKind, null>, event: LoggedEvent) => {
      bridge
        .getState()
        .request('hazard', { kind, device: event.device ?? null, node: event.node ?? null });
      setFlash((f) => ({ kind, serial: (f?.serial ?? 0) + 1 }));
    },
    [bridge],
  );
  const mute = useHazardEffects(attempt, onHazard, !isReadOnly);
  useEffect(() => mute(isMuted), [isMuted, mute]);

  const worldProps = { model, attempt, bridge, viewer, viewpoints, hasDiagnostics };
  const frameSelected = (id: string) => bridge.getState().request('frame', id);
  // Type-ahead in the equipment list changes the choice on every key: turn the view once it rests.
  const frameTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const frameSoon = (id: string) => {
    clearTimeout(frameTimer.current);
    frameTimer.current = setTimeout(() => frameSelected(id), 250);
  };
  const release = () => viewer.held.clear();
  return (
    <div className="sim-3d" ref={container}>
      <div className="sim-stage">
        <div
          className="sim-viewport"
          role="application"
          aria-label={`3D view of ${substation.name}`}
          aria-describedby="sim-3d-help"
          tabIndex={0}
          onKeyDown={(event) => {
            if (isMotionKey(event.code)) {
              event.preventDefault();
              viewer.held.add(event.code);
            } else if (event.key === 'Enter') {
              const hovered = bridge.getState().hovered;
              if (hovered !== null) attempt.getState().select(hovered);
            } else if (event.key === 'f' || event.key === 'F') {
              const selected = attempt.getState().selected;
              if (selected !== null) frameSelected(selected);
            } else if (event.key === 'Escape') {
              attempt.getState().select(null);
            }
          }}
          onKeyUp={(event) => viewer.held.delete(event.code)}
          onBlur={release}
        >
          <Canvas
            frameloop="demand"
            dpr={[1, 2]}
            camera={{ fov: 60, near: 0.05, far: 700, position: [viewer.x, viewer.y, viewer.z] }}
            gl={{ antialias }}
          >
            {xr ? (
              <xr.Layer
                viewer={viewer}
                bridge={bridge}
                attempt={attempt}
                exercise={exercise}
                replay={replay}
              >
                <World {...worldProps} teleport={xr.teleport} />
              </xr.Layer>
            ) : (
              <World {...worldProps} />
            )}
          </Canvas>
          <span className="sim-crosshair" aria-hidden="true" />
          <HoverReadout attempt={attempt} bridge={bridge} />
          {flash ? (
            <div
              key={flash.serial}
              className={`sim-flash flash-${flash.kind}`}
              aria-hidden="true"
            />
          ) : null}
          {replay && exercise ? (
            <ReplayHazardMark replay={replay} exercise={exercise} bridge={bridge} />
          ) : null}
          <TouchPad viewer={viewer} />
        </div>
        <p id="sim-3d-help" className="muted small">
          Click the view, then walk with W A S D or the arrow keys (Shift to hurry; Q and E or the
          left and right arrows turn, Page Up and Page Down look up and down). Drag to look around;
          click equipment to select it. Or choose equipment in the list: the view turns to it (F
          frames the selection again).
        </p>
      </div>
      <aside className="sim-side" aria-label="Attempt">
        <SceneToolbar
          bridge={bridge}
          xr={xr}
          viewpoints={viewpoints}
          onFullscreen={() => void container.current?.requestFullscreen?.().catch(() => undefined)}
        />
        <DevicePicker store={attempt} onPick={frameSoon} />
        {isReadOnly ? null : <ActionPanel store={attempt} />}
        <StepPanel store={attempt} />
        <EventLog store={attempt} />
        {panels ?? <ResultPanel store={attempt} />}
      </aside>
    </div>
  );
}

/**
 * The hazard a replay rests on, marked steadily in the view and in the scene: no flash, no sound,
 * nothing that moves (the page's status line says it too).
 */
function ReplayHazardMark({
  replay,
  exercise,
  bridge,
}: {
  replay: ReplayStore;
  exercise: ExerciseStore;
  bridge: SceneBridge;
}) {
  const at = useStore(replay, (s) => s.at);
  const state = useStore(exercise, (s) => s.exercise);
  // The exercise follows the replay's moment: mark only once both show the same entry.
  const hazard = useMemo(
    () => (state.lastSeq === at ? replayHazardAt(state, at) : null),
    [state, at],
  );
  useEffect(() => {
    bridge.getState().set({ hazardMark: hazard });
    return () => bridge.getState().set({ hazardMark: null });
  }, [bridge, hazard]);
  if (hazard === null) return null;
  return (
    <p
      className={`sim-hazard-mark mark-${hazard.kind}`}
      data-testid="replay-hazard"
      aria-hidden="true"
    >
      <span>{hazard.text}</span>
    </p>
  );
}
