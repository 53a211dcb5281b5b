import { describe, expect, test } from 'vitest';
import { createReplayDriver } from '../../../src/lib/shared/exercises/replay-driver.ts';
import { createReplayStore } from '../../../src/client/exercises/replay-store.ts';
import {
  momentLine,
  replayControls,
  replayHazardAt,
  stepReplay,
  type ReplayCommand,
} from '../../../src/lib/shared/exercises/replay-controls.ts';
import type { ExerciseEntry } from '../../../src/sim/index.ts';
import { replayPanelContent, REPLAY_LOG_LINES } from '../../../src/xr/scene/xr-comms-canvas.ts';
import { ExerciseLogBuilder } from '../../helpers/exercise-log.ts';
import { scenarioPair } from '../sim/fixtures.ts';

const { substation, scenario } = scenarioPair('joint-isolate-t1');

/** A short run in which the field operator, instructed, opens a disconnector on load: an arc. */
function arcFlashLog(): ExerciseEntry[] {
  const run = new ExerciseLogBuilder(substation, scenario);
  run.joinAll(['authority', 'field', 'analyst']);
  const step = { operation: 'open' as const, targets: ['89-T1L'], time: '14:10' };
  const seq = run.add('authority', { kind: 'instruction', to: 'field', ...step });
  run.add('field', { kind: 'repeat-back', instruction: seq, ...step });
  run.add('authority', { kind: 'confirm', instruction: seq });
  run.add('field', {
    kind: 'act',
    action: { type: 'operate', device: '89-T1L', position: 'open' },
  });
  run.add('observer', { kind: 'note', text: 'The arc was drawn on load.' });
  return JSON.parse(JSON.stringify(run.log)) as ExerciseEntry[];
}

const log = arcFlashLog();
const created = createReplayDriver(substation, scenario, log);
if (!created.ok) throw new Error(`the log does not replay: ${created.reason}`);
const driver = created.driver;
const arcAt = log.find((entry) => entry.command.kind === 'act')!.seq;

describe('replay controls', () => {
  test('play or pause, previous and next entry, in that order', () => {
    expect(replayControls({ at: 3, isPlaying: false }, 6)).toEqual([
      { command: 'toggle-play', label: 'Play', isEnabled: true },
      { command: 'previous', label: 'Previous entry', isEnabled: true },
      { command: 'next', label: 'Next entry', isEnabled: true },
    ]);
    expect(replayControls({ at: 3, isPlaying: true }, 6)[0]?.label).toBe('Pause');
  });

  test('a control that would change nothing is disabled, and every enabled one changes something', () => {
    for (const length of [0, 1, 6])
      for (let at = 0; at <= length; at++)
        for (const isPlaying of length === 0 ? [false] : [false, true]) {
          const position = { at, isPlaying };
          for (const control of replayControls(position, length)) {
            if (!control.isEnabled) continue;
            const after = stepReplay(position, control.command, length);
            expect(isSame(after, position), `${control.label} at ${at} of ${length}`).toBe(false);
          }
        }
    expect(enabled({ at: 0, isPlaying: false }, 6)).toEqual(['toggle-play', 'next']);
    expect(enabled({ at: 6, isPlaying: false }, 6)).toEqual(['toggle-play', 'previous']);
    expect(enabled({ at: 0, isPlaying: false }, 0)).toEqual([]);
    // Not stepping back from the start or on from the end, even while playing.
    expect(enabled({ at: 0, isPlaying: true }, 6)).toEqual(['toggle-play', 'next']);
  });

  test('play at the end starts again from the beginning; stepping pauses', () => {
    expect(stepReplay({ at: 6, isPlaying: false }, 'toggle-play', 6)).toEqual({
      at: 0,
      isPlaying: true,
    });
    expect(stepReplay({ at: 2, isPlaying: true }, 'toggle-play', 6)).toEqual({
      at: 2,
      isPlaying: false,
    });
    expect(stepReplay({ at: 2, isPlaying: true }, 'next', 6)).toEqual({ at: 3, isPlaying: false });
    expect(stepReplay({ at: 2, isPlaying: true }, 'previous', 6)).toEqual({
      at: 1,
      isPlaying: false,
    });
  });

  test('the store runs enabled controls only, seeks clamped and plays to the end', () => {
    const store = createReplayStore(3, 9);
    expect(store.getState().at).toBe(3);
    store.getState().run('next');
    expect(store.getState()).toMatchObject({ at: 3, isPlaying: false });
    store.getState().seek(-4);
    store.getState().run('previous');
    expect(store.getState().at).toBe(0);
    store.getState().run('toggle-play');
    const visited: number[] = [];
    while (store.getState().isPlaying) {
      store.getState().advance();
      visited.push(store.getState().at);
    }
    expect(visited).toEqual([1, 2, 3]);
    store.getState().run('toggle-play');
    expect(store.getState()).toMatchObject({ at: 0, isPlaying: true });
    store.getState().seek(2);
    expect(store.getState()).toMatchObject({ at: 2, isPlaying: false });
  });
});

