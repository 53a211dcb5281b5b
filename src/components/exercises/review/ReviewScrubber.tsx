import { useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../sim/exercise/state.ts';
import { SingleLineDiagram } from '../../sims/SingleLineDiagram.tsx';
import { readReplayData, useReplayDriver } from './replay-data.ts';

/** Replays the log to any entry: the single-line diagram and what happened at that moment. */
export default function ReviewScrubber({ dataId }: { dataId: string }) {
  const data = useMemo(() => readReplayData(dataId), [dataId]);
  const replayed = useReplayDriver(data);
  const [at, setAt] = useState(data?.log.length ?? 0);
  const [selected, setSelected] = useState<string | null>(null);
  if (data === null || replayed === null)
    return <p className="notice error">The exercise log is missing from this page.</p>;
  if (!replayed.ok)
    return <p className="notice error">The exercise log does not replay: {replayed.reason}</p>;
  const { driver } = replayed;
  const state = driver.stateAt(at);
  const here = driver.marksAt(at);
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
        <a href={`/exercises/${data.exerciseId}/watch?at=${at}`}>Open this moment in the 3D yard</a>
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
