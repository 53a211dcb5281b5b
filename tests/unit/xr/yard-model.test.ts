import { describe, expect, test } from 'vitest';
import { Color } from 'three';
import { contentScenario } from '../../helpers/content.ts';
import { createInitialState } from '../../../src/sim/state.ts';
import { buildYard } from '../../../src/xr/model/build-yard.ts';
import { COLORS } from '../../../src/xr/model/colors.ts';
import { partColor } from '../../../src/xr/scene/yard-colors.ts';

const found = contentScenario('rogue-device');
const sim = createInitialState(found.substation, found.scenario);
const yard = buildYard(sim);

describe('buildYard', () => {
  test('gives every device of the scenario parts, a bounding box and a point to aim at', () => {
    for (const device of sim.model.devices) {
      expect(
        yard.parts.some((part) => part.device === device.id),
        device.id,
      ).toBe(true);
      expect(yard.bounds.get(device.id)?.isEmpty(), device.id).toBe(false);
      expect(yard.focusPoints.has(device.id), device.id).toBe(true);
    }
  });

  test('gives every disconnector and earthing switch three moving blades, one per phase', () => {
    for (const device of sim.model.devices.filter(
      (d) => d.type === 'disconnector' || d.type === 'earthing-switch',
    )) {
      expect(
        yard.hinges.filter((hinge) => hinge.device === device.id),
        device.id,
      ).toHaveLength(3);
    }
  });

  test('attaches a terminal for every electrical connection and a conductor to every node in use', () => {
    for (const device of sim.model.devices) {
      if (device.type === 'busbar') continue;
      expect(yard.terminals.get(device.id)?.length ?? 0, device.id).toBe(device.connections.length);
    }
    const wired = new Set(
      yard.parts.filter((part) => part.role === 'conductor').map((part) => part.node),
    );
    for (const node of sim.model.nodes) expect(wired.has(node.id), node.id).toBe(true);
  });

  test('stays within the per-frame budget: under 300,000 triangles even if everything is in view', () => {
    const perKind = { box: 12, glow: 12, cylinder: 40, insulator: 400, ring: 112 };
    const triangles = yard.parts.reduce((sum, part) => sum + perKind[part.kind], 0);
    expect(triangles).toBeLessThan(300_000);
  });
});

describe('partColor', () => {
  const inputs = { sim, showEnergization: true, selected: null, hovered: null, blink: 1 };
  test('shows breaker position indicators red when closed and green when open', () => {
    const indicator = yard.parts.find(
      (part) => part.device === '52-BT' && part.role === 'indicator',
    );
    if (!indicator) throw new Error('52-BT has no indicator');
    expect(partColor(indicator, inputs, 'SW1', new Color()).getHex()).toBe(
      new Color(COLORS.open).getHex(),
    );
    const closed = {
      ...inputs,
      sim: { ...sim, positions: { ...sim.positions, '52-BT': 'closed' as const } },
    };
    expect(partColor(indicator, closed, 'SW1', new Color()).getHex()).toBe(
      new Color(COLORS.closed).getHex(),
    );
  });

  test('lights a switch port LED only while the port is enabled and something is plugged in', () => {
    const led = (port: number) =>
      yard.parts.find((part) => part.role === 'port-led' && part.port === port);
    const off = new Color(COLORS.ledOff).getHex();
    expect(partColor(led(2)!, inputs, 'SW1', new Color()).getHex()).not.toBe(off);
    expect(partColor(led(14)!, inputs, 'SW1', new Color()).getHex()).toBe(off);
    const disabled = {
      ...inputs,
      sim: { ...sim, portEnabled: { ...sim.portEnabled, 'SW1:2': false } },
    };
    expect(partColor(led(2)!, disabled, 'SW1', new Color()).getHex()).toBe(off);
  });

  test('colours conductors live, dead or earthed only when energization colouring is on', () => {
    const conductor = yard.parts.find(
      (part) => part.role === 'conductor' && part.node === 'n-bus1',
    );
    if (!conductor) throw new Error('no bus 1 conductor');
    expect(partColor(conductor, inputs, 'SW1', new Color()).getHex()).toBe(
      new Color(COLORS.live).getHex(),
    );
    expect(
      partColor(conductor, { ...inputs, showEnergization: false }, 'SW1', new Color()).getHex(),
    ).toBe(new Color(COLORS.aluminium).getHex());
  });
});
