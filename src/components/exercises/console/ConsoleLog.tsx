import { useMemo } from 'react';
import type { ExerciseStore } from '../../../client/exercises/exercise-store.ts';
import {
  MARK_KIND_LABELS,
  exerciseTimeline,
} from '../../../lib/shared/exercises/exercise-timeline.ts';
import { ROLE_LABELS } from '../../../sim/exercise/state.ts';
import { useExercise } from '../use-exercise.ts';

/** The communications log as it happens, with protocol breaches and hazards flagged. */
export function ConsoleLog({ store }: { store: ExerciseStore }) {
  const exercise = useExercise(store, (s) => s.exercise);
  const marks = useMemo(() => exerciseTimeline(exercise, { withNotes: true }), [exercise]);
  const breaches = marks.filter((m) => m.kind === 'breach').length;
  return (
    <section aria-labelledby="console-log-heading">
      <h2 id="console-log-heading">Communications log</h2>
      <p data-testid="breach-count">
        {breaches === 0
          ? 'No protocol breaches so far.'
          : `${breaches} protocol breach${breaches === 1 ? '' : 'es'} so far.`}
      </p>
      <ol className="exercise-log console-log" aria-labelledby="console-log-heading" tabIndex={0}>
        {marks.map((mark, i) => (
          <li key={i} className={`mark-${mark.kind}`} data-kind={mark.kind}>
            <span className="muted small">
              #{mark.seq} {new Date(mark.at).toISOString().slice(11, 19)} · {ROLE_LABELS[mark.role]}
            </span>{' '}
            <strong>{MARK_KIND_LABELS[mark.kind]}:</strong> {mark.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
