import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  AdditiveBlending,
  BackSide,
  Mesh,
  MeshBasicMaterial,
  PointLight,
  SphereGeometry,
  Vector3,
} from 'three';
import type { Substation } from '../../sim/schema/substation.ts';
import type { YardModel } from '../model/build-yard.ts';
import { WALL_HEIGHT } from '../model/control-models.ts';
import type { SceneBridge, SceneBridgeState, Viewer } from '../scene-bridge.ts';

const FLASH_SECONDS = 1.1;
const ALARM_SECONDS = 6;

/**
 * Hazards shown unmistakably: an arc flash is a blinding fireball with a light burst at the device
 * and a white-out of the whole view (in a headset too); a fault lights the red alarm beacon.
 * A replay resting on a hazard marks it instead: a steady red glow at the device (and the beacon
 * lit for a fault), with nothing that flashes or moves.
 */
export function Hazards({
  bridge,
  model,
  house,
  viewer,
}: {
  bridge: SceneBridge;
  model: YardModel;
  house: Substation['controlHouse'];
  viewer: Viewer;
}) {
  const light = useRef<PointLight>(null);
  const parts = useMemo(() => {
    const ball = new Mesh(
      new SphereGeometry(1, 16, 10),
      new MeshBasicMaterial({
        color: 0xcfe4ff,
        transparent: true,
        opacity: 0,
        blending: AdditiveBlending,
        depthWrite: false,
        toneMapped: false,
      }),
    );
    ball.visible = false;
    const whiteout = new Mesh(
      new SphereGeometry(0.6, 12, 8),
      new MeshBasicMaterial({
        color: 0xffffff,
        transparent: true,
        opacity: 0,
        side: BackSide,
        depthTest: false,
        depthWrite: false,
        toneMapped: false,
      }),
    );
    whiteout.visible = false;
    whiteout.renderOrder = 20;
    const mark = new Mesh(
      new SphereGeometry(1, 16, 10),
      new MeshBasicMaterial({
        color: 0xff3b2a,
        transparent: true,
        opacity: 0.4,
        depthWrite: false,
        toneMapped: false,
      }),
    );
    mark.name = 'hazard-mark';
    mark.visible = false;
    const beacon = new Mesh(
      new SphereGeometry(0.22, 10, 8),
      new MeshBasicMaterial({ color: 0x551111, toneMapped: false }),
    );
    beacon.position.set(
      house.x - house.width / 2 + 0.6,
      WALL_HEIGHT + 0.45,
      house.z + house.depth / 2 - 0.6,
    );
    return { ball, whiteout, beacon, mark };
  }, [house]);
  const timing = useMemo(
    () => ({ flashAt: -100, alarmAt: -100, pending: false, isMarkedFault: false }),
    [],
  );

  useEffect(() => {
    const show = (marked: SceneBridgeState['hazardMark']): void => {
      const at = marked?.device ? model.focusPoints.get(marked.device) : undefined;
      const box = marked?.device ? model.bounds.get(marked.device) : undefined;
      parts.mark.visible = at !== undefined;
      if (at !== undefined) {
        parts.mark.position.set(at.x, box ? (box.min.y + box.max.y) / 2 : at.y, at.z);
        parts.mark.scale.setScalar(box ? Math.max(1, box.max.y - box.min.y) : 1.5);
      }
      timing.isMarkedFault = marked?.kind === 'fault';
      viewer.isDirty = true;
    };
    show(bridge.getState().hazardMark);
    return bridge.subscribe((state, previous) => {
      if (state.hazardMark !== previous.hazardMark) show(state.hazardMark);
    });
  }, [bridge, model, parts, timing, viewer]);

  useEffect(
    () =>
      bridge.subscribe((state, previous) => {
        if (state.hazard === null || state.hazard === previous.hazard) return;
        const { kind, device } = state.hazard.value;
        if (kind === 'arc-flash') {
          const at = (device && model.focusPoints.get(device)) || new Vector3();
          const box = device ? model.bounds.get(device) : undefined;
          parts.ball.position.set(at.x, box ? (box.min.y + box.max.y) / 2 + 1 : at.y, at.z);
          light.current?.position.copy(parts.ball.position);
        }
        timing.pending = true;
        timing.flashAt = kind === 'arc-flash' ? Number.NaN : timing.flashAt;
        timing.alarmAt = Number.NaN;
        viewer.isDirty = true;
      }),
    [bridge, model, parts, timing, viewer],
  );

  useFrame((state) => {
    const now = state.clock.elapsedTime;
    if (timing.pending) {
      timing.pending = false;
      if (Number.isNaN(timing.flashAt)) timing.flashAt = now;
      if (Number.isNaN(timing.alarmAt)) timing.alarmAt = now;
    }
    const flash = (now - timing.flashAt) / FLASH_SECONDS;
    const isFlashing = flash >= 0 && flash < 1;
    parts.ball.visible = isFlashing;
    parts.whiteout.visible = isFlashing && flash < 0.6;
    if (isFlashing) {
      parts.ball.scale.setScalar(0.5 + flash * 3.5);
      (parts.ball.material as MeshBasicMaterial).opacity = 1 - flash;
      (parts.whiteout.material as MeshBasicMaterial).opacity = Math.max(0, 0.95 - flash * 1.6);
      state.camera.getWorldPosition(parts.whiteout.position);
    }
    if (light.current) light.current.intensity = isFlashing ? 400 * (1 - flash) ** 2 : 0;
    const alarm = now - timing.alarmAt;
    const isAlarm = alarm >= 0 && alarm < ALARM_SECONDS;
    (parts.beacon.material as MeshBasicMaterial).color.setHex(
      timing.isMarkedFault || (isAlarm && Math.floor(alarm * 2) % 2 === 0) ? 0xff2a1a : 0x551111,
    );
    if (isFlashing || isAlarm) viewer.isDirty = true;
  });

  return (
    <group name="hazards">
      <primitive object={parts.ball} />
      <primitive object={parts.whiteout} />
      <primitive object={parts.beacon} />
      <primitive object={parts.mark} />
      <pointLight ref={light} intensity={0} distance={60} decay={1.5} color={0xcfe4ff} />
    </group>
  );
}
