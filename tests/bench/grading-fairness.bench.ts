// Fair lab grading: while one learner floods 12 CPU-heavy gradings (an endless recursive query
// each), another learner's simple query is graded (target: under 5 s). Three rounds.
// Run: npm run bench -- grading-fairness
import { closeLabGrading, gradeLabQuery } from '../../src/lib/server/labs/grade.ts';

const check = {
  reference:
    "SELECT feeder, MAX(mw) AS peak_mw FROM scada_analogs WHERE quality = 'good' GROUP BY feeder",
  rowOrder: 'any',
  columns: 'names',
  tolerance: 1e-6,
} as const;
const HEAVY =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n';

try {
  await Promise.all(
    [1, 2, 3, 4].map(() => gradeLabQuery({ datasets: ['scada-week'], check, query: 'SELECT 1' })),
  );
  for (let round = 1; round <= 3; round++) {
    const flood = Array.from({ length: 12 }, () =>
      gradeLabQuery({ datasets: ['scada-week'], check, query: HEAVY }, { learnerId: 'flooding' }),
    );
    const started = performance.now();
    const other = await gradeLabQuery(
      { datasets: ['scada-week'], check, query: check.reference },
      { learnerId: 'patient' },
    );
    const elapsed = performance.now() - started;
    const results = await Promise.all(flood);
    const statuses = results.map((r) => (r.ok ? 200 : r.status));
    const count = (status: number) => statuses.filter((s) => s === status).length;
    console.log(
      `round ${round}: other learner graded in ${elapsed.toFixed(0)} ms (passed: ${other.ok && other.passed}); flood: ${count(408)}x408 ${count(429)}x429 ${count(503)}x503 (target < 5000 ms)`,
    );
  }
} finally {
  closeLabGrading();
}
