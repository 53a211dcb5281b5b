import { useState } from 'react';

/** Hints for the lab, revealed one at a time by the learner. */
export default function LabHints({ hints }: { hints: string[] }) {
  const [revealed, setRevealed] = useState(0);
  if (hints.length === 0) return null;
  const left = hints.length - revealed;
  return (
    <section className="lab-hints" aria-labelledby="lab-hints-heading">
      <h3 id="lab-hints-heading">Hints</h3>
      <ol aria-live="polite" data-testid="lab-hints">
        {hints.slice(0, revealed).map((hint, index) => (
          <li key={index}>{hint}</li>
        ))}
      </ol>
      {left > 0 ? (
        <button type="button" className="secondary" onClick={() => setRevealed(revealed + 1)}>
          {revealed === 0 ? 'Show a hint' : 'Show the next hint'} ({left} of {hints.length} left)
        </button>
      ) : (
        <p className="muted">That was the last hint.</p>
      )}
    </section>
  );
}
