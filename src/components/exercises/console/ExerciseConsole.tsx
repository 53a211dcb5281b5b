import { useMemo, useState } from 'react';
import type { ExercisePageData } from '../../../client/exercises/exercise-store.ts';
import { useLiveExercise } from '../use-live-exercise.ts';
import { consoleSocketPath } from '../../../lib/shared/exercises/frames.ts';
import { deviceView } from '../../../sim/describe.ts';
import { SingleLineDiagram } from '../../sims/SingleLineDiagram.tsx';
import { ExerciseResult } from '../ExerciseResult.tsx';
import { useExercise } from '../use-exercise.ts';
import { ConsoleControls } from './ConsoleControls.tsx';
import { ConsoleLog } from './ConsoleLog.tsx';
import { ConsoleParticipants } from './ConsoleParticipants.tsx';

function readPageData(id: string): ExercisePageData | null {
  const element = document.getElementById(id);
  return element?.textContent ? (JSON.parse(element.textContent) as ExercisePageData) : null;
}

/** The instructor console: participants, controls, the true plant state and the live log. */
export default function ExerciseConsole({ dataId }: { dataId: string }) {
  const data = useMemo(() => readPageData(dataId), [dataId]);
  const wiring = useLiveExercise(data, consoleSocketPath);
  if (wiring === null || data === null)
    return <p className="notice error">The exercise data is missing from this page.</p>;
  return (
    <div className="exercise-console">
      <ConsoleParticipants store={wiring.store} />
      <ConsoleControls store={wiring.store} injects={data.scenario.injects} />
      <ConsoleDiagram store={wiring.store} />
      <ExerciseResult store={wiring.store} />
      <ConsoleLog store={wiring.store} />
    </div>
  );
}

function ConsoleDiagram({
  store,
}: {
  store: NonNullable<ReturnType<typeof useLiveExercise>>['store'];
}) {
  const sim = useExercise(store, (s) => s.exercise.sim);
  const [selected, setSelected] = useState<string | null>(null);
  const view = selected === null ? null : deviceView(sim, selected, { asScada: true });
  const lost = sim.faults.telemetryLost;
  return (
    <section aria-labelledby="console-sld-heading" className="console-diagram">
      <h2 id="console-sld-heading">Plant state, as the control room’s SCADA shows it</h2>
      <SingleLineDiagram sim={sim} selected={selected} onActivate={setSelected} asScada />
      <p role="status" className="muted">
        {view ? view.accessibleName : 'Select a device on the diagram to read its state.'}
      </p>
      {lost.length > 0 ? (
        <p className="notice" data-testid="true-positions">
          In the yard, for the instructor only:{' '}
          {lost.map((id) => `${id} ${sim.positions[id] ?? 'not switchable'}`).join(', ')}.
        </p>
      ) : null}
    </section>
  );
}
