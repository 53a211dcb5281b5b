import { useState } from 'react';
import type { Finding } from '../../sim/schema/action.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { listPorts } from '../../sim/describe.ts';
import { FINDING_LABELS, portActions } from '../../client/sims/actions.ts';
import { useAttempt } from './use-attempt.ts';

/** A station switch's ports with their link state, port actions and the report form. */
export function PortTable({ store, switchId }: { store: AttemptStore; switchId: string }) {
  const sim = useAttempt(store, (s) => s.sim);
  const isRunning = useAttempt(store, (s) => s.phase === 'running');
  const act = useAttempt(store, (s) => s.act);
  const ports = listPorts(sim, switchId);
  const [port, setPort] = useState('');
  const [category, setCategory] = useState<Finding['category'] | ''>('');
  const [note, setNote] = useState('');
  const canReport = sim.model.allowedActions.has('report');
  return (
    <div className="sim-ports">
      <table>
        <caption>Ports of {switchId}</caption>
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">Label</th>
            <th scope="col">Link</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {ports.map((view) => (
            <tr key={view.number} data-port={view.number}>
              <th scope="row">{view.number}</th>
              <td>{view.label}</td>
              <td>{view.isLinkUp ? 'up' : view.isEnabled ? 'no link' : 'disabled'}</td>
              <td>
                {portActions(sim, switchId, view).map((choice) => (
                  <button
                    key={choice.key}
                    type="button"
                    className="secondary small"
                    disabled={!isRunning}
                    onClick={() => void act(choice.action)}
                  >
                    {choice.label}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canReport ? (
        <form
          className="sim-report"
          onSubmit={(event) => {
            event.preventDefault();
            if (port === '' || category === '') return;
            const finding: Finding = { switch: switchId, port: Number(port), category };
            if (note.trim() !== '') finding.note = note.trim().slice(0, 500);
            void act({ type: 'report', finding });
          }}
        >
          <fieldset>
            <legend>Report a finding on {switchId}</legend>
            <label htmlFor="sim-report-port">Port</label>
            <select
              id="sim-report-port"
              value={port}
              onChange={(event) => setPort(event.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {ports.map((view) => (
                <option key={view.number} value={view.number}>
                  {view.number}: {view.label}
                </option>
              ))}
            </select>
            <label htmlFor="sim-report-category">Finding</label>
            <select
              id="sim-report-category"
              value={category}
              onChange={(event) =>
                setCategory(event.currentTarget.value as Finding['category'] | '')
              }
            >
              <option value="">Choose…</option>
              {Object.entries(FINDING_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <label htmlFor="sim-report-note">Note for the incident record (optional)</label>
            <textarea
              id="sim-report-note"
              rows={2}
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <button type="submit" disabled={!isRunning || port === '' || category === ''}>
              File the report
            </button>
          </fieldset>
        </form>
      ) : null}
    </div>
  );
}
