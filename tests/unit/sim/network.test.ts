import { describe, expect, test } from 'vitest';
import { step } from '../../../src/sim/index.ts';
import type { SimAction } from '../../../src/sim/index.ts';
import { codes, run, start } from './fixtures.ts';

const port = (
  type: 'inspect-port' | 'disable-port' | 'enable-port',
  number: number,
): SimAction => ({
  type,
  switch: 'SW1',
  port: number,
});

describe('network actions', () => {
  test('inspecting the rogue port shows a MAC that is not in the asset register', () => {
    const result = step(start('rogue-device'), port('inspect-port', 15));
    const event = result.events[0];
    expect(event?.code).toBe('port-inspected');
    expect(event?.data).toMatchObject({
      linkUp: true,
      registered: false,
      ip: '10.20.1.77',
      mac: 'b8:27:eb:5c:91:3e',
    });
    expect(event?.explanation).toMatch(/NOT in the asset register/);
    expect(result.state.inspectedPorts).toEqual(['SW1:15']);
  });

  test('inspecting a relay port matches it to the register', () => {
    const event = step(start('rogue-device'), port('inspect-port', 7)).events[0];
    expect(event?.data?.['registered']).toBe(true);
    expect(event?.explanation).toMatch(/matches REL-T1/);
  });

  test('an empty port reports nothing plugged in', () => {
    expect(step(start('rogue-device'), port('inspect-port', 14)).events[0]?.explanation).toMatch(
      /nothing plugged in/,
    );
  });

  test('disabling the rogue port isolates it and keeps the device as evidence', () => {
    const result = step(start('rogue-device'), port('disable-port', 15));
    expect(codes(result.events)).toContain('port-disabled');
    expect(result.state.portEnabled['SW1:15']).toBe(false);
    expect(result.events[0]?.explanation).toMatch(/evidence|investigators/);
  });

  test('cutting a protection relay off the station bus is critical', () => {
    const result = step(start('rogue-device'), port('disable-port', 7));
    expect(result.events[0]?.code).toBe('protection-link-cut');
    expect(result.events[0]?.severity).toBe('critical');
  });

  test('cutting any other registered device off is a violation', () => {
    expect(step(start('rogue-device'), port('disable-port', 2)).events[0]?.code).toBe(
      'legit-port-disabled',
    );
  });

  test('re-enabling the rogue port puts it back on the bus', () => {
    const { events } = run(start('rogue-device'), [
      port('disable-port', 15),
      port('enable-port', 15),
    ]);
    expect(codes(events)).toContain('rogue-reconnected');
  });

  test('a correct report is recorded; a wrong one is not', () => {
    const right: SimAction = {
      type: 'report',
      finding: { switch: 'SW1', port: 15, category: 'unauthorized-device' },
    };
    const wrong: SimAction = {
      type: 'report',
      finding: { switch: 'SW1', port: 7, category: 'unauthorized-device' },
    };
    const good = step(start('rogue-device'), right);
    expect(codes(good.events)).toContain('report-correct');
    expect(good.state.reports).toHaveLength(1);
    const bad = step(start('rogue-device'), wrong);
    expect(codes(bad.events)).toEqual(['report-incorrect']);
    expect(bad.state.reports).toHaveLength(0);
  });

  test('a port that does not exist is refused', () => {
    expect(codes(step(start('rogue-device'), port('disable-port', 40)).events)).toEqual([
      'action-refused',
    ]);
  });
});

describe('identify and inspect', () => {
  test('a correct identification opens the card', () => {
    const result = step(start('equipment-walkdown'), {
      type: 'identify',
      device: 'LT-L1',
      answer: 'line-trap',
    });
    expect(result.events[0]?.code).toBe('identified-correct');
    expect(result.events[0]?.explanation).toMatch(/carrier/);
    expect(result.events[0]?.data?.['lesson']).toBe(
      '/courses/substation-fundamentals/yard-equipment',
    );
    expect(result.state.identified['LT-L1']).toBe(true);
  });

  test('a wrong identification does not give the answer away', () => {
    const result = step(start('equipment-walkdown'), {
      type: 'identify',
      device: 'LT-L1',
      answer: 'surge-arrester',
    });
    expect(result.events[0]?.code).toBe('identified-wrong');
    expect(result.events[0]?.explanation).not.toMatch(/line trap/i);
    expect(result.state.identified).toEqual({});
  });

  test('inspecting shows the nameplate, the state, and any scenario note', () => {
    const result = step(start('rogue-device'), { type: 'inspect', device: 'FW1' });
    expect(result.events[0]?.explanation).toMatch(/Substation firewall/);
    expect(result.events[0]?.explanation).toMatch(/10\.20\.1\.77/);
    expect(result.state.inspected).toEqual(['FW1']);
  });
});
