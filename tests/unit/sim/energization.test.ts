import { describe, expect, test } from 'vitest';
import { analyze, carriesCurrent, nodeEnergization } from '../../../src/sim/index.ts';
import { close, open, run, start } from './fixtures.ts';

describe('energization', () => {
  test('in the normal state every node is live and none is earthed', () => {
    const state = start('isolate-t1');
    const energization = nodeEnergization(state);
    expect(Object.values(energization).every((value) => value === 'live')).toBe(true);
  });

  test('opening both T1 breakers leaves T1 dead, while bus section 1 stays live through the tie', () => {
    const { state } = run(start('isolate-t1'), [close('52-BT'), open('52-T1L'), open('52-H1')]);
    expect(state.energization['n-t1h']).toBe('dead');
    expect(state.energization['n-t1l']).toBe('dead');
    expect(state.energization['n-h1a']).toBe('live');
    expect(state.energization['n-bus1']).toBe('live');
  });

  test('a transformer passes energy in both directions: T1 is back-fed from the 13.8 kV bus', () => {
    const { state } = run(start('isolate-t1'), [close('52-BT'), open('52-H1')]);
    expect(state.energization['n-t1h']).toBe('live');
  });

  test('a closed earthing switch earths the nodes joined to it through closed switches, not through a transformer winding', () => {
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      open('52-H1'),
      open('89-T1H'),
      { type: 'test-tester' },
      { type: 'test-voltage', node: 'n-t1l' },
      close('57-T1L'),
    ]);
    expect(state.energization['n-t1l']).toBe('earthed');
    expect(state.energization['n-t1h']).toBe('dead');
    expect(state.energization['n-h1b']).toBe('dead');
  });

  test('a line whose far end opens is dead up to the station', () => {
    const state = start('isolate-t1', (s) => {
      s.initialState.remoteEnds = { L1: 'open' };
      return s;
    });
    expect(state.energization['n-l1']).toBe('dead');
    expect(state.energization['n-t1h']).toBe('dead');
    expect(state.energization['n-bus1']).toBe('dead');
  });

  test('portable grounds count as earth for energization but not for the interlocks', () => {
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      open('89-T1L'),
      { type: 'apply-ground', node: 'n-t1lb' },
    ]);
    const withGrounds = analyze(state.model, state, true);
    const withoutGrounds = analyze(state.model, state, false);
    const index = state.model.nodeIndex.get('n-t1lb') ?? -1;
    expect(withGrounds.earthed[index]).toBe(1);
    expect(withoutGrounds.earthed[index]).toBe(0);
  });
});

describe('carriesCurrent', () => {
  test.each([
    ['89-T1L', 'between a loaded bus and a closed breaker', true],
    ['89-F1', 'feeding a feeder through its closed breaker', true],
    ['89-L1', 'between the line and a closed breaker feeding T1', true],
    ['89-SS', 'feeding the station service transformer', true],
  ])('%s carries current in the normal state (%s)', (device, _why, expected) => {
    const state = start('isolate-t1');
    expect(carriesCurrent(state.model, state, device)).toBe(expected);
  });

  test('a disconnector behind an open breaker carries no current', () => {
    const { state } = run(start('isolate-t1'), [open('52-F1')]);
    expect(carriesCurrent(state.model, state, '89-F1')).toBe(false);
  });

  test('an energized transformer with its load side open still draws magnetizing current', () => {
    const { state } = run(start('isolate-t1'), [close('52-BT'), open('52-T1L')]);
    expect(carriesCurrent(state.model, state, '89-T1H')).toBe(true);
  });

  test('a disconnector sharing load in parallel with another path still carries current', () => {
    const { state } = run(start('isolate-t1'), [close('52-BT')]);
    expect(carriesCurrent(state.model, state, '89-BT1')).toBe(true);
  });

  test('closing a disconnector onto a dead, unloaded section would carry no current', () => {
    const { state } = run(start('isolate-t1'), [open('52-F1'), open('89-F1')]);
    expect(carriesCurrent(state.model, state, '89-F1')).toBe(false);
  });
});
