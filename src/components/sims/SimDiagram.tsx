import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createAttemptStore } from '../../client/sims/attempt-store.ts';
import { connectAttemptUpload } from '../../client/sims/attempt-upload.ts';
import { readSimPageData } from '../../client/sims/page-data.ts';
import { ActionPanel } from './ActionPanel.tsx';
import { EventLog } from './EventLog.tsx';
import { NetworkDiagram } from './NetworkDiagram.tsx';
import { ResultPanel } from './ResultPanel.tsx';
import { SingleLineDiagram } from './SingleLineDiagram.tsx';
import { StepPanel } from './StepPanel.tsx';
import { useAttempt } from './use-attempt.ts';
import { useHazardEffects } from './use-hazard-effects.ts';

/** The accessible 2D mode: the single-line and network diagrams, operable by keyboard alone. */
export default function SimDiagram({ dataId }: { dataId: string }) {
  const data = useMemo(() => readSimPageData(dataId), [dataId]);
  const store = useMemo(() => (data ? createAttemptStore(data) : null), [data]);
  useEffect(
    () => (data && store ? connectAttemptUpload(store, data.scenario.id) : undefined),
    [data, store],
  );
  if (!data || !store)
    return <p className="notice error">The simulation data is missing from this page.</p>;
  return <SimDiagramView store={store} />;
}

/**
 * The 2D diagrams and panels for any attempt store; `panels` replaces the result panel, and
 * `asScada` draws the single-line diagram as the control room's SCADA display shows it.
 */
export function SimDiagramView({
  store,
  panels,
  asScada = false,
}: {
  store: ReturnType<typeof createAttemptStore>;
  panels?: ReactNode;
  asScada?: boolean;
}) {
  const sim = useAttempt(store, (s) => s.sim);
  const selected = useAttempt(store, (s) => s.selected);
  const select = useAttempt(store, (s) => s.select);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; serial: number } | null>(null);
  const [flash, setFlash] = useState<{ kind: string; serial: number } | null>(null);
  const [isMuted, setMuted] = useState(false);
  const onHazard = useCallback(
    (kind: string) => setFlash((f) => ({ kind, serial: (f?.serial ?? 0) + 1 })),
    [],
  );
  const mute = useHazardEffects(store, onHazard);
  useEffect(() => mute(isMuted), [isMuted, mute]);
  const activate = (id: string) => {
    select(id);
    requestAnimationFrame(() => panelHeading.current?.focus());
  };
  const backToDiagram = () => {
    if (selected !== null) setFocusRequest((r) => ({ id: selected, serial: (r?.serial ?? 0) + 1 }));
  };
  const hasNetwork =
    sim.model.allowedActions.has('inspect-port') ||
    sim.model.devices.some((d) => d.type === 'unknown-device');
  return (
    <div className="sim-2d">
      <div className="sim-2d-diagrams">
        {flash ? (
          <div className={`sim-flash flash-${flash.kind}`} key={flash.serial} aria-hidden="true" />
        ) : null}
        <p id="sim-2d-help" className="muted">
          Tab to the diagram, then use the arrow keys to move between equipment, or type an id such
          as 52-T1L to jump to it. Enter opens its actions; Escape in the actions returns to the
          diagram. Lines: solid red live, grey dead, dashed green earthed. L marks your lock, T your
          tag, PG portable grounds.
        </p>
        <SingleLineDiagram
          sim={sim}
          selected={selected}
          onActivate={activate}
          focusRequest={focusRequest}
          asScada={asScada}
        />
        {hasNetwork ? (
          <NetworkDiagram
            sim={sim}
            selected={selected}
            onActivate={activate}
            focusRequest={focusRequest}
          />
        ) : null}
        <label className="sim-mute">
          <input
            type="checkbox"
            checked={isMuted}
            onChange={(event) => setMuted(event.currentTarget.checked)}
          />{' '}
          Mute hazard sounds
        </label>
      </div>
      <div className="sim-2d-panels">
        <ActionPanel
          store={store}
          headingRef={panelHeading}
          onEscape={backToDiagram}
          asScada={asScada}
        />
        <StepPanel store={store} />
        <EventLog store={store} />
        {panels ?? <ResultPanel store={store} />}
      </div>
    </div>
  );
}
