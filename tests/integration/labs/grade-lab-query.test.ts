import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LabCheck } from '../../../src/lib/content/lab.ts';
import { formatCsv } from '../../../src/lib/server/labs/csv.ts';
import type { DatasetSchema } from '../../../src/lib/server/labs/dataset-schema.ts';
import {
  closeLabGrading,
  configureLabGrading,
  gradeLabQuery,
} from '../../../src/lib/server/labs/grade.ts';

// A small dataset with known values, so every rule can be checked exactly.
const schema: DatasetSchema = {
  title: 'Daily feeder energy',
  description: 'Energy and peak demand per feeder per day, for grading tests.',
  tables: [
    {
      name: 'daily',
      description: 'One row per feeder per day.',
      columns: [
        { name: 'feeder', type: 'TEXT', unit: null, meaning: 'Feeder id.' },
        { name: 'day', type: 'TEXT', unit: null, meaning: 'Date, YYYY-MM-DD.' },
        { name: 'kwh', type: 'REAL', unit: 'kWh', meaning: 'Energy delivered that day.' },
        { name: 'peak_kw', type: 'REAL', unit: 'kW', meaning: 'Highest 15-minute demand.' },
      ],
    },
  ],
};
const ROWS = [
  ['F1', '2024-07-01', 61234.567, 3512.25],
  ['F1', '2024-07-02', 59876.125, 3498.5],
  ['F2', '2024-07-01', 88120.75, 5120],
  ['F2', '2024-07-02', 90433.333, 5301.75],
  ['F3', '2024-07-01', 40211.5, 2210.125],
  ['F3', '2024-07-02', null, null],
];
const TOTALS = 'SELECT feeder, SUM(kwh) AS total_kwh FROM daily GROUP BY feeder ORDER BY feeder';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'switchyard-labs-'));
  mkdirSync(join(root, 'daily-energy'));
  writeFileSync(join(root, 'daily-energy', 'schema.json'), JSON.stringify(schema));
  writeFileSync(
    join(root, 'daily-energy', 'daily.csv'),
    formatCsv(['feeder', 'day', 'kwh', 'peak_kw'], ROWS),
  );
  configureLabGrading({ datasetsRoot: root });
});
afterAll(() => {
  closeLabGrading();
  rmSync(root, { recursive: true, force: true });
});

function grade(query: string, check: Partial<LabCheck> = {}) {
  return gradeLabQuery({
    datasets: ['daily-energy'],
    check: { reference: TOTALS, rowOrder: 'any', columns: 'names', tolerance: 1e-6, ...check },
    query,
  });
}

