import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { deviceActions } from '../../client/sims/actions.ts';
import type { YardModel } from '../model/build-yard.ts';
import type { SceneBridge, Viewer } from '../scene-bridge.ts';
import type { Viewpoint } from '../viewpoints.ts';
import { DesktopControls } from './DesktopControls.tsx';
import { Diagnostics, FirstFrameMark } from './Diagnostics.tsx';
import { Ground } from './Ground.tsx';
import { Hazards } from './Hazards.tsx';
import { Labels } from './Labels.tsx';
import { LockoutMarkers } from './LockoutMarkers.tsx';
import { SelectionBox } from './SelectionBox.tsx';
import { SldBoard } from './SldBoard.tsx';
import { createYardMeshes, YardMeshes } from './YardMeshes.tsx';

/** Everything inside the canvas: sky, lights, ground, equipment, indications and desktop controls. */
export function World({
  model,
  attempt,
  bridge,
  viewer,
  viewpoints,
  hasDiagnostics,
  teleport,
}: {
  model: YardModel;
  attempt: AttemptStore;
  bridge: SceneBridge;
  viewer: Viewer;
  viewpoints: readonly Viewpoint[];
  hasDiagnostics: boolean;
  /** Makes the ground a teleport target, once the headset layer has loaded. */
  teleport?: ((ground: ReactNode) => ReactNode) | undefined;
}) {
  const set = useMemo(() => createYardMeshes(model), [model]);
  useEffect(
    () => () => {
      for (const mesh of set.meshes) {
        mesh.geometry.dispose();
        (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).forEach((material) =>
          material.dispose(),
        );
      }
    },
    [set],
  );
  const runtime = useMemo(() => ({ angles: null as Float32Array | null }), []);
  const { substation } = attempt.getState().sim.model;
  const onPick = (device: string, _event: ThreeEvent<MouseEvent>) => {
    const state = attempt.getState();
    if (bridge.getState().isPresenting && state.selected === device) {
      const primary = deviceActions(state.sim, device).find((choice) => choice.isPrimary);
      if (primary) void state.act(primary.action);
      return;
    }
    state.select(device);
  };
  return (
    <>
      <color attach="background" args={[0xc4d6e2]} />
      <fog attach="fog" args={[0xc4d6e2, 110, 360]} />
      <hemisphereLight args={[0xe6f0f7, 0x6a6654, 1.9]} />
      <directionalLight position={[40, 70, 30]} intensity={2.1} />
      {teleport ? teleport(<Ground yard={substation.yard} />) : <Ground yard={substation.yard} />}
      <YardMeshes
        model={model}
        set={set}
        attempt={attempt}
        bridge={bridge}
        viewer={viewer}
        onPick={onPick}
        runtime={runtime}
      />
      <SldBoard
        attempt={attempt}
        house={substation.controlHouse}
        screens={model.screens}
        viewer={viewer}
      />
      <LockoutMarkers attempt={attempt} model={model} viewer={viewer} />
      <SelectionBox attempt={attempt} bridge={bridge} model={model} viewer={viewer} />
      <Labels attempt={attempt} bridge={bridge} model={model} viewer={viewer} />
      <Hazards bridge={bridge} model={model} house={substation.controlHouse} viewer={viewer} />
      <DesktopControls
        viewer={viewer}
        bridge={bridge}
        model={model}
        set={set}
        viewpoints={viewpoints}
      />
      <FirstFrameMark />
      {hasDiagnostics ? (
        <Diagnostics model={model} set={set} viewer={viewer} runtime={runtime} />
      ) : null}
    </>
  );
}
