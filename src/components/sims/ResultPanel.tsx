import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import { useAttempt } from './use-attempt.ts';

function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Finish and restart controls, the upload's progress and the verified result. */
export function ResultPanel({ store }: { store: AttemptStore }) {
  const phase = useAttempt(store, (s) => s.phase);
  const endReason = useAttempt(store, (s) => s.endReason);
  const submission = useAttempt(store, (s) => s.submission);
  const actionCount = useAttempt(store, (s) => s.log.length);
  const finish = useAttempt(store, (s) => s.finish);
  const restart = useAttempt(store, (s) => s.restart);
  return (
    <section className="sim-result" aria-labelledby="sim-result-heading">
      <h2 id="sim-result-heading">Your attempt</h2>
      {phase === 'running' ? (
        <p>
          <button type="button" onClick={() => void finish()} disabled={actionCount === 0}>
            Finish and submit
          </button>{' '}
          <span className="muted">{actionCount} actions so far.</span>
        </p>
      ) : null}
      {endReason === 'critical' ? (
        <p className="notice error">
          A critical failure ended the attempt. It is submitted as it stands.
        </p>
      ) : null}
      <div aria-live="polite" data-testid="sim-submission">
        {submission.kind === 'queued' || submission.kind === 'sending' ? (
          <p>Sending your attempt for verification…</p>
        ) : null}
        {submission.kind === 'waiting' ? (
          <p className="notice">
            {submission.isOffline ? 'You are offline.' : 'The server did not answer.'} Your attempt
            is saved on this device and will be sent automatically.
          </p>
        ) : null}
        {submission.kind === 'signed-out' ? (
          <p className="notice error">
            Your session has ended. Your attempt is saved on this device:{' '}
            <a href="/login">sign in again</a> and it will be sent.
          </p>
        ) : null}
        {submission.kind === 'refused' ? (
          <p className="notice error">
            The server could not verify this attempt: {submission.message}
          </p>
        ) : null}
        {submission.kind === 'verified' ? <VerifiedResult store={store} /> : null}
      </div>
      {phase === 'finished' ? (
        <p>
          <button type="button" className="secondary" onClick={restart}>
            Start a new attempt
          </button>
        </p>
      ) : null}
    </section>
  );
}

function VerifiedResult({ store }: { store: AttemptStore }) {
  const submission = useAttempt(store, (s) => s.submission);
  if (submission.kind !== 'verified') return null;
  const { attempt } = submission;
  const result = attempt.result;
  return (
    <div className="sim-verified" data-testid="sim-verified-result" data-passed={attempt.passed}>
      <p className={`sim-verdict ${attempt.passed ? 'is-passed' : 'is-failed'}`}>
        <strong>{attempt.passed ? 'Passed' : 'Not passed'}</strong>: {attempt.score} of{' '}
        {attempt.maxScore} points (pass mark {result.passScore}), in {minutes(attempt.durationMs)}.
        Verified by the server.
      </p>
      {result.criticalEvents.length > 0 ? (
        <>
          <h3>Critical events</h3>
          <ul>
            {result.criticalEvents.map((event) => (
              <li key={`${event.index}-${event.code}`}>
                <strong>{event.message}.</strong> {event.explanation}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Steps</h3>
      <table>
        <caption className="visually-hidden">Points per step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Result</th>
            <th scope="col">Points</th>
          </tr>
        </thead>
        <tbody>
          {result.feedback.map((step) => (
            <tr key={step.id}>
              <td>{step.instruction}</td>
              <td>
                {step.status === 'done'
                  ? 'done'
                  : step.status === 'out-of-order'
                    ? 'done out of order'
                    : 'missed'}
              </td>
              <td>
                {step.points} / {step.maxPoints}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.penalties.length > 0 || result.timePenalty > 0 ? (
        <>
          <h3>Deductions</h3>
          <ul>
            {result.penalties.map((penalty) => (
              <li key={penalty.code}>
                −{penalty.points}: {penalty.reason} ({penalty.count}×)
              </li>
            ))}
            {result.timePenalty > 0 ? <li>−{result.timePenalty}: over the target time</li> : null}
          </ul>
        </>
      ) : null}
      {result.conditions.some((c) => !c.met) ? (
        <>
          <h3>Not achieved at the end</h3>
          <ul>
            {result.conditions
              .filter((c) => !c.met)
              .map((c) => (
                <li key={c.description}>{c.description}</li>
              ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
