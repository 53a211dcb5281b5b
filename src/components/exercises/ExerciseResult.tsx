import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import { ROLE_LABELS } from '../../sim/exercise/state.ts';
import { useExercise } from './use-exercise.ts';

/** The server's verdict once the exercise is closed: team and each participant, with findings named. */
export function ExerciseResult({ store }: { store: ExerciseStore }) {
  const score = useExercise(store, (s) => s.score);
  if (score === null) return null;
  const { team, sim } = score;
  return (
    <section
      className="exercise-result"
      aria-labelledby="result-heading"
      data-testid="exercise-result"
    >
      <h3 id="result-heading">Result, verified by the server</h3>
      <p>
        Team: <strong>{team.passed ? 'passed' : 'not passed'}</strong>, {team.score} of{' '}
        {sim.maxScore} points (safety and steps {sim.score}, protocol −{team.protocolPoints},
        coordination −{team.coordinationPoints}).
      </p>
      {sim.criticalFailures.length > 0 ? (
        <p>Critical failures: {sim.criticalFailures.join(', ')}</p>
      ) : null}
      <ul>
        {score.participants.map((p) => (
          <li key={p.role} data-role={p.role}>
            {p.name}, {ROLE_LABELS[p.role]}: <strong>{p.passed ? 'passed' : 'not passed'}</strong>,{' '}
            {p.score} of {p.maxScore}
            {p.findings.length > 0 ? (
              <ul>
                {p.findings.map((f, i) => (
                  <li key={i}>
                    {f.message} (−{f.points}, {f.category}: {f.reason})
                  </li>
                ))}
              </ul>
            ) : (
              <span> · no protocol or coordination findings</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
