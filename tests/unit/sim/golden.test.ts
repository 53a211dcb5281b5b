import { describe, expect, test } from 'vitest';
import { replay } from '../../../src/sim/index.ts';
import type { ActionLogEntry, ReplaySuccess, SimAction } from '../../../src/sim/index.ts';
import { close, logOf, open, perfectLog, scenarioPair } from './fixtures.ts';

function replayed(id: string, log: unknown): ReplaySuccess {
  const { substation, scenario } = scenarioPair(id);
  const result = replay(substation, scenario, log);
  if (!result.ok) throw new Error(`replay refused: ${result.reason}`);
  return result;
}

/** The perfect run's actions, with some changes. */
function perfectActions(id: string): SimAction[] {
  return perfectLog(id).map((entry) => entry.action);
}
function without(actions: SimAction[], ...drop: SimAction[]): SimAction[] {
  const keys = drop.map((a) => JSON.stringify(a));
  return actions.filter((a) => !keys.includes(JSON.stringify(a)));
}
function moveBefore(actions: SimAction[], move: SimAction, before: SimAction): SimAction[] {
  const rest = without(actions, move);
  const at = rest.findIndex((a) => JSON.stringify(a) === JSON.stringify(before));
  return [...rest.slice(0, at), move, ...rest.slice(at)];
}
function summary(result: ReplaySuccess) {
  return { passed: result.passed, score: result.score, criticalFailures: result.criticalFailures };
}

describe('isolate-t1', () => {
  const perfect = perfectActions('isolate-t1');

  test('acceptance: the correct isolation log passes with full score', () => {
    const result = replayed('isolate-t1', perfectLog('isolate-t1'));
    expect(summary(result)).toEqual({ passed: true, score: 100, criticalFailures: [] });
    expect(result.maxScore).toBe(100);
    expect(result.feedback.every((f) => f.status === 'done')).toBe(true);
    expect(result.conditions.every((c) => c.met)).toBe(true);
  });

  test('acceptance: the same log with a disconnector opened before its breaker fails with an arc flash', () => {
    const log: ActionLogEntry[] = logOf(moveBefore(perfect, open('89-T1L'), open('52-T1L')));
    const result = replayed('isolate-t1', log);
    expect(result.passed).toBe(false);
    expect(result.criticalFailures).toEqual(['arc-flash']);
    const arc = result.criticalEvents[0];
    expect(arc).toMatchObject({
      code: 'arc-flash',
      device: '89-T1L',
      severity: 'critical',
      index: 1,
    });
    expect(arc?.explanation).toMatch(
      /built only to open or close a circuit that carries no current/,
    );
  });

  test('skipping the load transfer interrupts customers and fails on score, without a critical failure', () => {
    const result = replayed(
      'isolate-t1',
      logOf([...without(perfect, close('52-BT')), close('52-BT')]),
    );
    expect(summary(result)).toEqual({ passed: false, score: 70, criticalFailures: [] });
    expect(result.penalties.map((p) => [p.code, p.points])).toEqual([
      ['step-out-of-order', 5],
      ['supply-lost', 20],
    ]);
    expect(result.feedback.find((f) => f.id === 'close-tie')?.status).toBe('out-of-order');
    expect(result.feedback.filter((f) => f.status === 'done')).toHaveLength(11);
  });

  test('skipping the tester proof means nothing is verified: handing over is a critical failure', () => {
    const actions = perfect.filter(
      (a, i) => !(a.type === 'test-tester' && i === perfect.indexOf(a)),
    );
    const result = replayed('isolate-t1', logOf(actions));
    expect(result.passed).toBe(false);
    expect(result.criticalFailures).toEqual(['isolation-not-verified']);
    expect(result.penalties.find((p) => p.code === 'tester-unproven')?.count).toBe(3);
  });

  test('earthing before verifying costs points and fails on score', () => {
    const earthFirst = moveBefore(
      moveBefore(perfect, close('57-T1H'), { type: 'test-tester' }),
      close('57-T1L'),
      { type: 'test-tester' },
    );
    const result = replayed('isolate-t1', logOf(earthFirst));
    expect(result.criticalFailures).toEqual([]);
    expect(result.penalties.find((p) => p.code === 'earthed-without-verification')?.points).toBe(
      30,
    );
    expect(result.passed).toBe(false);
  });

  test('forgetting locks and tags leaves the hand-over refused and the attempt failed', () => {
    const actions = perfect.filter((a) => a.type !== 'lock' && a.type !== 'tag');
    const result = replayed('isolate-t1', logOf(actions));
    expect(result.passed).toBe(false);
    expect(result.penalties.find((p) => p.code === 'isolation-incomplete')?.count).toBe(1);
    expect(result.conditions.find((c) => c.description.includes('handed over'))?.met).toBe(false);
  });
});

