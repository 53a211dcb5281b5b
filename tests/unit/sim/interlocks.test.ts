import { describe, expect, test } from 'vitest';
import { blockingInterlocks, step } from '../../../src/sim/index.ts';
import type { SimAction, SimState } from '../../../src/sim/index.ts';
import { close, codes, open, run, start } from './fixtures.ts';

/** isolate-t1's starting state with every interlock in service. */
function interlocked(): SimState {
  return start('isolate-t1', (s) => {
    s.initialState.interlocksOutOfService = [];
    return s;
  });
}

const isolateAndEarthT1: SimAction[] = [
  close('52-BT'),
  open('52-T1L'),
  open('52-H1'),
  open('89-T1H'),
  open('89-T1L'),
  { type: 'test-tester' },
  { type: 'test-voltage', node: 'n-t1h' },
  { type: 'test-voltage', node: 'n-t1l' },
  close('57-T1H'),
  close('57-T1L'),
];

describe('interlocks', () => {
  test('a disconnector cannot move while its breaker is closed', () => {
    const state = interlocked();
    const result = step(state, open('89-T1L'));
    expect(codes(result.events)).toEqual(['interlock-blocked']);
    expect(result.state.positions['89-T1L']).toBe('closed');
    expect(result.events[0]?.explanation).toContain('52-T1L is closed');
    expect(result.events[0]?.data?.['interlock']).toBe('il-89-T1L');
  });

  test('the same disconnector moves once its breaker is open', () => {
    const { state, events } = run(interlocked(), [close('52-BT'), open('52-T1L'), open('89-T1L')]);
    expect(codes(events)).not.toContain('interlock-blocked');
    expect(state.positions['89-T1L']).toBe('open');
  });

  test('an earthing switch cannot close on a live conductor (voltage-presence check)', () => {
    // T1 stays energized from the 13.8 kV side, so its 138 kV terminals are live.
    const { state } = run(interlocked(), [close('52-BT'), open('52-H1'), open('89-T1H')]);
    expect(state.energization['n-t1h']).toBe('live');
    const result = step(state, close('57-T1H'));
    expect(codes(result.events)).toEqual(['interlock-blocked']);
    expect(result.events[0]?.explanation).toContain('T1 138 kV terminals is live');
    expect(result.state.positions['57-T1H']).toBe('open');
  });

  test('a breaker cannot close onto a section earthed by an earthing switch', () => {
    const { state } = run(interlocked(), isolateAndEarthT1);
    const result = step(state, close('52-H1'));
    expect(codes(result.events)).toEqual(['interlock-blocked']);
    expect(result.events[0]?.explanation).toContain('earthed by an earthing switch');
  });

  test('a disconnector cannot close while the earthing switch beside it is closed', () => {
    const { state } = run(interlocked(), isolateAndEarthT1);
    const result = step(state, close('89-T1H'));
    expect(codes(result.events)).toEqual(['interlock-blocked']);
    expect(result.events[0]?.explanation).toContain('57-T1H is closed');
  });

  test('an interlock on closing does not stop opening', () => {
    const { state } = run(interlocked(), isolateAndEarthT1);
    expect(blockingInterlocks(state, '57-T1H', 'open')).toEqual([]);
  });

  test('interlocks taken out of service by the scenario block nothing', () => {
    const result = step(start('isolate-t1'), open('89-T1L'));
    expect(codes(result.events)).not.toContain('interlock-blocked');
    expect(codes(result.events)).toContain('arc-flash');
  });

  test('defeating an interlock with the override key is logged, and the hazard still happens', () => {
    const result = step(interlocked(), {
      type: 'operate',
      device: '89-F1',
      position: 'open',
      override: true,
    });
    expect(codes(result.events).slice(0, 3)).toEqual([
      'interlock-bypassed',
      'operated',
      'arc-flash',
    ]);
    expect(result.events[0]?.severity).toBe('violation');
  });

  test('a line earthing switch checks only its disconnector: closing it on a line live from the far end is a fault', () => {
    const { state, events } = run(interlocked(), [open('52-H1'), open('89-L1'), close('57-L1')]);
    expect(codes(events)).toContain('earth-fault');
    expect(codes(events)).toContain('remote-trip');
    expect(state.remoteEnds['L1']).toBe('open');
    expect(state.energization['n-l1']).toBe('earthed');
  });

  test('with the far end confirmed open and the line verified dead, the line earthing switch closes safely', () => {
    const state = start('isolate-t1', (s) => {
      s.initialState.interlocksOutOfService = [];
      s.initialState.remoteEnds = { L1: 'open' };
      return s;
    });
    const { events } = run(state, [
      open('52-H1'),
      open('89-L1'),
      { type: 'test-tester' },
      { type: 'test-voltage', node: 'n-l1' },
      close('57-L1'),
    ]);
    const found = codes(events);
    expect(found).toContain('operated');
    for (const hazard of [
      'earth-fault',
      'remote-trip',
      'earthed-without-verification',
      'interlock-blocked',
    ]) {
      expect(found).not.toContain(hazard);
    }
  });
});