describe('hazards in a replay', () => {
  test('the entry that drew the arc is marked as a hazard, with its device', () => {
    expect(replayHazardAt(driver.stateAt(arcAt), arcAt)).toEqual({
      kind: 'arc-flash',
      device: '89-T1L',
      node: null,
      text: 'Arc flash at 89-T1L (hazard)',
    });
    expect(driver.marksAt(arcAt).map(momentLine)).toContain(
      'field operator: Arc flash at 89-T1L (hazard)',
    );
  });

  test('no other moment is marked: not before the arc, and not after it', () => {
    for (let at = 0; at <= driver.length; at++)
      if (at !== arcAt) expect(replayHazardAt(driver.stateAt(at), at), `moment ${at}`).toBeNull();
  });
});

describe('the headset’s communications panel in a replay', () => {
  test('shows the moment, what happened with the hazard called out, and the log so far', () => {
    const content = replayPanelContent(
      driver.stateAt(arcAt),
      { at: arcAt, isPlaying: false },
      driver.length,
    );
    const time = new Date(log[arcAt - 1]!.at).toISOString().slice(11, 19);
    expect(content.moment).toBe(`Entry ${arcAt} of ${driver.length}, ${time} UTC`);
    expect(content.happened).toContainEqual({
      text: 'field operator: Arc flash at 89-T1L (hazard)',
      isHazard: true,
    });
    expect(content.log.at(-1)).toMatch(/^#\d+ switching authority · Message: /);
    expect(content.log.join('\n')).toContain('Open 89-T1L');
    expect(content.log.join('\n')).not.toContain('The arc was drawn on load.');
    expect(content.log.length).toBeLessThanOrEqual(REPLAY_LOG_LINES);
  });

  test('offers only the replay controls: nothing to compose, carry out, report or send', () => {
    for (let at = 0; at <= driver.length; at++)
      for (const isPlaying of [false, true]) {
        const position = { at, isPlaying };
        const content = replayPanelContent(driver.stateAt(at), position, driver.length);
        expect(content.controls).toEqual(replayControls(position, driver.length));
      }
    const start = replayPanelContent(driver.stateAt(0), { at: 0, isPlaying: false }, driver.length);
    expect(start.moment).toBe(`Entry 0 of ${driver.length} (start)`);
    expect(start.happened).toEqual([{ text: 'Before the first entry.', isHazard: false }]);
    expect(start.log).toEqual([]);
  });
});

function isSame(a: { at: number; isPlaying: boolean }, b: { at: number; isPlaying: boolean }) {
  return a.at === b.at && a.isPlaying === b.isPlaying;
}

function enabled(position: { at: number; isPlaying: boolean }, length: number): ReplayCommand[] {
  return replayControls(position, length)
    .filter((c) => c.isEnabled)
    .map((c) => c.command);
}
