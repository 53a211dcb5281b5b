import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { createAttemptAdapter } from '../../../client/exercises/attempt-adapter.ts';
import { createExerciseStore } from '../../../client/exercises/exercise-store.ts';
import { parseMoment, type ReplayDriver } from '../../../lib/exercises/replay-driver.ts';
import { ROLE_LABELS } from '../../../sim/exercise/state.ts';
import { ConsoleLog } from '../console/ConsoleLog.tsx';
import { readReplayData, useReplayDriver } from './replay-data.ts';

// The 3D scene (three.js, R3F, the headset layer) loads after the replay controls are up.
const SimSceneView = lazy(() =>
  import('../../../xr/SimScene.tsx').then((module) => ({ default: module.SimSceneView })),
);

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** The moment to start at: `?at=<entry>` from the review, else the beginning. */
function startMoment(driver: ReplayDriver): number {
  return parseMoment(new URLSearchParams(location.search).get('at'), driver.length);
}

/**
 * "Watch again": the exercise's 3D yard driven by the review's replay, with play, pause and a
 * scrubber. Read-only: the store behind the scene sends nothing, and the action panel is left out.
 */
export default function WatchAgain({ dataId }: { dataId: string }) {
  const data = useMemo(() => readReplayData(dataId), [dataId]);
  const replayed = useReplayDriver(data);
  const driver = replayed?.ok ? replayed.driver : null;
  const [at, setAt] = useState(() => (driver === null ? 0 : startMoment(driver)));
  const [isPlaying, setPlaying] = useState(false);
  const wiring = useMemo(() => {
    if (data === null || driver === null) return null;
    const store = createExerciseStore({ ...data, role: 'observer' }, () =>
      Promise.resolve({ ok: false, reason: 'This is a replay: nothing is sent.' }),
    );
    store.setState({ exercise: driver.stateAt(at), status: 'offline' });
    return { store, attempt: createAttemptAdapter(store) };
    // Built once: moving through the replay only changes the store's state (below).
  }, [data, driver]);
  useEffect(() => {
    if (wiring !== null && driver !== null) wiring.store.setState({ exercise: driver.stateAt(at) });
  }, [wiring, driver, at]);
  useEffect(() => {
    if (!isPlaying || driver === null) return;
    if (at >= driver.length) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setAt(at + 1), driver.playbackDelay(at));
    return () => clearTimeout(timer);
  }, [isPlaying, at, driver]);
  if (data === null || replayed === null)
    return <p className="notice error">The exercise log is missing from this page.</p>;
  if (!replayed.ok || driver === null || wiring === null)
    return (
      <p className="notice error">
        The exercise log does not replay{replayed.ok ? '' : `: ${replayed.reason}`}.
      </p>
    );
  const moment = `entry ${at} of ${driver.length}${at === 0 ? ' (start)' : `, ${time(driver.timeOf(at))} UTC`}`;
  return (
    <div className="watch-again">
      <section aria-labelledby="watch-controls-heading" className="review-scrubber">
        <h2 id="watch-controls-heading">Replay</h2>
        <div className="exercise-buttons">
          <button
            type="button"
            onClick={() => {
              if (!isPlaying && at >= driver.length) setAt(0);
              setPlaying(!isPlaying);
            }}
          >
            {isPlaying ? 'Pause' : 'Play'}
          </button>
          <button type="button" onClick={() => setAt(Math.max(0, at - 1))}>
            Previous entry
          </button>
          <button type="button" onClick={() => setAt(Math.min(driver.length, at + 1))}>
            Next entry
          </button>
        </div>
        <label htmlFor="watch-scrubber">Moment: {moment}</label>
        <input
          id="watch-scrubber"
          type="range"
          min={0}
          max={driver.length}
          step={1}
          value={at}
          aria-valuetext={moment}
          onChange={(e) => {
            setPlaying(false);
            setAt(Number(e.currentTarget.value));
          }}
        />
        <div role="status" aria-live="polite" data-testid="watch-moment">
          {at === 0 ? (
            <p className="muted">Before the first entry.</p>
          ) : (
            <ul>
              {driver.marksAt(at).map((mark, i) => (
                <li key={i} className={`mark-${mark.kind}`}>
                  {ROLE_LABELS[mark.role]}: {mark.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <Suspense fallback={<p>Loading the 3D yard…</p>}>
        <SimSceneView
          attempt={wiring.attempt}
          exercise={wiring.store}
          panels={<ConsoleLog store={wiring.store} />}
          isReadOnly
        />
      </Suspense>
    </div>
  );
}
