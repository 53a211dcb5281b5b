import type { ExerciseStore } from '../../../client/exercises/exercise-store.ts';
import { ROLE_LABELS } from '../../../sim/exercise/state.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import { useExercise } from '../use-exercise.ts';

const MODE_LABELS = {
  scada: 'SCADA single-line diagram',
  '2d': '2D yard',
  '3d': '3D yard on a desktop',
  headset: 'headset (VR)',
} as const;

/** Each participant's connection, view and position (the device they have selected). */
export function ConsoleParticipants({ store }: { store: ExerciseStore }) {
  const participants = useExercise(store, (s) => s.exercise.participants);
  const connected = useExercise(store, (s) => s.connected);
  const views = useExercise(store, (s) => s.views);
  const status = useExercise(store, (s) => s.status);
  const roles = Object.keys(participants) as ExerciseRole[];
  return (
    <section aria-labelledby="console-people-heading">
      <h2 id="console-people-heading">Participants</h2>
      <p
        role="status"
        className={status === 'online' ? 'muted small' : 'notice'}
        data-testid="connection"
      >
        {status === 'online'
          ? 'Console connected'
          : status === 'offline'
            ? 'Connection lost: reconnecting…'
            : 'Connecting…'}
      </p>
      {roles.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <table className="console-people">
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Connection</th>
              <th scope="col">View</th>
              <th scope="col">Position</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => {
              const view = views[role];
              return (
                <tr key={role} data-role={role}>
                  <th scope="row">
                    {participants[role]?.name}, {ROLE_LABELS[role]}
                  </th>
                  <td>{connected.includes(role) ? 'connected' : 'disconnected'}</td>
                  <td>{view ? MODE_LABELS[view.mode] : 'not reported'}</td>
                  <td>{view?.selected ? `at ${view.selected}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
