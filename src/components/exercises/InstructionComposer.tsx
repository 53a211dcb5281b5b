import { useState } from 'react';
import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import { ROLE_LABELS } from '../../sim/exercise/state.ts';
import { StepFields, type StepDraft } from './StepFields.tsx';
import { currentTime, parseTargets, useExercise } from './use-exercise.ts';

type Receiver = 'field' | 'analyst';

/** The switching authority's composer: pick a step of the order (or write one), then issue it. */
export function InstructionComposer({ store }: { store: ExerciseStore }) {
  const exercise = useExercise(store, (s) => s.exercise);
  const send = useExercise(store, (s) => s.send);
  const order = (exercise.sim.model.scenario.exercise?.order ?? []).filter(
    (step) => step.role !== 'authority',
  );
  const receivers = (['field', 'analyst'] as const).filter(
    (role) => exercise.participants[role] !== undefined,
  );
  const [to, setTo] = useState<Receiver>('field');
  const [draft, setDraft] = useState<StepDraft>({ operation: 'open', targets: '', time: '' });
  const [text, setText] = useState('');
  const pick = (index: string) => {
    const step = order[Number(index)];
    if (step === undefined) return;
    setTo(step.role === 'analyst' ? 'analyst' : 'field');
    setDraft({ operation: step.operation, targets: step.targets.join(', '), time: currentTime() });
  };
  return (
    <form
      className="exercise-composer"
      aria-labelledby="instruction-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void send({
          kind: 'instruction',
          to,
          operation: draft.operation,
          targets: parseTargets(draft.targets),
          time: draft.time.trim(),
          ...(text.trim() ? { text: text.trim() } : {}),
        }).then((outcome) => {
          if (outcome.ok) setText('');
        });
      }}
    >
      <h3 id="instruction-heading">Issue an Operating Instruction</h3>
      <label htmlFor="instruction-step">Step of the order</label>
      <select id="instruction-step" defaultValue="" onChange={(e) => pick(e.currentTarget.value)}>
        <option value="">Choose a step to fill in the fields…</option>
        {order.map((step, index) => (
          <option key={step.step} value={index}>
            {exercise.sim.model.scenario.rubric.steps.find((s) => s.id === step.step)
              ?.instruction ?? step.step}
          </option>
        ))}
      </select>
      <label htmlFor="instruction-to">To</label>
      <select
        id="instruction-to"
        value={to}
        onChange={(e) => setTo(e.currentTarget.value as Receiver)}
      >
        {receivers.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      <StepFields idPrefix="instruction" draft={draft} onChange={setDraft} />
      <label htmlFor="instruction-text">Remarks (optional)</label>
      <input
        id="instruction-text"
        type="text"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit">Issue instruction</button>
    </form>
  );
}
