import { afterAll, describe, expect, test } from 'vitest';
import { closeLabGrading, gradeLabQuery } from '../../../src/lib/server/labs/grade.ts';
import { GradingPool } from '../../../src/lib/server/labs/grading-pool.ts';

const check = {
  reference:
    "SELECT feeder, MAX(mw) AS peak_mw FROM scada_analogs WHERE quality = 'good' GROUP BY feeder",
  rowOrder: 'any',
  columns: 'names',
  tolerance: 1e-6,
} as const;
const HEAVY =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n';

afterAll(() => closeLabGrading());

describe('fair lab grading', () => {
  test('one learner flooding 12 heavy gradings does not hold up another learner', async () => {
    // Warm the runners so that the measured query is not the one loading the data.
    await Promise.all(
      [1, 2, 3, 4].map(() => gradeLabQuery({ datasets: ['scada-week'], check, query: 'SELECT 1' })),
    );
    const flood = Array.from({ length: 12 }, () =>
      gradeLabQuery(
        { datasets: ['scada-week'], check, query: HEAVY },
        { learnerId: 'flooding-learner' },
      ),
    );
    const started = performance.now();
    const other = await gradeLabQuery(
      { datasets: ['scada-week'], check, query: check.reference },
      { learnerId: 'patient-learner' },
    );
    const elapsed = performance.now() - started;
    const results = await Promise.all(flood);
    expect(other).toMatchObject({ ok: true, passed: true });
    console.log(`other learner's query graded in ${Math.round(elapsed)} ms during the flood`);
    const refused = results.filter((r) => !r.ok && r.status === 429);
    expect(refused).toHaveLength(11);
    expect(refused[0]).toMatchObject({
      retryAfter: 2,
      error: /previous query is still being checked/,
    });
  });
});

describe('GradingPool', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('answers 503 with a retry time once the queue is full', async () => {
    const pool = new GradingPool(['runner'], 2);
    const busy = [1, 2, 3].map((n) => pool.run(`learner-${n}`, undefined, () => pause(50)));
    const refused = await pool.run('learner-4', undefined, () => pause(1));
    expect(refused).toMatchObject({ ok: false, status: 503, retryAfter: 5 });
    await Promise.all(busy);
  });

  test('a queued grading whose request is aborted never runs', async () => {
    const pool = new GradingPool(['runner']);
    let ran = false;
    const first = pool.run('a', undefined, () => pause(50));
    const controller = new AbortController();
    const second = pool.run('b', controller.signal, async () => {
      ran = true;
    });
    expect(pool.queued).toBe(1);
    controller.abort();
    expect(await second).toMatchObject({ ok: false, status: 499 });
    expect(pool.queued).toBe(0);
    await first;
    expect(ran).toBe(false);
  });
});
