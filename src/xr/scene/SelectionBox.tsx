import { useEffect, useMemo } from 'react';
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, LineSegments, Vector3 } from 'three';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import type { YardModel } from '../model/build-yard.ts';
import type { SceneBridge, Viewer } from '../scene-bridge.ts';

/** Bright brackets around the selected device and a faint box around the hovered one. */
export function SelectionBox({
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
  const boxes = useMemo(() => {
    const edges = new EdgesGeometry(new BoxGeometry(1, 1, 1));
    const selected = new LineSegments(
      edges,
      new LineBasicMaterial({ color: 0x39a7ff, depthTest: false, transparent: true }),
    );
    const hovered = new LineSegments(
      edges,
      new LineBasicMaterial({ color: 0xffffff, transparent: true, opacity: 0.6, depthTest: false }),
    );
    selected.renderOrder = 8;
    hovered.renderOrder = 8;
    selected.visible = false;
    hovered.visible = false;
    return { selected, hovered };
  }, []);
  useEffect(() => {
    const fit = (line: LineSegments, id: string | null) => {
      const box = id === null ? undefined : model.bounds.get(id);
      line.visible = box !== undefined;
      if (box === undefined) return;
      box.getCenter(line.position);
      line.scale.copy(box.getSize(new Vector3()).addScalar(0.25));
      viewer.isDirty = true;
    };
    const update = () => {
      const selected = attempt.getState().selected;
      const hovered = bridge.getState().hovered;
      fit(boxes.selected, selected);
      fit(boxes.hovered, hovered === selected ? null : hovered);
    };
    update();
    const offA = attempt.subscribe(update);
    const offB = bridge.subscribe(update);
    return () => {
      offA();
      offB();
    };
  }, [attempt, bridge, model, boxes, viewer]);
  return (
    <>
      <primitive object={boxes.selected} />
      <primitive object={boxes.hovered} />
    </>
  );
}
