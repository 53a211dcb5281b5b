import { useState } from 'react';
import type { ExerciseStore } from '../../../client/exercises/exercise-store.ts';
import type { Inject } from '../../../sim/schema/inject.ts';
import { ROLE_LABELS } from '../../../sim/exercise/state.ts';
import { WORKING_ROLES } from '../../../sim/schema/exercise.ts';
import { useExercise } from '../use-exercise.ts';

/** Pause and resume, injects, a private message, notes and the end of the exercise. */
export function ConsoleControls({
  store,
  injects,
}: {
  store: ExerciseStore;
  injects: readonly Inject[];
}) {
  const exercise = useExercise(store, (s) => s.exercise);
  const refusal = useExercise(store, (s) => s.refusal);
  const send = useExercise(store, (s) => s.send);
  const [reason, setReason] = useState('');
  const [to, setTo] = useState<(typeof WORKING_ROLES)[number]>('authority');
  const [message, setMessage] = useState('');
  const [note, setNote] = useState('');
  const isOver = exercise.finishedAt !== null;
  const isPaused = exercise.pausedAt !== null;
  const joined = WORKING_ROLES.filter((r) => exercise.participants[r] !== undefined);
  return (
    <section aria-labelledby="console-controls-heading" className="console-controls">
      <h2 id="console-controls-heading">Controls</h2>
      <p role="status" className={refusal ? 'notice error' : 'visually-hidden'}>
        {refusal ? `Not done: ${refusal}` : ''}
      </p>
      {isOver ? <p className="notice">The exercise is over. Notes can still be added.</p> : null}
      {!isOver ? (
        <div className="exercise-composer">
          <h3>Pause for everyone</h3>
          {isPaused ? (
            <button type="button" onClick={() => void send({ kind: 'resume' })}>
              Resume the exercise
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const text = reason.trim();
                void send(text === '' ? { kind: 'pause' } : { kind: 'pause', text }).then((o) => {
                  if (o.ok) setReason('');
                });
              }}
            >
              <label htmlFor="pause-reason">Reason shown in every view (optional)</label>
              <input
                id="pause-reason"
                type="text"
                maxLength={300}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <button type="submit">Pause the exercise</button>
            </form>
          )}
        </div>
      ) : null}
      {!isOver ? (
        <div className="exercise-composer">
          <h3 id="inject-heading">Injects</h3>
          {injects.length === 0 ? <p className="muted">This scenario defines no injects.</p> : null}
          <ul className="console-injects" aria-labelledby="inject-heading">
            {injects.map((inject) => {
              const done = exercise.injects.some((i) => i.id === inject.id);
              return (
                <li key={inject.id}>
                  <button
                    type="button"
                    disabled={done}
                    aria-describedby={`inject-${inject.id}`}
                    onClick={() => void send({ kind: 'inject', inject: inject.id })}
                  >
                    {done ? `Injected: ${inject.label}` : `Inject: ${inject.label}`}
                  </button>
                  <p id={`inject-${inject.id}`} className="muted small">
                    Expect: {inject.expect}
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {!isOver && joined.length > 0 ? (
        <form
          className="exercise-composer"
          onSubmit={(e) => {
            e.preventDefault();
            if (message.trim() === '') return;
            void send({ kind: 'message', to, text: message.trim() }).then((o) => {
              if (o.ok) setMessage('');
            });
          }}
        >
          <h3>Private message</h3>
          <label htmlFor="message-to">To</label>
          <select
            id="message-to"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value as typeof to)}
          >
            {joined.map((r) => (
              <option key={r} value={r}>
                {exercise.participants[r]?.name}, {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <label htmlFor="message-text">Message (only they see it)</label>
          <input
            id="message-text"
            type="text"
            maxLength={1000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <button type="submit">Send privately</button>
        </form>
      ) : null}
      <form
        className="exercise-composer"
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim() === '') return;
          void send({ kind: 'note', text: note.trim() }).then((o) => {
            if (o.ok) setNote('');
          });
        }}
      >
        <h3>Instructor note</h3>
        <label htmlFor="note-text">
          Note for the after-action review (participants do not see it live)
        </label>
        <textarea
          id="note-text"
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <button type="submit">Add the note</button>
      </form>
      {!isOver ? (
        <p>
          <button type="button" className="secondary" onClick={() => void send({ kind: 'end' })}>
            End the exercise and score it
          </button>
        </p>
      ) : null}
    </section>
  );
}
