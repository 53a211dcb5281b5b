import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { SingleLineDiagram } from '../../../src/components/sims/SingleLineDiagram.tsx';
import { deviceActions } from '../../../src/client/sims/actions.ts';
import { describeDevice, deviceView, TELEMETRY_LOST_TEXT } from '../../../src/sim/describe.ts';
import { applyFault, createInitialState, step, type SimState } from '../../../src/sim/index.ts';
import { scenarioPair } from '../sim/fixtures.ts';

const isolation = scenarioPair('joint-isolate-t1');
const BAY = ['52-H1', '89-T1H', '57-T1H', '52-T1L', '89-T1L', '57-T1L'];

function inject(state: SimState, id: string): SimState {
  const found = isolation.scenario.injects.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no inject ${id}`);
  return applyFault(state, found.fault, id).state;
}

/** The state shown for one device on the single-line diagram (its accessible name). */
function diagramLabel(sim: SimState, device: string, asScada: boolean): string {
  const html = renderToStaticMarkup(
    createElement(SingleLineDiagram, { sim, selected: null, onActivate: () => {}, asScada }),
  );
  const match = new RegExp(`aria-label="([^"]*)"[^>]*data-device="${device}"`).exec(html);
  if (match === null) throw new Error(`${device} is not on the diagram`);
  return match[1]!;
}

const healthy = step(createInitialState(isolation.substation, isolation.scenario), {
  type: 'operate',
  device: '52-BT',
  position: 'closed',
}).state;
const lost = inject(healthy, 'telemetry-lost');
// The field operator trips 52-T1L at the breaker while SCADA is blind.
const trippedBlind = step(lost, {
  type: 'operate',
  device: '52-T1L',
  position: 'open',
  local: true,
}).state;
const restored = inject(trippedBlind, 'telemetry-restored');

describe('SCADA views of a bay whose telemetry is lost', () => {
  test('SCADA shows every device of the bay as unknown; the yard shows the real position', () => {
    for (const id of BAY) {
      const scada = deviceView(lost, id, { asScada: true })!;
      expect(scada.isTelemetryLost).toBe(true);
      expect(scada.position).toBeNull();
      expect(scada.energization).toBeNull();
      expect(scada.accessibleName).toContain(TELEMETRY_LOST_TEXT);
      expect(deviceView(lost, id)!.isTelemetryLost).toBe(false);
    }
    expect(deviceView(lost, '52-T1L')!.position).toBe('closed');
    expect(deviceView(lost, '52-BT', { asScada: true })!.position).toBe('closed');
  });

  test('the control-room diagram labels the bay unknown, not the true state, until telemetry returns', () => {
    expect(diagramLabel(trippedBlind, '52-T1L', true)).toBe(
      `52-T1L, T1 13.8 kV main breaker: ${TELEMETRY_LOST_TEXT}`,
    );
    expect(diagramLabel(trippedBlind, '52-T1L', false)).toMatch(/: open, /);
    const html = renderToStaticMarkup(
      createElement(SingleLineDiagram, {
        sim: trippedBlind,
        selected: null,
        onActivate: () => {},
        asScada: true,
      }),
    );
    const notice = /SCADA telemetry lost for ([^(]+) \(marked \?\): their states are unknown/.exec(
      html,
    );
    expect(notice?.[1]?.split(', ').sort()).toEqual([...BAY].sort());
    expect(diagramLabel(restored, '52-T1L', true)).toMatch(
      /^52-T1L, T1 13.8 kV main breaker: open/,
    );
    expect(
      renderToStaticMarkup(
        createElement(SingleLineDiagram, {
          sim: restored,
          selected: null,
          onActivate: () => {},
          asScada: true,
        }),
      ),
    ).not.toContain('SCADA telemetry lost');
  });

  test('the control room’s action panel gives the position away neither in words nor in buttons', () => {
    const operations = (asScada: boolean) =>
      deviceActions(trippedBlind, '52-T1L', { asScada })
        .filter((choice) => choice.action.type === 'operate')
        .map((choice) => choice.label);
    expect(operations(true)).toEqual(['Open 52-T1L', 'Close 52-T1L']);
    expect(operations(false)).toEqual(['Close 52-T1L']);
    const scada = describeDevice(trippedBlind, '52-T1L', { asScada: true })!;
    expect(scada).toContain('SCADA has lost its telemetry');
    expect(scada).not.toContain('It is open');
    expect(describeDevice(trippedBlind, '52-T1L')).toContain('It is open');
    expect(deviceActions(restored, '52-T1L', { asScada: true }).map((c) => c.label)).toContain(
      'Close 52-T1L',
    );
    expect(deviceActions(restored, '52-T1L', { asScada: true }).map((c) => c.label)).not.toContain(
      'Open 52-T1L',
    );
  });

  test('restoring telemetry gives SCADA back its view and its control of the bay', () => {
    expect(restored.faults.telemetryLost).toEqual([]);
    expect(restored.faults.lastKnown).toEqual({});
    const remote = step(restored, { type: 'operate', device: '52-H1', position: 'open' });
    expect(remote.events.map((e) => e.code)).not.toContain('scada-control-lost');
    expect(remote.state.positions['52-H1']).toBe('open');
  });
});
