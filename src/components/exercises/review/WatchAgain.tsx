import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createAttemptAdapter } from '../../../client/exercises/attempt-adapter.ts';
import { createExerciseStore } from '../../../client/exercises/exercise-store.ts';
import { parseMoment, type ReplayDriver } from '../../../lib/shared/exercises/replay-driver.ts';
import { createReplayStore, type ReplayStore } from '../../../client/exercises/replay-store.ts';
import { momentLine, replayControls } from '../../../lib/shared/exercises/replay-controls.ts';
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
 * scrubber. Read-only: the store behind the scene sends nothing, the action panel is left out,
 * and the headset's communications panel offers the same replay controls as the page.
 */
export default function WatchAgain({ dataId }: { dataId: string }) {
  const data = useMemo(() => readReplayData(dataId), [dataId]);
  const replayed = useReplayDriver(data);
  const driver = replayed?.ok ? replayed.driver : null;
  const replay = useMemo<ReplayStore>(
    () => createReplayStore(driver?.length ?? 0, driver === null ? 0 : startMoment(driver)),
    [driver],
  );
  const at = useStore(replay, (s) => s.at);
  const isPlaying = useStore(replay, (s) => s.isPlaying);
  const wiring = useMemo(() => {
    if (data === null || driver === null) return null;
    const store = createExerciseStore({ ...data, role: 'observer' }, () =>
      Promise.resolve({ ok: false, reason: 'This is a replay: nothing is sent.' }),
    );
    store.setState({ exercise: driver.stateAt(replay.getState().at), status: 'offline' });
    return { store, attempt: createAttemptAdapter(store) };
    // Built once: moving through the replay only changes the store's state (below).
  }, [data, driver, replay]);
  useEffect(() => {
    if (wiring !== null && driver !== null) wiring.store.setState({ exercise: driver.stateAt(at) });
  }, [wiring, driver, at]);
  useEffect(() => {
    if (!isPlaying || driver === null) return;
    const timer = setTimeout(() => replay.getState().advance(), driver.playbackDelay(at));
    return () => clearTimeout(timer);
  }, [isPlaying, at, driver, replay]);
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
          {replayControls({ at, isPlaying }, driver.length).map((control) => (
            // aria-disabled, not disabled: a button pressed to the end keeps the focus.
            <button
              key={control.command}
              type="button"
              aria-disabled={control.isEnabled ? undefined : true}
              onClick={() => replay.getState().run(control.command)}
            >
              {control.label}
            </button>
          ))}
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
          onChange={(e) => replay.getState().seek(Number(e.currentTarget.value))}
        />
        <div role="status" aria-live="polite" data-testid="watch-moment">
          {at === 0 ? (
            <p className="muted">Before the first entry.</p>
          ) : (
            <ul>
              {driver.marksAt(at).map((mark, i) => (
                <li key={i} className={`mark-${mark.kind}`}>
                  {momentLine(mark)}
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
          replay={replay}
        />
      </Suspense>
    </div>
  );
}