describe('gradeLabQuery verdicts', () => {
  test('passes a query whose result equals the reference and returns its rows', async () => {
    const result = await grade(
      'SELECT feeder, SUM(kwh) AS total_kwh FROM daily GROUP BY feeder ORDER BY feeder',
    );
    expect(result).toMatchObject({
      ok: true,
      passed: true,
      columns: ['feeder', 'total_kwh'],
      rowCount: 3,
    });
    if (!result.ok) return;
    expect(result.rows[0]?.[0]).toBe('F1');
    expect(result.rows[0]?.[1]).toBeCloseTo(121110.692, 3);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  test('counts missing rows', async () => {
    const result = await grade(
      "SELECT feeder, SUM(kwh) AS total_kwh FROM daily WHERE feeder = 'F2' GROUP BY feeder",
    );
    expect(result).toMatchObject({ ok: true, passed: false });
    if (result.ok) expect(result.reason).toMatch(/^2 rows missing \(e\.g\. \('F1', 121110\.69/);
  });

  test('counts extra rows', async () => {
    const result = await grade('SELECT feeder, kwh AS total_kwh FROM daily');
    expect(result.ok && result.reason).toMatch(/extra rows/);
    expect(result.ok && result.passed).toBe(false);
  });

  test('names the column that differs and the row it differs in', async () => {
    const result = await grade(
      "SELECT feeder, SUM(kwh) + (feeder = 'F2') AS total_kwh FROM daily GROUP BY feeder ORDER BY feeder",
      { rowOrder: 'ordered' },
    );
    expect(result.ok && result.reason).toMatch(
      /^column total_kwh differs beyond tolerance in row 2 \(expected 178554\.083, got 178555\.083/,
    );
  });

  test('says when a column holds text where numbers are expected', async () => {
    const result = await grade(
      'SELECT feeder, CAST(SUM(kwh) AS TEXT) AS total_kwh FROM daily GROUP BY feeder',
    );
    expect(result.ok && result.reason).toMatch(
      /column total_kwh should hold numbers but holds text/,
    );
  });

  test('treats NULL as a value that must match NULL', async () => {
    const reference = "SELECT day, kwh FROM daily WHERE feeder = 'F3' ORDER BY day";
    const right = await grade("SELECT day, kwh FROM daily WHERE feeder = 'F3'", { reference });
    const wrong = await grade(
      "SELECT day, coalesce(kwh, 0) AS kwh FROM daily WHERE feeder = 'F3'",
      { reference },
    );
    expect(right.ok && right.passed).toBe(true);
    expect(wrong.ok && wrong.reason).toMatch(/column kwh differs .*expected NULL, got 0/);
  });
});

describe('gradeLabQuery numeric tolerance', () => {
  const rounded =
    'SELECT feeder, ROUND(SUM(kwh), 1) AS total_kwh FROM daily GROUP BY feeder ORDER BY feeder';
  // Exact totals 121110.692, 178554.083, 40211.5; rounded 121110.7, 178554.1, 40211.5.
  test.each([
    [0.1, null],
    [0.05, null],
    [0.01, 'row 2 (expected 178554.083, got 178554.1; tolerance 0.01)'],
    [0, 'row 1 (expected 121110.692, got 121110.7; tolerance 0)'],
  ])('with tolerance %s a result rounded to 0.1 kWh fails in: %s', async (tolerance, where) => {
    const result = await grade(rounded, { tolerance, rowOrder: 'ordered' });
    expect(result.ok && result.passed).toBe(where === null);
    if (where)
      expect(result.ok && result.reason).toBe(
        `column total_kwh differs beyond tolerance in ${where}`,
      );
  });
});

describe('gradeLabQuery row order', () => {
  const reversed =
    'SELECT feeder, SUM(kwh) AS total_kwh FROM daily GROUP BY feeder ORDER BY feeder DESC';
  test('ignores the order of rows when the check says any', async () => {
    const result = await grade(reversed, { rowOrder: 'any' });
    expect(result.ok && result.passed).toBe(true);
  });

  test('fails the right rows in the wrong order when the check says ordered', async () => {
    const result = await grade(reversed, { rowOrder: 'ordered' });
    expect(result.ok && result.passed).toBe(false);
    expect(result.ok && result.reason).toMatch(
      /right but in the wrong order: row 1 should be \('F1'/,
    );
    expect(result.ok && result.reason).toMatch(/ORDER BY/);
  });

  test('passes the right rows in the right order when the check says ordered', async () => {
    const result = await grade(TOTALS, { rowOrder: 'ordered' });
    expect(result.ok && result.passed).toBe(true);
  });
});

describe.each([
  // [rule, learner query, passes, reason]
  ['strict', 'SELECT feeder, SUM(kwh) AS total_kwh FROM daily GROUP BY feeder', true, null],
  [
    'strict',
    'SELECT SUM(kwh) AS total_kwh, feeder FROM daily GROUP BY feeder',
    false,
    'expected columns feeder, total_kwh; got total_kwh, feeder',
  ],
  ['names', 'SELECT SUM(kwh) AS TOTAL_KWH, feeder FROM daily GROUP BY feeder', true, null],
  [
    'names',
    'SELECT feeder, SUM(kwh) FROM daily GROUP BY feeder',
    false,
    'expected columns feeder, total_kwh; got feeder, SUM(kwh): name the column SUM(kwh) as total_kwh with AS',
  ],
  ['position', 'SELECT feeder AS f, SUM(kwh) AS energy FROM daily GROUP BY feeder', true, null],
  [
    'position',
    'SELECT feeder, SUM(kwh), MAX(peak_kw) FROM daily GROUP BY feeder',
    false,
    'expected 2 columns; got 3',
  ],
] as const)('gradeLabQuery with columns %s', (columns, query, isPassed, reason) => {
  test(`${isPassed ? 'passes' : 'fails'}: ${query}`, async () => {
    const result = await grade(query, { columns });
    expect(result.ok && result.passed).toBe(isPassed);
    if (reason) expect(result.ok && result.reason).toBe(reason);
  });
});

describe('gradeLabQuery errors', () => {
  test('refuses SQL that SQLite cannot run with plain words and the offset it points at', async () => {
    const query = 'SELECT feeder, SUM(kw) AS total_kwh\nFROM daily GROUP BY feeder';
    const result = await grade(query);
    expect(result).toMatchObject({ ok: false, status: 422, position: query.indexOf('kw)') });
    expect(!result.ok && result.error).toMatch(/no column named kw/);
  });

  test('refuses anything but a single SELECT before it reaches the database', async () => {
    const result = await grade('SELECT 1;\nDROP TABLE daily');
    expect(result).toMatchObject({ ok: false, status: 422, position: 10 });
    expect(!result.ok && result.error).toMatch(/one statement at a time/);
  });

  test('throws when the lab reference query itself fails: the lab is broken', async () => {
    await expect(grade('SELECT 1', { reference: 'SELECT missing FROM daily' })).rejects.toThrow(
      /reference query failed/,
    );
  });
});
