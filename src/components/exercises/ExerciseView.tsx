import { lazy, Suspense, useEffect, useMemo } from 'react';
import { createAttemptAdapter } from '../../client/exercises/attempt-adapter.ts';
import type { ExercisePageData } from '../../client/exercises/exercise-store.ts';
import { socketPath } from '../../lib/shared/exercises/frames.ts';
import { SimDiagramView } from '../sims/SimDiagram.tsx';
import { CommsPanel } from './CommsPanel.tsx';
import { useLiveExercise } from './use-live-exercise.ts';

// The 3D scene (three.js, R3F, the headset layer) loads only for the field view.
const SimSceneView = lazy(() =>
  import('../../xr/SimScene.tsx').then((module) => ({ default: module.SimSceneView })),
);

function readPageData(id: string): ExercisePageData | null {
  const element = document.getElementById(id);
  return element?.textContent ? (JSON.parse(element.textContent) as ExercisePageData) : null;
}

/** A participant's live view of an exercise: their role's view of the yard plus the comms panel. */
export default function ExerciseView({ dataId, view }: { dataId: string; view: '3d' | '2d' }) {
  const data = useMemo(() => readPageData(dataId), [dataId]);
  const live = useLiveExercise(data, socketPath);
  const wiring = useMemo(
    () => (live === null ? null : { ...live, attempt: createAttemptAdapter(live.store) }),
    [live],
  );
  useEffect(() => {
    if (wiring === null || data === null) return;
    // The instructor console shows how each participant is looking: SCADA, 2D, 3D or headset.
    const report = (): void => {
      const isHeadset = document.body.dataset['xrPresenting'] === 'true';
      const mode = data.role === 'authority' ? 'scada' : isHeadset ? 'headset' : view;
      wiring.connection.sendView(mode, wiring.attempt.getState().selected);
    };
    report();
    let last = wiring.attempt.getState().selected;
    const unsubscribe = wiring.attempt.subscribe((state) => {
      if (state.selected === last) return;
      last = state.selected;
      report();
    });
    const observer = new MutationObserver(report);
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-xr-presenting'] });
    return () => {
      unsubscribe();
      observer.disconnect();
    };
  }, [wiring, data, view]);
  if (wiring === null)
    return <p className="notice error">The exercise data is missing from this page.</p>;
  const panels = <CommsPanel store={wiring.store} />;
  return view === '3d' ? (
    <Suspense fallback={<p>Loading the 3D yard…</p>}>
      <SimSceneView attempt={wiring.attempt} panels={panels} exercise={wiring.store} />
    </Suspense>
  ) : (
    // Only the field operator stands at the devices; everyone else reads them through SCADA.
    <SimDiagramView store={wiring.attempt} panels={panels} asScada={data?.role !== 'field'} />
  );
}
