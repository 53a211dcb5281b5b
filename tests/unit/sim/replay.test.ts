import { describe, expect, test } from 'vitest';
import { MAX_LOG_ACTIONS, replay } from '../../../src/sim/index.ts';
import type { ReplayResult, ReplaySuccess } from '../../../src/sim/index.ts';
import { close, logOf, open, perfectLog, scenarioPair } from './fixtures.ts';

const { substation, scenario } = scenarioPair('isolate-t1');

function expectOk(result: ReplayResult): ReplaySuccess {
  if (!result.ok) throw new Error(`replay refused: ${result.reason}`);
  return result;
}

describe('replay refuses logs that do not replay', () => {
  test.each<[string, unknown, RegExp]>([
    ['not an array', { actions: [] }, /must be an array/],
    ['an unknown device', logOf([open('52-Q7')]), /unknown device 52-Q7/],
    [
      'an unknown node',
      logOf([{ type: 'test-voltage', node: 'n-nowhere' }]),
      /unknown node n-nowhere/,
    ],
    [
      'an impossible action: operating a transformer',
      logOf([open('T1')]),
      /T1 is not a switching device/,
    ],
    [
      'an action the scenario does not use',
      logOf([{ type: 'disable-port', switch: 'SW1', port: 15 }]),
      /does not use "disable-port"/,
    ],
    [
      'an unknown action type',
      [{ at: 0, action: { type: 'explode', device: 'T1' } }],
      /entry 0 \(action\.type\)/,
    ],
    [
      'a missing field',
      [{ at: 0, action: { type: 'operate', device: '52-H1' } }],
      /entry 0 \(action\.position\)/,
    ],
    ['a negative time', [{ at: -5, action: open('52-H1') }], /entry 0 \(at\)/],
    ['a fractional time', [{ at: 1.5, action: open('52-H1') }], /entry 0 \(at\)/],
    [
      'an unknown work zone',
      logOf([{ type: 'declare-isolated', zone: 'nowhere' }]),
      /unknown work zone nowhere/,
    ],
  ])('%s', (_name, log, reason) => {
    const result = replay(substation, scenario, log);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test('times that go backwards', () => {
    const result = replay(substation, scenario, [
      { at: 5000, action: close('52-BT') },
      { at: 4000, action: open('52-T1L') },
    ]);
    expect(result).toEqual({
      ok: false,
      index: 1,
      reason: expect.stringMatching(/before the previous entry/),
    });
  });

  test('equal times are allowed (two actions in the same millisecond)', () => {
    expect(
      replay(substation, scenario, [
        { at: 0, action: close('52-BT') },
        { at: 0, action: open('52-T1L') },
      ]).ok,
    ).toBe(true);
  });

  test(`more than ${MAX_LOG_ACTIONS} actions`, () => {
    const log = Array.from({ length: MAX_LOG_ACTIONS + 1 }, (_, i) => ({
      at: i,
      action: { type: 'inspect', device: 'T1' },
    }));
    const result = replay(substation, scenario, log);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/at most 2000/);
  });

  test('an attempt longer than four hours', () => {
    const result = replay(substation, scenario, [
      { at: 5 * 60 * 60 * 1000, action: close('52-BT') },
    ]);
    expect(result.ok).toBe(false);
  });

  test('a score field smuggled into an entry is ignored, not trusted', () => {
    const log = perfectLog('isolate-t1').map((entry) => ({ ...entry, score: 999 }));
    expect(expectOk(replay(substation, scenario, log)).score).toBe(100);
  });
});

describe('replay scoring', () => {
  test('an empty log replays: nothing done, nothing passed', () => {
    const result = expectOk(replay(substation, scenario, []));
    expect(result).toMatchObject({ passed: false, score: 0, maxScore: 100, durationMs: 0 });
    expect(result.feedback.every((f) => f.status === 'missed')).toBe(true);
  });

  test('duration is the time of the last action', () => {
    expect(expectOk(replay(substation, scenario, perfectLog('isolate-t1', 1000))).durationMs).toBe(
      21_000,
    );
  });

  test('running over the target time costs points per started minute, up to the cap', () => {
    const slow = perfectLog('isolate-t1', 1000).map((entry, i, all) =>
      i === all.length - 1 ? { ...entry, at: (900 + 90) * 1000 } : entry,
    );
    const result = expectOk(replay(substation, scenario, slow));
    expect(result.timePenalty).toBe(4);
    expect(result.score).toBe(96);
    const verySlow = slow.map((entry, i, all) =>
      i === all.length - 1 ? { ...entry, at: 3 * 60 * 60 * 1000 } : entry,
    );
    expect(expectOk(replay(substation, scenario, verySlow)).timePenalty).toBe(20);
  });

  test('penalties are capped at their maximum', () => {
    const pokes = Array.from(
      { length: 20 },
      () => ({ type: 'operate', device: '89-F1', position: 'open' }) as const,
    );
    const result = expectOk(replay(substation, scenario, logOf(pokes)));
    expect(result.penalties.find((p) => p.code === 'interlock-blocked')).toMatchObject({
      count: 20,
      points: 10,
    });
  });

  test('is deterministic: the same log gives the same result', () => {
    const log = perfectLog('isolate-t1');
    expect(JSON.stringify(replay(substation, scenario, log))).toBe(
      JSON.stringify(replay(substation, scenario, log)),
    );
  });

  test('events carry the time and index of the action that caused them', () => {
    const result = expectOk(replay(substation, scenario, perfectLog('isolate-t1', 1000)));
    const declared = result.events.find((e) => e.code === 'isolation-declared');
    expect(declared).toMatchObject({ at: 21_000, index: 21 });
  });
});
