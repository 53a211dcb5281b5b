import { describe, expect, test } from 'vitest';
import { step } from '../../../src/sim/index.ts';
import { close, codes, open, run, start } from './fixtures.ts';

// isolate-t1 starts with T1's bay interlocks out of service, so nothing stops these mistakes.
describe('hazards', () => {
  test('opening a disconnector under load is an arc flash, explained for an IT person', () => {
    const result = step(start('isolate-t1'), open('89-T1L'));
    const arc = result.events.find((e) => e.code === 'arc-flash');
    expect(arc?.severity).toBe('critical');
    expect(arc?.device).toBe('89-T1L');
    expect(arc?.explanation).toMatch(/no current/);
    expect(arc?.explanation).toMatch(/open\s+the breaker first/);
  });

  test('the arc becomes a bus fault: protection trips every breaker around bus section 1', () => {
    const { events, state } = run(start('isolate-t1'), [close('52-BT'), open('89-T1L')]);
    const tripped = events.filter((e) => e.code === 'protection-trip').map((e) => e.device);
    expect(tripped.sort()).toEqual(['52-BT', '52-C1', '52-F1', '52-F2', '52-T1L']);
    expect(state.energization['n-bus1']).toBe('dead');
    expect(state.energization['n-bus2']).toBe('live');
    const lost = events.filter((e) => e.code === 'supply-lost').map((e) => e.device);
    expect(lost.sort()).toEqual(['F1', 'F2']);
  });

  test('closing a disconnector that would make load current is also an arc flash', () => {
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      open('89-T1L'),
      close('52-T1L'),
    ]);
    expect(codes(step(state, close('89-T1L')).events)).toContain('arc-flash');
  });

  test('a disconnector operated with no current flowing is safe', () => {
    const { events } = run(start('isolate-t1'), [close('52-BT'), open('52-T1L'), open('89-T1L')]);
    expect(codes(events)).not.toContain('arc-flash');
  });

  test('opening a disconnector feeding an unloaded, energized transformer interrupts magnetizing current: arc flash', () => {
    const { events } = run(start('isolate-t1'), [close('52-BT'), open('52-T1L'), open('89-T1H')]);
    expect(codes(events)).toContain('arc-flash');
  });

  test('closing an earthing switch on a live conductor is an earth fault, cleared by protection', () => {
    const { events, state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      close('57-T1L'),
    ]);
    expect(codes(events)).toContain('earth-fault');
    expect(events.find((e) => e.code === 'protection-trip')?.device).toBe('52-H1');
    expect(state.positions['52-H1']).toBe('open');
    expect(state.energization['n-t1l']).toBe('earthed');
  });

  test('clamping portable grounds on a live conductor is an earth fault', () => {
    const result = step(start('isolate-t1'), { type: 'apply-ground', node: 'n-t1lb' });
    const fault = result.events.find((e) => e.code === 'earth-fault');
    expect(fault?.severity).toBe('critical');
    expect(fault?.explanation).toMatch(/proven? .*dead|prove a conductor dead/);
  });

  test('closing a breaker onto portable grounds is a fault: the breaker trips straight away', () => {
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      open('52-H1'),
      open('89-T1H'),
      { type: 'test-tester' },
      { type: 'test-voltage', node: 'n-t1h' },
      { type: 'apply-ground', node: 'n-t1h' },
      close('89-T1H'),
    ]);
    const result = step(state, close('52-H1'));
    expect(codes(result.events)).toContain('closed-onto-earth');
    expect(result.state.positions['52-H1']).toBe('open');
    expect(result.events.find((e) => e.code === 'closed-onto-earth')?.explanation).toMatch(
      /portable grounds/,
    );
  });

  test('closing a disconnector that joins a live bus to earthed equipment is a fault', () => {
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      open('89-T1L'),
      { type: 'test-tester' },
      { type: 'test-voltage', node: 'n-t1lb' },
      { type: 'apply-ground', node: 'n-t1lb' },
    ]);
    const result = step(state, close('89-T1L'));
    expect(codes(result.events)).toContain('closed-onto-earth');
    expect(result.state.positions['52-BT']).toBe('open');
    expect(result.state.energization['n-bus1']).toBe('earthed');
  });

  test('a fault on the line side is cleared by the far end of the line', () => {
    const { events, state } = run(start('isolate-t1'), [
      { type: 'operate', device: '52-H1', position: 'open' },
      { type: 'operate', device: '89-L1', position: 'open', override: true },
      { type: 'operate', device: '57-L1', position: 'closed' },
    ]);
    expect(codes(events)).toContain('remote-trip');
    expect(state.remoteEnds['L1']).toBe('open');
    expect(state.energization['n-l1']).toBe('earthed');
  });

  test('the solar plant stops exporting when its feeder loses the grid (anti-islanding)', () => {
    const { events, state } = run(start('isolate-t1'), [open('52-F4')]);
    expect(codes(events)).toContain('der-disconnected');
    expect(codes(events)).toContain('supply-lost');
    expect(state.energization['n-f4']).toBe('dead');
  });

  test('customers regain supply when their feeder breaker closes again', () => {
    const { events } = run(start('isolate-t1'), [open('52-F3'), close('52-F3')]);
    expect(codes(events)).toContain('supply-restored');
  });

  test('losing the station service transformer is reported', () => {
    const { events } = run(start('isolate-t1'), [open('52-T2L')]);
    expect(codes(events)).toContain('station-service-lost');
  });
});
