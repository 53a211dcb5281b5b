import { describe, expect, test } from 'vitest';
import { step } from '../../../src/sim/index.ts';
import type { SimAction } from '../../../src/sim/index.ts';
import { close, codes, open, run, start } from './fixtures.ts';

const isolated: SimAction[] = [
  close('52-BT'),
  open('52-T1L'),
  open('52-H1'),
  open('89-T1H'),
  open('89-T1L'),
];
const lockedAndTagged: SimAction[] = ['52-H1', '89-T1H', '52-T1L', '89-T1L'].flatMap((device) => [
  { type: 'lock', device },
  { type: 'tag', device },
]);
const verified: SimAction[] = [
  { type: 'test-tester' },
  { type: 'test-voltage', node: 'n-t1h' },
  { type: 'test-voltage', node: 'n-t1l' },
  { type: 'test-voltage', node: 'n-t1lb' },
];
const earthed: SimAction[] = [
  close('57-T1H'),
  close('57-T1L'),
  { type: 'apply-ground', node: 'n-t1lb' },
];

describe('lockout and tagout', () => {
  test('a locked device cannot be operated', () => {
    const { state } = run(start('isolate-t1'), [...isolated, { type: 'lock', device: '89-T1H' }]);
    const result = step(state, close('89-T1H'));
    expect(codes(result.events)).toEqual(['lock-blocked']);
    expect(result.state.positions['89-T1H']).toBe('open');
  });

  test("only the crew that applied a lock removes it: another crew's lock stays", () => {
    const state = start('isolate-t1', (s) => {
      s.initialState.locks = { '89-T1H': ['maintenance'] };
      return s;
    });
    const result = step(state, { type: 'unlock', device: '89-T1H' });
    expect(codes(result.events)).toEqual(['foreign-lock-blocked']);
    expect(result.state.locks['89-T1H']).toEqual(['maintenance']);
  });

  test('your own lock comes off, leaving other crews on the same device untouched', () => {
    const state = start('isolate-t1', (s) => {
      s.initialState.locks = { '89-T1H': ['maintenance', 'operator'] };
      return s;
    });
    const result = step(state, { type: 'unlock', device: '89-T1H' });
    expect(codes(result.events)).toContain('unlocked');
    expect(result.state.locks['89-T1H']).toEqual(['maintenance']);
  });

  test('operating a tagged (but unlocked) device is a violation', () => {
    const { state } = run(start('isolate-t1'), [...isolated, { type: 'tag', device: '89-T1H' }]);
    const result = step(state, close('89-T1H'));
    expect(codes(result.events)).toContain('tagged-device-operated');
    expect(result.events.find((e) => e.code === 'tagged-device-operated')?.severity).toBe(
      'violation',
    );
  });

  test('only switching devices take locks and tags', () => {
    expect(codes(step(start('isolate-t1'), { type: 'lock', device: 'T1' }).events)).toEqual([
      'action-refused',
    ]);
  });
});

describe('verifying absence of voltage', () => {
  test('a dead reading from an unproven tester does not count', () => {
    const { state, events } = run(start('isolate-t1'), [
      ...isolated,
      { type: 'test-voltage', node: 'n-t1h' },
    ]);
    expect(codes(events)).toContain('tester-unproven');
    expect(state.verifiedDead).toEqual([]);
  });

  test('after proving the tester, a dead reading verifies the node', () => {
    const { state, events } = run(start('isolate-t1'), [...isolated, ...verified]);
    expect(
      events.filter((e) => e.code === 'voltage-reading').map((e) => e.data?.['reading']),
    ).toEqual(['dead', 'dead', 'dead']);
    expect([...state.verifiedDead].sort()).toEqual(['n-t1h', 'n-t1l', 'n-t1lb']);
  });

  test('a live reading says so and verifies nothing', () => {
    const { state, events } = run(start('isolate-t1'), [
      { type: 'test-tester' },
      { type: 'test-voltage', node: 'n-bus1' },
    ]);
    expect(events.at(-1)?.data?.['reading']).toBe('live');
    expect(state.verifiedDead).toEqual([]);
  });

  test('a node verified dead loses its verification when it is energized again', () => {
    const { state } = run(start('isolate-t1'), [
      ...isolated,
      ...verified,
      close('89-T1H'),
      close('52-H1'),
    ]);
    expect(state.verifiedDead).not.toContain('n-t1h');
  });

  test('earthing a dead but unverified node is a violation', () => {
    const { events } = run(start('isolate-t1'), [...isolated, close('57-T1H')]);
    expect(codes(events)).toContain('earthed-without-verification');
  });

  test('earthing a verified node raises no violation', () => {
    const { events } = run(start('isolate-t1'), [...isolated, ...verified, ...earthed]);
    expect(codes(events)).not.toContain('earthed-without-verification');
    expect(events.filter((e) => e.severity === 'critical')).toEqual([]);
    expect(codes(events).filter((c) => c === 'ground-applied' || c === 'operated')).toHaveLength(8);
  });

  test('portable grounds come off again', () => {
    const { state, events } = run(start('isolate-t1'), [
      ...isolated,
      ...verified,
      ...earthed,
      { type: 'remove-ground', node: 'n-t1lb' },
    ]);
    expect(codes(events)).toContain('ground-removed');
    expect(state.grounds).toEqual([]);
    expect(state.energization['n-t1lb']).toBe('dead');
  });
});

describe('declaring a work zone isolated', () => {
  const declare: SimAction = { type: 'declare-isolated', zone: 't1' };

  test('is refused as critical while any part of the zone is live', () => {
    const result = step(start('isolate-t1'), declare);
    expect(codes(result.events)).toEqual(['isolation-declared-live']);
    expect(result.events[0]?.severity).toBe('critical');
  });

  test('without verified absence of voltage it is a critical violation, even when the zone is dead', () => {
    const { events, state } = run(start('isolate-t1'), [...isolated, ...lockedAndTagged, declare]);
    expect(codes(events)).toContain('isolation-not-verified');
    expect(state.declaredZones).toEqual([]);
  });

  test('is incomplete without earths, locks or tags', () => {
    const { events } = run(start('isolate-t1'), [...isolated, ...verified, declare]);
    const event = events.find((e) => e.code === 'isolation-incomplete');
    expect(event?.explanation).toMatch(/not earthed/);
    expect(event?.explanation).toMatch(/no lock of yours/);
  });

  test('succeeds when the zone is dead, verified, earthed, locked and tagged', () => {
    const { events, state } = run(start('isolate-t1'), [
      ...isolated,
      ...lockedAndTagged,
      ...verified,
      ...earthed,
      declare,
    ]);
    expect(codes(events)).toContain('isolation-declared');
    expect(state.declaredZones).toEqual(['t1']);
  });

  test('once the crew is working, removing an earth or a lock breaks the isolation', () => {
    const { state } = run(start('isolate-t1'), [
      ...isolated,
      ...lockedAndTagged,
      ...verified,
      ...earthed,
      declare,
    ]);
    expect(codes(step(state, { type: 'remove-ground', node: 'n-t1lb' }).events)).toContain(
      'isolation-broken',
    );
    expect(codes(step(state, open('57-T1H')).events)).toContain('isolation-broken');
    expect(codes(step(state, { type: 'unlock', device: '89-T1L' }).events)).toContain(
      'isolation-broken',
    );
  });
});
