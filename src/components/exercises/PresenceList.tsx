import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import { ROLE_LABELS } from '../../sim/exercise/state.ts';
import type { ExerciseRole } from '../../sim/schema/exercise.ts';
import { useExercise } from './use-exercise.ts';

/** Who is in the exercise and whether they are connected; a dropped participant's steps wait. */
export function PresenceList({ store }: { store: ExerciseStore }) {
  const participants = useExercise(store, (s) => s.exercise.participants);
  const connected = useExercise(store, (s) => s.connected);
  const status = useExercise(store, (s) => s.status);
  const roles = Object.keys(participants) as ExerciseRole[];
  return (
    <>
      <p
        role="status"
        className={status === 'online' ? 'muted small' : 'notice'}
        data-testid="connection"
      >
        {status === 'online'
          ? 'Connected'
          : status === 'offline'
            ? 'Connection lost: reconnecting…'
            : 'Connecting…'}
      </p>
      <ul className="exercise-presence" aria-label="Participants">
        {roles.map((role) => {
          const isHere = connected.includes(role);
          return (
            <li key={role} data-role={role} data-connected={isHere}>
              {participants[role]?.name}, {ROLE_LABELS[role]}:{' '}
              {isHere
                ? 'connected'
                : `disconnected (steps that need the ${ROLE_LABELS[role]} wait)`}
            </li>
          );
        })}
      </ul>
    </>
  );
}
