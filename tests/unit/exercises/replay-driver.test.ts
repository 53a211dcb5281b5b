import { describe, expect, test } from 'vitest';
import { exerciseTimeline } from '../../../src/lib/shared/exercises/exercise-timeline.ts';
import {
  createReplayDriver,
  parseMoment,
  PLAYBACK_STEP_MS,
  type ReplayDriver,
} from '../../../src/lib/shared/exercises/replay-driver.ts';
import { replayExercise, type ExerciseEntry } from '../../../src/sim/index.ts';
import { ExerciseLogBuilder } from '../../helpers/exercise-log.ts';
import { scenarioPair } from '../sim/fixtures.ts';

const { substation, scenario } = scenarioPair('joint-isolate-t1');

/** A short joint run: a failed SCADA trip after an inject, a local trip, lost telemetry, a note. */
function adaptedLog(): ExerciseEntry[] {
  const run = new ExerciseLogBuilder(substation, scenario);
  run.joinAll(['authority', 'field', 'analyst']);
  const operate = (device: string, position: 'open' | 'closed') => ({
    kind: 'act' as const,
    action: { type: 'operate' as const, device, position },
  });
  run.add('authority', operate('52-BT', 'closed'));
  run.add('observer', { kind: 'inject', inject: 'breaker-fails-to-open' }, 4_000);
  run.add('authority', operate('52-T1L', 'open'), 20_000);
  run.instruct('field', { operation: 'open', targets: ['52-T1L'], time: '14:10' }, [
    { type: 'operate', device: '52-T1L', position: 'open' },
  ]);
  run.add('observer', { kind: 'inject', inject: 'telemetry-lost' }, 90_000);
  // The field operator opens a disconnector with no instruction: a protocol breach.
  run.add('field', operate('89-T1L', 'open'));
  run.add('observer', { kind: 'note', text: 'Good stop when 52-T1L stayed closed.' });
  run.add('observer', { kind: 'end' });
  return JSON.parse(JSON.stringify(run.log)) as ExerciseEntry[];
}

const log = adaptedLog();
const created = createReplayDriver(substation, scenario, log);
if (!created.ok) throw new Error(`the log does not replay: ${created.reason}`);
const driver: ReplayDriver = created.driver;

/** The review's state at time t: the server's replay of the log up to t. */
function reviewStateAt(t: number) {
  const replayed = replayExercise(
    substation,
    scenario,
    log.filter((entry) => entry.at <= t),
  );
  if (!replayed.ok) throw new Error(replayed.reason);
  return replayed.state;
}

describe('createReplayDriver', () => {
  const times = new Set([
    log[0]!.at - 1,
    ...log.flatMap((entry) => [entry.at, entry.at + 500]),
    log.at(-1)!.at + 60_000,
  ]);

  test.each([...times])(
    'the state at server time %i equals the review’s state at that time',
    (t) => {
      expect(driver.stateAt(driver.indexAtTime(t))).toEqual(reviewStateAt(t));
    },
  );

  test('moments run from before the first entry to the replayed end state', () => {
    expect(driver.length).toBe(log.length);
    expect(driver.indexAtTime(log[0]!.at - 1)).toBe(0);
    expect(driver.stateAt(0).lastSeq).toBe(0);
    expect(driver.stateAt(log.length)).toEqual(reviewStateAt(Infinity));
    expect(driver.stateAt(log.length + 5)).toBe(driver.stateAt(log.length));
    expect(driver.stateAt(-3)).toBe(driver.stateAt(0));
    expect(driver.timeOf(0)).toBe(log[0]!.at);
    expect(driver.timeOf(7)).toBe(log[6]!.at);
  });

  test('the breaker is closed at the inject and open after the local trip', () => {
    const inject = log.find((e) => e.command.kind === 'inject')!.seq;
    const trip = log.find(
      (e) => e.role === 'field' && e.command.kind === 'act' && e.command.action.type === 'operate',
    )!.seq;
    expect(driver.stateAt(inject).sim.positions['52-T1L']).toBe('closed');
    expect(driver.stateAt(trip - 1).sim.positions['52-T1L']).toBe('closed');
    expect(driver.stateAt(trip).sim.positions['52-T1L']).toBe('open');
  });

  test('what happened at each moment is the review timeline’s entries for it', () => {
    const review = exerciseTimeline(reviewStateAt(Infinity), { withNotes: true });
    for (let seq = 1; seq <= log.length; seq++)
      expect(driver.marksAt(seq)).toEqual(review.filter((mark) => mark.seq === seq));
    const kinds = log.map((entry) => driver.marksAt(entry.seq).map((m) => m.kind)).flat();
    expect(kinds).toEqual(expect.arrayContaining(['inject', 'breach', 'note', 'control']));
  });

  test('play rests on each moment for the real gap, compressed and bounded', () => {
    for (let index = 0; index < log.length; index++) {
      const delay = driver.playbackDelay(index);
      expect(delay).toBeGreaterThanOrEqual(PLAYBACK_STEP_MS.min);
      expect(delay).toBeLessThanOrEqual(PLAYBACK_STEP_MS.max);
    }
    const long = log.findIndex((entry) => entry.command.kind === 'inject' && entry.seq > 10);
    // The moment before the entry at index `long` (its seq is long + 1) is moment `long`.
    expect(driver.playbackDelay(long)).toBe(PLAYBACK_STEP_MS.max);
    expect(driver.playbackDelay(0)).toBe(PLAYBACK_STEP_MS.min);
  });

  test('refuses a log the server would not replay, naming the entry', () => {
    const broken = log.map((entry, i) => (i === 4 ? { ...entry, seq: 99 } : entry));
    expect(createReplayDriver(substation, scenario, broken)).toEqual({
      ok: false,
      index: 4,
      reason: 'entry 99 follows 4',
    });
  });
});

describe('parseMoment', () => {
  test.each<[string | null, number]>([
    ['7', 7],
    ['0', 0],
    ['999', 20],
    [null, 0],
    ['', 0],
    ['-3', 0],
    ['2.5', 0],
    ['1e3', 0],
    ['%00', 0],
  ])('?at=%s of a 20-entry log is moment %i', (value, moment) => {
    expect(parseMoment(value, 20)).toBe(moment);
  });
});
