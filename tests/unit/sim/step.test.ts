import { describe, expect, test } from 'vitest';
import {
  currentStep,
  describeDevice,
  deviceView,
  listDevices,
  listPorts,
  step,
} from '../../../src/sim/index.ts';
import type { SimState } from '../../../src/sim/index.ts';
import { close, codes, open, run, start } from './fixtures.ts';

/** Freezes the state's own data (not the shared compiled model) so any mutation throws. */
function freezeState(state: SimState): SimState {
  const freeze = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const inner of Object.values(value)) freeze(inner);
  };
  for (const [key, value] of Object.entries(state)) if (key !== 'model') freeze(value);
  return Object.freeze(state);
}

describe('step', () => {
  test('never mutates its input state', () => {
    const before = freezeState(start('isolate-t1'));
    const snapshot = JSON.stringify({ ...before, model: null });
    const { state } = run(before, [
      close('52-BT'),
      open('52-T1L'),
      open('89-T1L'),
      { type: 'apply-ground', node: 'n-t1lb' },
    ]);
    expect(JSON.stringify({ ...before, model: null })).toBe(snapshot);
    expect(state).not.toBe(before);
  });

  test('counts every action and every event code', () => {
    const { state } = run(start('isolate-t1'), [open('89-T1L'), open('52-T1L')]);
    expect(state.actionCount).toBe(2);
    expect(state.eventCounts['arc-flash']).toBe(1);
  });

  test('refuses an action the scenario does not use', () => {
    const result = step(start('equipment-walkdown'), open('52-F1'));
    expect(codes(result.events)).toEqual(['action-refused']);
    expect(result.state.positions['52-F1']).toBe('closed');
  });

  test('refuses an unknown device without throwing', () => {
    expect(codes(step(start('isolate-t1'), open('52-X9')).events)).toEqual(['action-refused']);
  });

  test('refuses to operate something that is not a switching device', () => {
    expect(codes(step(start('isolate-t1'), open('T1')).events)).toEqual(['action-refused']);
  });

  test('reports no change when a device is already in the requested position', () => {
    expect(codes(step(start('isolate-t1'), close('52-F1')).events)).toEqual(['no-change']);
  });

  test('a step counts when protection already left the device as the order wants it', () => {
    const { state } = run(start('isolate-t1'), [close('52-BT'), open('89-T1L'), open('52-T1L')]);
    expect(state.progress['open-t1-lv-breaker']?.completedAt).toBe(2);
  });
});

describe('helpers for the scene and the 2D mode', () => {
  test('every device is listed with an accessible name that includes its state', () => {
    const devices = listDevices(start('isolate-t1'));
    expect(devices).toHaveLength(start('isolate-t1').model.substation.devices.length);
    const breaker = devices.find((d) => d.id === '52-T1L');
    expect(breaker?.accessibleName).toBe('52-T1L, T1 13.8 kV main breaker: closed, live');
    expect(devices.find((d) => d.id === 'FW1')?.energization).toBeNull();
  });

  test('the view shows locks and tags', () => {
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      { type: 'lock', device: '52-T1L' },
      { type: 'tag', device: '52-T1L' },
    ]);
    expect(deviceView(state, '52-T1L')?.accessibleName).toBe(
      '52-T1L, T1 13.8 kV main breaker: open, live, locked, tagged',
    );
  });

  test('describeDevice explains what a device is and how it stands', () => {
    const text = describeDevice(start('isolate-t1'), '89-T1L') ?? '';
    expect(text).toMatch(/disconnector/);
    expect(text).toMatch(/It is closed/);
    expect(describeDevice(start('isolate-t1'), 'nope')).toBeNull();
  });

  test('currentStep follows the switching order and offers its hints', () => {
    const first = currentStep(start('isolate-t1'));
    expect(first?.step.id).toBe('close-tie');
    expect(first?.hints.length).toBeGreaterThan(0);
    const { state } = run(start('isolate-t1'), [
      close('52-BT'),
      open('52-T1L'),
      open('52-H1'),
      open('89-T1H'),
      open('89-T1L'),
      { type: 'lock', device: '52-H1' },
    ]);
    const lockStep = currentStep(state);
    expect(lockStep?.step.id).toBe('lock-and-tag');
    expect(lockStep?.remaining).toHaveLength(7);
  });
});

describe('listPorts', () => {
  test('lists every station-switch port with what is plugged in and its state', () => {
    const { state } = run(start('rogue-device'), [
      { type: 'inspect-port', switch: 'SW1', port: 15 },
      { type: 'disable-port', switch: 'SW1', port: 15 },
    ]);
    const ports = listPorts(state);
    expect(ports).toHaveLength(16);
    expect(ports.find((p) => p.number === 15)).toEqual({
      switch: 'SW1',
      number: 15,
      label: 'Maintenance laptop',
      connectedTo: 'ROGUE-1',
      isEnabled: false,
      isLinkUp: false,
      wasInspected: true,
    });
    expect(listDevices(state).some((d) => d.id === 'ROGUE-1')).toBe(true);
  });
});
