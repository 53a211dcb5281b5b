import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ACTION_TYPES,
  DEVICE_TYPES,
  analyze,
  createInitialState,
  replay,
  step,
} from '../../../src/sim/index.ts';
import type { Scenario, SimAction, SimState, Substation } from '../../../src/sim/index.ts';
import { catalog, scenarioPair, variant } from './fixtures.ts';

const FAULT_CODES = new Set(['earth-fault', 'closed-onto-earth', 'arc-flash']);

/** isolate-t1 with every action allowed and every interlock out: the most hazardous playground. */
const sandbox = variant('isolate-t1', (s) => {
  s.allowedActions = [...ACTION_TYPES];
  s.initialState.interlocksOutOfService = scenarioPair('isolate-t1').substation.interlocks.map(
    (i) => i.id,
  );
  return s;
});

function actionArbitrary(substation: Substation, scenario: Scenario): fc.Arbitrary<SimAction> {
  const devices = [...substation.devices, ...scenario.initialState.extraDevices].map((d) => d.id);
  const switching = substation.devices.filter((d) => d.position !== undefined).map((d) => d.id);
  const nodes = substation.nodes.map((n) => n.id);
  const device = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...devices) },
    { weight: 1, arbitrary: fc.constant('NOPE-1') },
  );
  const swDevice = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...switching) },
    { weight: 1, arbitrary: device },
  );
  const node = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...nodes) },
    { weight: 1, arbitrary: fc.constant('n-nowhere') },
  );
  const port = fc.integer({ min: 1, max: 18 });
  const zone = fc.constantFrom(...scenario.workZones.map((z) => z.id), 'z-none');
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        type: fc.constant('operate' as const),
        device: swDevice,
        position: fc.constantFrom('open' as const, 'closed' as const),
        override: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constantFrom('lock' as const, 'unlock' as const, 'tag' as const, 'untag' as const),
        device: swDevice,
      }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'test-tester' as const }) },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constantFrom(
          'test-voltage' as const,
          'apply-ground' as const,
          'remove-ground' as const,
        ),
        node,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('identify' as const),
        device,
        answer: fc.constantFrom(...DEVICE_TYPES),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('inspect' as const), device }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('declare-isolated' as const), zone }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom(
          'inspect-port' as const,
          'disable-port' as const,
          'enable-port' as const,
        ),
        switch: fc.constantFrom('SW1', 'FW1'),
        port,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('report' as const),
        finding: fc.record({
          switch: fc.constant('SW1'),
          port,
          category: fc.constantFrom(
            'unauthorized-device' as const,
            'misconfigured-device' as const,
            'no-issue' as const,
          ),
        }),
      }),
    },
  );
}

const scenarios: [string, Substation, Scenario][] = [
  ['sandbox (isolate-t1, no interlocks)', sandbox.substation, sandbox.scenario],
  ...[...catalog.scenarios.values()].map((s): [string, Substation, Scenario] => [
    s.id,
    scenarioPair(s.id).substation,
    s,
  ]),
];

function liveAndEarthed(state: SimState): string[] {
  const analysis = analyze(state.model, state);
  return state.model.nodes
    .filter((_, i) => analysis.live[i] && analysis.earthed[i])
    .map((n) => n.id);
}

describe.each(scenarios)('properties on %s', (_name, substation, scenario) => {
  const actions = fc.array(actionArbitrary(substation, scenario), { maxLength: 60 });

  test('random action sequences never throw, and every step returns a state and events', () => {
    fc.assert(
      fc.property(actions, (sequence) => {
        let state = createInitialState(substation, scenario);
        for (const action of sequence) {
          const result = step(state, action);
          expect(Array.isArray(result.events)).toBe(true);
          state = result.state;
        }
        expect(state.actionCount).toBe(sequence.length);
      }),
      { numRuns: 150 },
    );
  });

  test('no node is ever both live and earthed without a fault event in that step', () => {
    fc.assert(
      fc.property(actions, (sequence) => {
        let state = createInitialState(substation, scenario);
        for (const action of sequence) {
          const before = state;
          const result = step(state, action);
          state = result.state;
          const both = liveAndEarthed(state);
          const faulted = result.events.some((e) => FAULT_CODES.has(e.code));
          expect(both.length === 0 || faulted).toBe(true);
          // Protection always clears: the state left behind is never a standing short circuit.
          expect(both).toEqual([]);
          expect(liveAndEarthed(before)).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('step never modifies the state it is given', () => {
    fc.assert(
      fc.property(actions, (sequence) => {
        let state = createInitialState(substation, scenario);
        for (const action of sequence) {
          const snapshot = JSON.stringify({ ...state, model: null });
          const next = step(state, action).state;
          expect(JSON.stringify({ ...state, model: null })).toBe(snapshot);
          state = next;
        }
      }),
      { numRuns: 60 },
    );
  });

  test('replay is deterministic', () => {
    const log = fc
      .array(actionArbitrary(substation, scenario), { maxLength: 40 })
      .map((sequence) => sequence.map((action, i) => ({ at: i * 1500, action })));
    fc.assert(
      fc.property(log, (entries) => {
        const first = replay(substation, scenario, entries);
        const second = replay(substation, scenario, structuredClone(entries));
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 60 },
    );
  });
});

describe('replay on arbitrary input', () => {
  const { substation, scenario } = scenarioPair('isolate-t1');

  test('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.array(fc.record({ at: fc.integer(), action: fc.anything() }))),
        (input) => {
          const result = replay(substation, scenario, input);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
