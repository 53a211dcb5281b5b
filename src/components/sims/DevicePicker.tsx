import { listDevices } from '../../sim/describe.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { useAttempt } from './use-attempt.ts';

/** Every piece of equipment by bay, with its state: selecting one is the keyboard way to point at it. */
export function DevicePicker({
  store,
  onPick,
  id = 'sim-device-picker',
}: {
  store: AttemptStore;
  /** Called after a choice, e.g. to turn the camera towards it. */
  onPick?: (deviceId: string) => void;
  id?: string;
}) {
  const sim = useAttempt(store, (s) => s.sim);
  const selected = useAttempt(store, (s) => s.selected);
  const select = useAttempt(store, (s) => s.select);
  const bays = new Map<string, ReturnType<typeof listDevices>>();
  for (const view of listDevices(sim)) bays.set(view.bay, [...(bays.get(view.bay) ?? []), view]);
  return (
    <div className="field sim-picker">
      <label htmlFor={id}>Equipment</label>
      <select
        id={id}
        value={selected ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          select(value === '' ? null : value);
          if (value !== '') onPick?.(value);
        }}
      >
        <option value="">Choose equipment…</option>
        {[...bays].map(([bay, views]) => (
          <optgroup key={bay} label={bay}>
            {views.map((view) => (
              <option key={view.id} value={view.id} data-device={view.id}>
                {view.accessibleName}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
