import { describe, expect, test } from 'vitest';
import { ActionSchema, ScenarioSchema, SubstationSchema } from '../../../src/sim/index.ts';
import { scenarioPair } from './fixtures.ts';

const { substation, scenario } = scenarioPair('isolate-t1');

function issuesOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('SubstationSchema', () => {
  test('accepts the Riverside model', () => {
    expect(SubstationSchema.safeParse(substation).success).toBe(true);
  });

  test.each([
    [
      'a breaker with one connection',
      (d: Record<string, unknown>) => (d['connections'] = ['n-bus1']),
      /connections: a circuit-breaker has 2 connection/,
    ],
    [
      'a switching device without a position',
      (d: Record<string, unknown>) => delete d['position'],
      /position: a circuit-breaker needs an initial position/,
    ],
    [
      'a duplicate id',
      (d: Record<string, unknown>) => (d['id'] = '52-H1'),
      /id: duplicate id 52-H1/,
    ],
  ])('rejects %s, naming the field', (_name, change, message) => {
    const copy = structuredClone(substation);
    const device = copy.devices.find((d) => d.id === '52-T1L') as unknown as Record<
      string,
      unknown
    >;
    change(device);
    expect(issuesOf(SubstationSchema.safeParse(copy)).join('\n')).toMatch(message);
  });

  test('rejects an interlock guarding something that is not a switching device', () => {
    const copy = structuredClone(substation);
    copy.interlocks.push({ ...copy.interlocks[0]!, id: 'il-extra', device: 'T1' });
    expect(issuesOf(SubstationSchema.safeParse(copy)).join('\n')).toMatch(
      /interlocks\.\d+\.device: T1 is not a switching device/,
    );
  });
});

describe('ScenarioSchema', () => {
  test('accepts the isolate-t1 scenario', () => {
    expect(ScenarioSchema.safeParse(scenario).success).toBe(true);
  });

  test('rejects a rubric step whose action type the scenario does not allow', () => {
    const copy = structuredClone(scenario);
    copy.allowedActions = copy.allowedActions.filter((t) => t !== 'test-tester');
    expect(issuesOf(ScenarioSchema.safeParse(copy)).join('\n')).toMatch(
      /rubric\.steps\.6\.actions\.0\.type: test-tester is not in allowedActions/,
    );
  });

  test('rejects a hint for a step that does not exist', () => {
    const copy = structuredClone(scenario);
    copy.hints.push({ step: 'no-such-step', text: 'A hint for nothing.' });
    expect(issuesOf(ScenarioSchema.safeParse(copy)).join('\n')).toMatch(
      /hints\.\d+\.step: unknown step no-such-step/,
    );
  });
});

describe('ActionSchema', () => {
  test('accepts every kind of action the engine knows', () => {
    for (const step of scenario.rubric.steps)
      for (const action of step.actions) expect(ActionSchema.safeParse(action).success).toBe(true);
  });

  test('rejects an operate action with an unknown position', () => {
    expect(
      ActionSchema.safeParse({ type: 'operate', device: '52-H1', position: 'half' }).success,
    ).toBe(false);
  });
});
