import { useState } from 'react';
import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import { PROTOCOL } from '../../sim/exercise/protocol.ts';
import { ROLE_LABELS } from '../../sim/exercise/state.ts';
import { ExerciseResult } from './ExerciseResult.tsx';
import { InstructionComposer } from './InstructionComposer.tsx';
import { InstructionItem } from './InstructionItem.tsx';
import { InstructorNotices } from './InstructorNotices.tsx';
import { PresenceList } from './PresenceList.tsx';
import { useExercise } from './use-exercise.ts';

/** The communications panel: who is here, open instructions, composers and the shared log. */
export function CommsPanel({ store }: { store: ExerciseStore }) {
  const exercise = useExercise(store, (s) => s.exercise);
  const role = useExercise(store, (s) => s.me.role);
  const refusal = useExercise(store, (s) => s.refusal);
  const send = useExercise(store, (s) => s.send);
  const [burst, setBurst] = useState('');
  const [severity, setSeverity] = useState<'alarm' | 'warning' | 'info'>('warning');
  const isOver = exercise.finishedAt !== null;
  const instructions = Object.values(exercise.instructions).filter(
    (i) => i.status !== 'acknowledged' && (role === 'observer' || i.to === role || i.from === role),
  );
  return (
    <section className="exercise-comms" aria-labelledby="comms-heading">
      <h2 id="comms-heading">Communications</h2>
      <InstructorNotices store={store} />
      <PresenceList store={store} />
      <p role="status" className={refusal ? 'notice error' : 'visually-hidden'}>
        {refusal ? `Not sent: ${refusal}` : ''}
      </p>
      {!isOver && PROTOCOL.issuers.includes(role) ? <InstructionComposer store={store} /> : null}
      <h3 id="open-heading">Open instructions</h3>
      {instructions.length === 0 ? (
        <p className="muted">No open instructions.</p>
      ) : (
        <ol className="exercise-instructions" aria-labelledby="open-heading">
          {instructions.map((i) => (
            <InstructionItem key={i.seq} store={store} instruction={i} />
          ))}
        </ol>
      )}
      {!isOver ? (
        <form
          className="exercise-composer"
          aria-labelledby="burst-heading"
          onSubmit={(e) => {
            e.preventDefault();
            if (burst.trim() === '') return;
            void send({ kind: 'burst', severity, text: burst.trim() }).then((o) => {
              if (o.ok) setBurst('');
            });
          }}
        >
          <h3 id="burst-heading">Burst message to everyone</h3>
          <label htmlFor="burst-severity">Kind</label>
          <select
            id="burst-severity"
            value={severity}
            onChange={(e) => setSeverity(e.currentTarget.value as typeof severity)}
          >
            <option value="alarm">Alarm</option>
            <option value="warning">Warning</option>
            <option value="info">Information</option>
          </select>
          <label htmlFor="burst-text">Message</label>
          <input
            id="burst-text"
            type="text"
            maxLength={500}
            value={burst}
            onChange={(e) => setBurst(e.currentTarget.value)}
          />
          <button type="submit">Send to everyone</button>
        </form>
      ) : null}
      {!isOver && PROTOCOL.finishers.includes(role) ? (
        <p>
          <button type="button" className="secondary" onClick={() => void send({ kind: 'finish' })}>
            Close the exercise and score it
          </button>
        </p>
      ) : null}
      <ExerciseResult store={store} />
      <h3 id="log-heading">Log</h3>
      <ol className="exercise-log" aria-labelledby="log-heading" aria-live="polite" tabIndex={0}>
        {exercise.timeline.map((item) => (
          <li key={item.seq} className={item.severity ? `burst-${item.severity}` : undefined}>
            <span className="muted small">
              {new Date(item.at).toISOString().slice(11, 16)} · {ROLE_LABELS[item.role]}:
            </span>{' '}
            {item.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