describe('restore-t1', () => {
  const perfect = perfectActions('restore-t1');

  test('the perfect run passes with full score', () => {
    expect(summary(replayed('restore-t1', perfectLog('restore-t1')))).toEqual({
      passed: true,
      score: 100,
      criticalFailures: [],
    });
  });

  test('forgetting the portable grounds: closing the disconnector onto them is a critical failure', () => {
    const result = replayed(
      'restore-t1',
      logOf(without(perfect, { type: 'remove-ground', node: 'n-t1lb' })),
    );
    expect(result.criticalFailures).toEqual(['closed-onto-earth']);
    expect(result.criticalEvents[0]?.device).toBe('89-T1L');
    expect(result.passed).toBe(false);
  });

  test('opening the tie before T1 carries bus section 1 interrupts customers and fails on score', () => {
    const result = replayed(
      'restore-t1',
      logOf(moveBefore(perfect, open('52-BT'), close('52-T1L'))),
    );
    expect(summary(result)).toEqual({ passed: false, score: 60, criticalFailures: [] });
  });

  test('forgetting an earthing switch: the interlock stops the 138 kV breaker, and the slip costs points', () => {
    const lowSideEarth = open('57-T1L');
    const actions = without(perfect, lowSideEarth);
    const breaker = actions.findIndex((a) => JSON.stringify(a) === JSON.stringify(close('52-H1')));
    const retried = [...actions.slice(0, breaker + 1), lowSideEarth, ...actions.slice(breaker)];
    const result = replayed('restore-t1', logOf(retried));
    const blocked = result.events.find((e) => e.code === 'interlock-blocked');
    expect(blocked?.device).toBe('52-H1');
    expect(blocked?.explanation).toMatch(/either side of T1/);
    expect(result.feedback.find((f) => f.id === 'open-earthing-switches')?.status).toBe(
      'out-of-order',
    );
    expect(summary(result)).toEqual({ passed: true, score: 83, criticalFailures: [] });
  });

  test('operating a device with its tag still on is penalised', () => {
    const untagLast = [
      ...without(perfect, { type: 'untag', device: '89-T1H' }),
      { type: 'untag', device: '89-T1H' } as const,
    ];
    const result = replayed('restore-t1', logOf(untagLast));
    expect(result.penalties.find((p) => p.code === 'tagged-device-operated')?.points).toBe(20);
  });
});

describe('rogue-device', () => {
  const perfect = perfectActions('rogue-device');

  test('the perfect run passes with full score', () => {
    expect(summary(replayed('rogue-device', perfectLog('rogue-device')))).toEqual({
      passed: true,
      score: 100,
      criticalFailures: [],
    });
  });

  test('cutting off a protection relay is a critical failure', () => {
    const result = replayed(
      'rogue-device',
      logOf([{ type: 'disable-port', switch: 'SW1', port: 7 }, ...perfect]),
    );
    expect(result.criticalFailures).toEqual(['protection-link-cut']);
    expect(result.passed).toBe(false);
  });

  test('shutting the HMI port by mistake and restoring it costs points but still passes', () => {
    const result = replayed(
      'rogue-device',
      logOf([
        ...perfect.slice(0, 2),
        { type: 'disable-port', switch: 'SW1', port: 3 },
        { type: 'enable-port', switch: 'SW1', port: 3 },
        ...perfect.slice(2),
      ]),
    );
    expect(summary(result)).toEqual({ passed: true, score: 80, criticalFailures: [] });
  });

  test('reporting without isolating the port fails', () => {
    const result = replayed(
      'rogue-device',
      logOf(perfect.filter((a) => a.type !== 'disable-port')),
    );
    expect(result.passed).toBe(false);
    expect(result.conditions.find((c) => c.description === 'port SW1:15 disabled')?.met).toBe(
      false,
    );
  });

  test('a wrong report is penalised and does not complete the investigation', () => {
    const result = replayed(
      'rogue-device',
      logOf([
        ...perfect.slice(0, 3),
        { type: 'report', finding: { switch: 'SW1', port: 15, category: 'no-issue' } },
      ]),
    );
    expect(result.passed).toBe(false);
    expect(result.penalties.find((p) => p.code === 'report-incorrect')?.points).toBe(15);
  });
});

describe('equipment-walkdown', () => {
  const perfect = perfectActions('equipment-walkdown');

  test('identifying all twenty pieces of equipment scores full marks', () => {
    expect(summary(replayed('equipment-walkdown', perfectLog('equipment-walkdown')))).toEqual({
      passed: true,
      score: 100,
      criticalFailures: [],
    });
  });

  test('order does not matter on a walk-down', () => {
    const result = replayed('equipment-walkdown', logOf([...perfect].reverse()));
    expect(result.score).toBe(100);
  });

  test('thirteen right with two wrong guesses passes', () => {
    const result = replayed(
      'equipment-walkdown',
      logOf([
        { type: 'identify', device: 'SA-L1', answer: 'voltage-transformer' },
        { type: 'identify', device: 'CT-H1', answer: 'voltage-transformer' },
        ...perfect.slice(0, 13),
      ]),
    );
    expect(summary(result)).toEqual({ passed: true, score: 61, criticalFailures: [] });
  });

  test('eleven is not enough', () => {
    const result = replayed('equipment-walkdown', logOf(perfect.slice(0, 11)));
    expect(result.passed).toBe(false);
    expect(result.conditions[0]).toEqual({
      description: 'at least 12 steps completed',
      met: false,
    });
  });
});
