import { afterAll, describe, expect, test } from 'vitest';
import { closeLabGrading, gradeLabQuery } from '../../../src/lib/server/labs/grade.ts';

// Hostile and runaway queries against the real SCADA week (40,000 rows): each must come back as a
// clean error within 3 s while the server's own event loop keeps running.
const check = {
  reference:
    "SELECT feeder, MAX(mw) AS peak_mw FROM scada_analogs WHERE quality = 'good' GROUP BY feeder",
  rowOrder: 'any',
  columns: 'names',
  tolerance: 1e-6,
} as const;
const grade = (query: string) => gradeLabQuery({ datasets: ['scada-week'], check, query });

afterAll(() => closeLabGrading());

/** Runs a task and reports the longest pause of the event loop meanwhile. */
async function withLoopWatch<T>(
  task: () => Promise<T>,
): Promise<{ value: T; longestPauseMs: number; elapsedMs: number }> {
  let last = performance.now();
  let longestPauseMs = 0;
  const watch = setInterval(() => {
    const now = performance.now();
    longestPauseMs = Math.max(longestPauseMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const value = await task();
    return { value, longestPauseMs, elapsedMs: performance.now() - started };
  } finally {
    clearInterval(watch);
  }
}

describe('gradeLabQuery against hostile SQL', () => {
  test('grades a correct query first (the runner is warm)', async () => {
    const result = await grade(check.reference);
    expect(result.ok && result.passed).toBe(true);
  });

  test.each([
    [
      'ATTACH of the server database',
      "ATTACH DATABASE 'data/switchyard.db' AS stolen",
      /ATTACH is not allowed/,
    ],
    ['ATTACH after a first statement', "SELECT 1; ATTACH 'x.db' AS y", /one statement at a time/],
    [
      'load_extension',
      "SELECT load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so.0')",
      /load_extension\(\) is not a function a lab query may use/,
    ],
    ['a PRAGMA write', 'PRAGMA query_only = 0', /PRAGMA is not allowed/],
    ['writable_schema', 'PRAGMA writable_schema = ON', /PRAGMA is not allowed/],
    [
      'a pragma function outside the schema ones',
      'SELECT * FROM pragma_database_list',
      /not allowed/,
    ],
    ['a DELETE', 'DELETE FROM scada_analogs', /read-only/],
    [
      'an INSERT behind a WITH',
      'WITH f AS (SELECT 1) INSERT INTO feeders SELECT * FROM feeders',
      /read-only/,
    ],
    ['a temporary table', 'CREATE TEMP TABLE t AS SELECT * FROM feeders', /read-only/],
    [
      'an endless recursive CTE',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n',
      /longer than 2 s/,
    ],
    [
      'an endless recursive CTE returning rows',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n',
      /more than 10,000 rows/,
    ],
    [
      'a billion-row cross join',
      'SELECT count(*) FROM scada_analogs a CROSS JOIN scada_analogs b',
      /longer than 2 s/,
    ],
    [
      'a cross join returning rows',
      'SELECT * FROM scada_analogs a, scada_analogs b',
      /more than 10,000 rows/,
    ],
    [
      'a 100 MB string from printf',
      "SELECT printf('%.*c', 100000000, 'x') AS big",
      /more memory|larger than/,
    ],
    [
      'a 100 MB blob from zeroblob',
      'SELECT zeroblob(100000000) AS big',
      /zeroblob\(\) is not a function/,
    ],
    [
      'a 100 MB blob from randomblob',
      'SELECT randomblob(100000000) AS big',
      /randomblob\(\) is not a function/,
    ],
    [
      'a 100 MB hex string',
      'SELECT hex(randomblob(50000000)) AS big',
      /randomblob\(\) is not a function/,
    ],
    [
      'a string doubling without end',
      "WITH RECURSIVE s(x) AS (SELECT 'x' UNION ALL SELECT x || x FROM s) SELECT length(x) FROM s",
      /more memory|longer than/,
    ],
    [
      'a group_concat over a cross join',
      'SELECT length(group_concat(a.ts)) FROM scada_analogs a, scada_analogs b',
      /more memory|longer than/,
    ],
    [
      'long strings adding up to 900 MB',
      "SELECT printf('%.*c', 100000, 'x') AS pad FROM scada_analogs LIMIT 9000",
      // The runner runs out of memory first, or on a busy machine out of time: both are clean.
      /more memory|larger than|longer than/,
    ],
    [
      'a result too large to send',
      "SELECT a.*, printf('%.*c', 2000, 'x') AS pad FROM scada_analogs a LIMIT 5000",
      /larger than 4 MB/,
    ],
  ])(
    '%s gets a clean error within 3 s and the server keeps running',
    async (_name, query, message) => {
      // Start from a warm runner: the previous case may have had its runner killed and replaced.
      expect((await grade(check.reference)).ok).toBe(true);
      const { value, longestPauseMs, elapsedMs } = await withLoopWatch(() => grade(query));
      expect(value.ok).toBe(false);
      if (value.ok) return;
      expect(value.error).toMatch(message);
      expect([408, 413, 422]).toContain(value.status);
      expect(elapsedMs).toBeLessThan(3000);
      // A query run on the server thread would pause it for the whole 2 s.
      expect(longestPauseMs).toBeLessThan(500);
    },
  );

  test('leaves the data unchanged and grades correct queries again afterwards', async () => {
    const counted = await gradeLabQuery({
      datasets: ['scada-week'],
      check: { ...check, reference: 'SELECT COUNT(*) AS n FROM scada_analogs' },
      query: 'SELECT COUNT(*) AS n FROM scada_analogs',
    });
    expect(counted).toMatchObject({ ok: true, passed: true, rows: [[40226]] });
    const result = await grade(check.reference);
    expect(result.ok && result.passed).toBe(true);
  });
});
