import { useState, type Ref } from 'react';
import { describeDevice, deviceView } from '../../sim/describe.ts';
import type { SimAction } from '../../sim/schema/action.ts';
import type { DeviceType } from '../../sim/schema/device.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import {
  deviceActions,
  generalActions,
  identifyChoices,
  type ActionChoice,
} from '../../client/sims/actions.ts';
import { PortTable } from './PortTable.tsx';
import { useAttempt } from './use-attempt.ts';

/** What the learner can do to the selected device, and the actions that need no device. */
export function ActionPanel({
  store,
  headingRef,
  onEscape,
  asScada = false,
}: {
  store: AttemptStore;
  /** The control room's SCADA view: a telemetry-lost device's state is not shown. */
  asScada?: boolean;
  /** Lets the 2D diagram move focus here when a device is chosen. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Escape inside the panel (the 2D diagram returns focus to the device). */
  onEscape?: () => void;
}) {
  const sim = useAttempt(store, (s) => s.sim);
  const selected = useAttempt(store, (s) => s.selected);
  const isRunning = useAttempt(store, (s) => s.phase === 'running');
  const act = useAttempt(store, (s) => s.act);
  const [answer, setAnswer] = useState('');
  const view = selected === null ? null : deviceView(sim, selected, { asScada });
  const run = (action: SimAction) => void act(action);
  const button = (choice: ActionChoice) => (
    <li key={choice.key}>
      <button
        type="button"
        disabled={!isRunning}
        className={choice.isPrimary ? undefined : 'secondary'}
        onClick={() => run(choice.action)}
      >
        {choice.label}
      </button>
    </li>
  );
  const general = generalActions(sim);
  const canIdentify = sim.model.allowedActions.has('identify');
  return (
    <section
      className="sim-actions"
      aria-labelledby="sim-actions-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onEscape) {
          event.preventDefault();
          onEscape();
        }
      }}
    >
      <h2 id="sim-actions-heading" ref={headingRef} tabIndex={-1}>
        {view ? view.id : 'Nothing selected'}
      </h2>
      {view ? (
        <>
          <p className="sim-device-state" data-testid="selected-device">
            {view.accessibleName}
          </p>
          <details>
            <summary>About this equipment</summary>
            <p>{describeDevice(sim, view.id, { asScada })}</p>
          </details>
          <ul className="sim-action-list" aria-label={`Actions on ${view.id}`}>
            {deviceActions(sim, view.id, { asScada }).map(button)}
          </ul>
          {canIdentify ? (
            <form
              className="sim-identify"
              onSubmit={(event) => {
                event.preventDefault();
                if (answer !== '')
                  run({ type: 'identify', device: view.id, answer: answer as DeviceType });
              }}
            >
              <label htmlFor="sim-identify-answer">This equipment is a…</label>
              <select
                id="sim-identify-answer"
                value={answer}
                onChange={(event) => setAnswer(event.currentTarget.value)}
              >
                <option value="">Choose…</option>
                {identifyChoices().map((choice) => (
                  <option key={choice.type} value={choice.type}>
                    {choice.label}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!isRunning || answer === ''}>
                Identify {view.id}
              </button>
            </form>
          ) : null}
          {view.type === 'station-switch' ? <PortTable store={store} switchId={view.id} /> : null}
        </>
      ) : (
        <p>Select equipment in the view or in the list to see what you can do.</p>
      )}
      {general.length > 0 ? (
        <>
          <h3>General</h3>
          <ul className="sim-action-list" aria-label="General actions">
            {general.map(button)}
          </ul>
        </>
      ) : null}
    </section>
  );
}
