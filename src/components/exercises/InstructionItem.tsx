import { useState } from 'react';
import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import { describeAction, describeStep } from '../../sim/exercise/apply.ts';
import type { InstructionRecord } from '../../sim/exercise/state.ts';
import { ROLE_LABELS } from '../../sim/exercise/state.ts';
import { StepFields, type StepDraft } from './StepFields.tsx';
import { parseTargets, useExercise } from './use-exercise.ts';

const STATUS_LABELS: Record<InstructionRecord['status'], string> = {
  issued: 'waiting for the repeat-back',
  repeated: 'repeated back, waiting for confirmation',
  confirmed: 'confirmed: carry it out, then report',
  reported: 'reported complete, waiting for acknowledgement',
  acknowledged: 'acknowledged',
};

const EMPTY: StepDraft = { operation: 'open', targets: '', time: '' };

/** One instruction and the controls this participant has on it at its current stage. */
export function InstructionItem({
  store,
  instruction,
}: {
  store: ExerciseStore;
  instruction: InstructionRecord;
}) {
  const role = useExercise(store, (s) => s.me.role);
  const send = useExercise(store, (s) => s.send);
  const [draft, setDraft] = useState<StepDraft>(EMPTY);
  const [isCorrecting, setCorrecting] = useState(false);
  const n = instruction.seq;
  const isReceiver = instruction.to === role;
  const isIssuer = instruction.from === role;
  const spoken = (kind: 'repeat-back' | 'correct') =>
    void send({
      kind,
      instruction: n,
      operation: draft.operation,
      targets: parseTargets(draft.targets),
      time: draft.time.trim(),
    }).then((outcome) => {
      if (outcome.ok) {
        setDraft(EMPTY);
        setCorrecting(false);
      }
    });
  return (
    <li className={`exercise-instruction status-${instruction.status}`} data-instruction={n}>
      <p>
        <strong>Instruction {n}</strong> to the {ROLE_LABELS[instruction.to]}:{' '}
        {describeStep(instruction)}
        {instruction.text ? `. ${instruction.text}` : ''}
      </p>
      <p className="muted small">Status: {STATUS_LABELS[instruction.status]}</p>
      {instruction.repeatBack ? <p>Repeat-back: {describeStep(instruction.repeatBack)}</p> : null}
      {isReceiver && instruction.status === 'issued' ? (
        <form
          className="exercise-composer"
          aria-label={`Repeat back instruction ${n}`}
          onSubmit={(e) => {
            e.preventDefault();
            spoken('repeat-back');
          }}
        >
          <StepFields idPrefix={`repeat-${n}`} draft={draft} onChange={setDraft} />
          <button type="submit">Repeat back instruction {n}</button>
        </form>
      ) : null}
      {isIssuer && instruction.status === 'repeated' && !isCorrecting ? (
        <p className="exercise-buttons">
          <button type="button" onClick={() => void send({ kind: 'confirm', instruction: n })}>
            Confirm instruction {n}
          </button>
          <button type="button" className="secondary" onClick={() => setCorrecting(true)}>
            Correct and reissue {n}
          </button>
        </p>
      ) : null}
      {isIssuer && isCorrecting ? (
        <form
          className="exercise-composer"
          aria-label={`Correct instruction ${n}`}
          onSubmit={(e) => {
            e.preventDefault();
            spoken('correct');
          }}
        >
          <StepFields idPrefix={`correct-${n}`} draft={draft} onChange={setDraft} />
          <button type="submit">Reissue instruction {n}</button>
        </form>
      ) : null}
      {isReceiver && instruction.status === 'confirmed' ? (
        <p className="exercise-buttons">
          {instruction.remaining.map((action) => (
            <button
              key={JSON.stringify(action)}
              type="button"
              onClick={() => void send({ kind: 'act', action })}
            >
              Carry out: {describeAction(action)}
            </button>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => void send({ kind: 'report', instruction: n })}
          >
            Report instruction {n} complete
          </button>
        </p>
      ) : null}
      {isIssuer && instruction.status === 'reported' ? (
        <p className="exercise-buttons">
          <button type="button" onClick={() => void send({ kind: 'acknowledge', instruction: n })}>
            Acknowledge report {n}
          </button>
        </p>
      ) : null}
    </li>
  );
}
