import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import { useExercise } from './use-exercise.ts';

/** The pause banner every participant sees, and the instructor's private messages to this one. */
export function InstructorNotices({ store }: { store: ExerciseStore }) {
  const pausedAt = useExercise(store, (s) => s.exercise.pausedAt);
  const pauseText = useExercise(store, (s) => s.exercise.pauseText);
  const messages = useExercise(store, (s) => s.exercise.messages);
  const role = useExercise(store, (s) => s.me.role);
  const mine = messages.filter((m) => m.to === role);
  return (
    <>
      <div role="status" aria-live="assertive">
        {pausedAt !== null ? (
          <p className="notice exercise-paused" data-testid="paused-banner">
            <strong>Paused by the instructor.</strong> {pauseText ?? ''} Nothing can be sent until
            the exercise is resumed.
          </p>
        ) : null}
      </div>
      {mine.length > 0 ? (
        <section aria-labelledby="private-heading" className="exercise-private">
          <h3 id="private-heading">From the instructor, to you only</h3>
          <ul aria-live="polite">
            {mine.map((m) => (
              <li key={m.seq}>
                <span className="muted small">{new Date(m.at).toISOString().slice(11, 16)}</span>{' '}
                {m.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
