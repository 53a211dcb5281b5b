import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace, Sprite, SpriteMaterial, Vector3 } from 'three';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { deviceView } from '../../sim/describe.ts';
import type { YardModel } from '../model/build-yard.ts';
import type { SceneBridge, Viewer } from '../scene-bridge.ts';

const POOL = 12;
const RANGE = 32;

interface Tag {
  readonly sprite: Sprite;
  readonly canvas: HTMLCanvasElement;
  readonly texture: CanvasTexture;
  device: string | null;
  text: string;
}

function paint(tag: Tag, title: string, detail: string, isSelected: boolean): void {
  const context = tag.canvas.getContext('2d');
  if (context === null) return;
  context.clearRect(0, 0, 512, 128);
  context.fillStyle = isSelected ? 'rgba(14, 82, 140, 0.92)' : 'rgba(12, 20, 26, 0.82)';
  context.beginPath();
  context.roundRect(2, 2, 508, 124, 18);
  context.fill();
  context.fillStyle = '#ffffff';
  context.font = 'bold 46px sans-serif';
  context.textAlign = 'center';
  context.fillText(title, 256, 56);
  context.font = '30px sans-serif';
  context.fillStyle = '#d7e6ec';
  context.fillText(detail.slice(0, 34), 256, 100);
  tag.texture.needsUpdate = true;
}

/**
 * Name tags over equipment, on demand: the selected and hovered devices always, and with labels
 * switched on the nearest devices in view. A small pool of sprites, repainted only when reassigned.
 */
export function Labels({
  attempt,
  bridge,
  model,
  viewer,
}: {
  attempt: AttemptStore;
  bridge: SceneBridge;
  model: YardModel;
  viewer: Viewer;
}) {
  const tags = useMemo<Tag[]>(
    () =>
      Array.from({ length: POOL }, () => {
        const canvas = document.createElement('canvas');
        canvas.width = 512;
        canvas.height = 128;
        const texture = new CanvasTexture(canvas);
        texture.colorSpace = SRGBColorSpace;
        const sprite = new Sprite(
          new SpriteMaterial({ map: texture, depthTest: false, transparent: true }),
        );
        sprite.renderOrder = 10;
        sprite.visible = false;
        return { sprite, canvas, texture, device: null, text: '' };
      }),
    [],
  );
  const clock = useMemo(() => ({ next: 0, force: true }), []);
  useEffect(() => {
    const force = () => {
      clock.force = true;
      viewer.isDirty = true;
    };
    const offA = attempt.subscribe(force);
    const offB = bridge.subscribe(force);
    return () => {
      offA();
      offB();
    };
  }, [attempt, bridge, clock, viewer]);

  useFrame((state) => {
    const eye = state.camera.getWorldPosition(new Vector3());
    const forward = state.camera.getWorldDirection(new Vector3());
    if (clock.force || state.clock.elapsedTime > clock.next) {
      clock.next = state.clock.elapsedTime + 0.4;
      clock.force = false;
      const { sim, selected } = attempt.getState();
      const { showLabels, hovered } = bridge.getState();
      const wanted: string[] = [];
      for (const id of [selected, hovered])
        if (id !== null && !wanted.includes(id)) wanted.push(id);
      if (showLabels) {
        const near = [...model.focusPoints]
          .map(([id, point]) => ({ id, point, distance: point.distanceTo(eye) }))
          .filter(
            ({ point, distance }) =>
              distance < RANGE && point.clone().sub(eye).normalize().dot(forward) > 0.45,
          )
          .sort((a, b) => a.distance - b.distance);
        for (const { id } of near)
          if (wanted.length < POOL && !wanted.includes(id)) wanted.push(id);
      }
      tags.forEach((tag, i) => {
        const id = wanted[i] ?? null;
        tag.sprite.visible = id !== null;
        if (id === null) return;
        const view = deviceView(sim, id);
        const detail =
          view === null
            ? ''
            : [view.position, view.energization].filter(Boolean).join(', ') || view.name;
        const text = `${id}|${detail}|${id === selected}`;
        if (tag.text !== text) {
          tag.text = text;
          paint(tag, id, detail, id === selected);
        }
        tag.device = id;
        const box = model.bounds.get(id);
        const point = model.focusPoints.get(id);
        if (box && point) tag.sprite.position.set(point.x, box.max.y + 0.35, point.z);
      });
    }
    for (const tag of tags) {
      if (!tag.sprite.visible) continue;
      const distance = Math.max(1.2, tag.sprite.position.distanceTo(eye));
      tag.sprite.scale.set(distance * 0.12, distance * 0.03, 1);
    }
  });
  return (
    <group name="labels">
      {tags.map((tag, i) => (
        <primitive key={i} object={tag.sprite} />
      ))}
    </group>
  );
}
