import { useMemo, useState } from 'react';
import { applyEntry } from '../../../sim/exercise/apply.ts';
import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import { createExerciseState, ROLE_LABELS } from '../../../sim/exercise/state.ts';
import type { ExerciseState } from '../../../sim/exercise/state.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import { exerciseTimeline } from '../../../lib/exercises/exercise-timeline.ts';
import { SingleLineDiagram } from '../../sims/SingleLineDiagram.tsx';

interface ReviewData {
  scenario: Scenario;
  substation: Substation;
  log: ExerciseEntry[];
}

function readData(id: string): ReviewData | null {
  const element = document.getElementById(id);
  return element?.textContent ? (JSON.parse(element.textContent) as ReviewData) : null;
}

/** Replays the log to any entry: the single-line diagram and what happened at that moment. */
export default function ReviewScrubber({ dataId }: { dataId: string }) {
  const data = useMemo(() => readData(dataId), [dataId]);
  const states = useMemo(() => {
    if (data === null) return [];
    const list: ExerciseState[] = [createExerciseState(data.substation, data.scenario)];
    for (const entry of data.log) list.push(applyEntry(list[list.length - 1]!, entry));
    return list;
  }, [data]);
  const [at, setAt] = useState(states.length - 1);
  const [selected, setSelected] = useState<string | null>(null);
  if (data === null || states.length === 0)
    return <p className="notice error">The exercise log is missing from this page.</p>;
  const state = states[Math.min(at, states.length - 1)]!;
  const here = exerciseTimeline(state, { withNotes: true }).filter((m) => m.seq === at);
  const entry = data.log[at - 1];
  return (
    <section aria-labelledby="scrubber-heading" className="review-scrubber">
      <h2 id="scrubber-heading">Watch again: the diagram at any moment</h2>
      <label htmlFor="review-scrubber">
        Log entry {at} of {data.log.length}
        {entry ? ` (${new Date(entry.at).toISOString().slice(11, 19)} UTC)` : ' (start)'}
      </label>
      <input
        id="review-scrubber"
        type="range"
        min={0}
        max={data.log.length}
        step={1}
        value={at}
        onChange={(e) => setAt(Number(e.currentTarget.value))}
      />
      <div className="exercise-buttons">
        <button type="button" onClick={() => setAt(Math.max(0, at - 1))}>
          Previous entry
        </button>
        <button type="button" onClick={() => setAt(Math.min(data.log.length, at + 1))}>
          Next entry
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="scrubber-moment">
        {here.length === 0 ? (
          <p className="muted">
            {at === 0 ? 'Before the first entry.' : 'Nothing visible at this entry.'}
          </p>
        ) : (
          <ul>
            {here.map((mark, i) => (
              <li key={i} className={`mark-${mark.kind}`}>
                {ROLE_LABELS[mark.role]}: {mark.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <SingleLineDiagram sim={state.sim} selected={selected} onActivate={setSelected} asScada />
    </section>
  );
}
