import { useState } from 'react';
import { currentStep } from '../../sim/progress.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { useAttempt } from './use-attempt.ts';

/** The written order: the current step, what is done, and hints on request. */
export function StepPanel({ store }: { store: AttemptStore }) {
  const sim = useAttempt(store, (s) => s.sim);
  const [hintsShown, setHintsShown] = useState(0);
  const scenario = sim.model.scenario;
  const steps = scenario.rubric.steps;
  const current = currentStep(sim);
  const doneCount = steps.filter((step) => sim.progress[step.id]?.completedAt != null).length;
  const hints = [
    ...(current?.hints ?? []),
    ...scenario.hints.filter((h) => h.step === undefined).map((h) => h.text),
  ];
  return (
    <section className="sim-steps" aria-labelledby="sim-steps-heading">
      <h2 id="sim-steps-heading">
        {scenario.rubric.ordered ? 'Switching order' : 'Checklist'}{' '}
        <span className="muted">
          ({doneCount} of {steps.length} done)
        </span>
      </h2>
      {current ? (
        <p className="sim-current" data-testid="current-step">
          <strong>Step {current.index + 1}:</strong> {current.step.instruction}
        </p>
      ) : (
        <p className="sim-current" data-testid="current-step">
          <strong>Every step is done.</strong> Finish the attempt to have it verified.
        </p>
      )}
      <details>
        <summary>All steps</summary>
        <ol className="sim-step-list">
          {steps.map((step) => {
            const isDone = sim.progress[step.id]?.completedAt != null;
            return (
              <li key={step.id} className={isDone ? 'is-done' : undefined}>
                {step.instruction}
                {isDone ? <span className="visually-hidden"> (done)</span> : null}
              </li>
            );
          })}
        </ol>
      </details>
      <div className="sim-hints">
        {hints.slice(0, hintsShown).map((hint) => (
          <p key={hint} className="notice">
            {hint}
          </p>
        ))}
        {hintsShown < hints.length ? (
          <button type="button" className="secondary" onClick={() => setHintsShown(hintsShown + 1)}>
            Show a hint
          </button>
        ) : null}
      </div>
    </section>
  );
}
