import { describe, expect, test } from 'vitest';
import { contentScenario } from '../../helpers/content.ts';
import { createInitialState } from '../../../src/sim/state.ts';
import { step } from '../../../src/sim/step.ts';
import { deviceActions, generalActions } from '../../../src/client/sims/actions.ts';
import { listPorts } from '../../../src/sim/describe.ts';
import { renderBriefing } from '../../../src/components/sims/briefing-markdown.ts';
import { nearestInDirection } from '../../../src/client/sims/sld-geometry.ts';

function start(id: string) {
  const found = contentScenario(id);
  return createInitialState(found.substation, found.scenario);
}

describe('deviceActions', () => {
  test('offers the opposite of a switch position first, then lock, tag, tests, grounds and inspect', () => {
    const labels = deviceActions(start('isolate-t1'), '52-T1L').map((choice) => choice.label);
    expect(labels[0]).toBe('Open 52-T1L');
    expect(labels).toContain('Lock 52-T1L');
    expect(labels).toContain('Test for voltage at 52-T1L bus side');
    expect(labels).toContain('Apply portable grounds on T1 13.8 kV terminals');
    expect(labels.at(-1)).toBe('Inspect 52-T1L');
  });

  test('offers to remove your own lock once it is on', () => {
    const sim = start('isolate-t1');
    const locked = step(sim, { type: 'lock', device: '52-H1' }).state;
    const labels = deviceActions(locked, '52-H1').map((choice) => choice.label);
    expect(labels).toContain('Remove your lock from 52-H1');
    expect(labels).not.toContain('Lock 52-H1');
  });

  test('offers only what the scenario allows: a walk-down never switches', () => {
    const choices = deviceActions(start('equipment-walkdown'), '52-BT');
    expect(choices.map((choice) => choice.action.type)).toEqual(['inspect']);
    expect(generalActions(start('equipment-walkdown'))).toEqual([]);
  });

  test('lists the work zones to hand over and the tester check as general actions', () => {
    const labels = generalActions(start('isolate-t1')).map((choice) => choice.label);
    expect(labels).toEqual([
      'Prove the voltage tester on a known live source',
      'Hand over to the crew: Transformer T1 and breaker 52-T1L',
    ]);
  });
});

describe('listPorts of one switch', () => {
  test('shows the rogue device on port 15 as a live link until the port is disabled', () => {
    const sim = start('rogue-device');
    expect(listPorts(sim, 'SW1').find((port) => port.number === 15)?.isLinkUp).toBe(true);
    const disabled = step(sim, { type: 'disable-port', switch: 'SW1', port: 15 }).state;
    expect(listPorts(disabled, 'SW1').find((port) => port.number === 15)).toMatchObject({
      isEnabled: false,
      isLinkUp: false,
    });
  });
});

describe('renderBriefing', () => {
  test('renders headings one level down, tables, lists and emphasis, and escapes markup', () => {
    const html = renderBriefing(
      '## Job\n\nOpen **52-BT** <now>.\n\n| Step | Action |\n| --- | --- |\n| 1 | Close |\n\n1. First\n2. Second',
    );
    expect(html).toContain('<h3>Job</h3>');
    expect(html).toContain('<strong>52-BT</strong> &lt;now&gt;.');
    expect(html).toContain('<th scope="col">Step</th>');
    expect(html).toContain('<td>Close</td>');
    expect(html).toContain('<ol><li>First</li><li>Second</li></ol>');
  });
});

describe('nearestInDirection', () => {
  const items = [
    { id: 'above', at: { x: 100, y: 50 } },
    { id: 'right', at: { x: 160, y: 105 } },
    { id: 'far-right', at: { x: 400, y: 100 } },
    { id: 'below-right', at: { x: 140, y: 200 } },
  ];
  test.each([
    ['up', 'above'],
    ['right', 'right'],
    ['down', 'below-right'],
    ['left', null],
  ] as const)('moving %s from the centre lands on %s', (direction, expected) => {
    expect(nearestInDirection({ x: 100, y: 100 }, items, direction)).toBe(expected);
  });
});
