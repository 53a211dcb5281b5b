import { afterAll, describe, expect, test } from 'vitest';
import { readCourse } from '../../helpers/content.ts';
import { LabCheckSchema } from '../../../src/lib/content/lab.ts';
import {
  closeLabGrading,
  gradeLabQuery,
  referenceResult,
} from '../../../src/lib/server/labs/grade.ts';

// The labs of the AI-assisted inspection course, graded on the committed asset-health data: each
// reference answer must surface the cases planted in the dataset (content/datasets/README.md),
// and a plausible mistake must fail with a reason.
const COURSE = 'ai-inspection-and-asset-health';
const lessons = readCourse(COURSE).lessons;

function labOf(slug: string) {
  const lab = lessons.find((lesson) => lesson.slug === slug)?.data.lab;
  if (!lab) throw new Error(`${COURSE}/${slug} has no lab`);
  return { datasets: lab.datasets as string[], check: LabCheckSchema.parse(lab.check) };
}

async function rowsOf(slug: string): Promise<Record<string, unknown>[]> {
  const { datasets, check } = labOf(slug);
  const result = await referenceResult(datasets, check.reference);
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((name, i) => [name, row[i]])),
  );
}

afterAll(() => closeLabGrading());

describe('AI-assisted inspection labs find what was planted', () => {
  test('the course has five labs', () => {
    expect(lessons.filter((lesson) => lesson.data.kind === 'lab')).toHaveLength(5);
  });

  test('findings by substation: Granite Point’s galvanised steel drags its precision down', async () => {
    const rows = await rowsOf('how-detection-models-make-findings');
    const byStation = new Map(rows.map((row) => [row.substation, row]));
    expect([...byStation.keys()]).toEqual(['Cedar Hollow', 'Granite Point', 'Maple Valley']);
    const granite = byStation.get('Granite Point');
    expect(granite?.false_alarms).toBeGreaterThanOrEqual(10);
    expect(granite?.unchecked).toBeGreaterThan(0);
    expect(granite?.precision as number).toBeLessThan(0.5);
    for (const other of ['Cedar Hollow', 'Maple Valley'])
      expect(byStation.get(other)?.precision as number).toBeGreaterThan(0.85);
  });

  test('thresholds: 0.5 misses exactly one defect, the CH-T2 bushing crack, which 0.3 catches', async () => {
    const rows = await rowsOf('judging-a-model');
    expect(rows.map((row) => row.threshold)).toEqual([0.3, 0.5, 0.7]);
    const [low, middle, high] = rows;
    expect(low?.false_negatives).toBe(0);
    expect(middle).toMatchObject({
      flagged: 45,
      true_positives: 30,
      false_positives: 15,
      false_negatives: 1,
    });
    expect(high?.false_negatives as number).toBeGreaterThan(middle?.false_negatives as number);
    expect(high?.precision as number).toBeLessThan(middle?.precision as number);
    const missed = await referenceResult(
      ['asset-health'],
      "SELECT asset_id, component FROM inspection_findings WHERE field_label <> 'no_defect' AND confidence < 0.5",
    );
    expect(missed.rows).toEqual([['CH-T2', 'HV bushing B']]);
  });

  test('infrared: the F4 oil breaker is priority 1, and the caveats are caught', async () => {
    const rows = await rowsOf('infrared-thermography');
    const find = (asset: string, component: string) =>
      rows.filter((row) => row.asset_id === asset && row.component === component);
    expect(find('CH-BRK-F4', 'load-side connector')).toMatchObject([{ phase: 'B', priority: 1 }]);
    expect(find('CH-T2', 'LV connector')).toMatchObject([{ phase: 'C', priority: 3 }]);
    expect(find('GP-CAP-1', 'neutral connector')).toMatchObject([
      { basis: 'ambient', priority: 2 },
    ]);
    expect(find('MV-BRK-F3', 'line-side connector')).toMatchObject([
      { caveat: 'emissivity', priority: null },
    ]);
    const lowLoad = rows.filter((row) => row.caveat === 'low load');
    expect(lowLoad.map((row) => row.phase)).toEqual(['A', 'B', 'C']);
    expect(lowLoad.find((row) => row.phase === 'B')?.priority).toBe(3);
    expect(rows).toHaveLength(7);
  });

  test('oil: CH-T2 is a T2 thermal fault, MV-T1 a D1 discharge, the rest normal', async () => {
    const rows = await rowsOf('dissolved-gas-analysis');
    expect(rows.map((row) => [row.asset_id, row.above_typical, row.zone])).toEqual([
      ['CH-T1', 0, null],
      ['CH-T2', 1, 'T2'],
      ['GP-T1', 0, null],
      ['MV-T1', 1, 'D1'],
      ['MV-T2', 0, null],
    ]);
    const spike = await referenceResult(
      ['asset-health'],
      "SELECT sampled_on, h2 FROM dga_samples WHERE asset_id = 'GP-T1' AND sampled_on BETWEEN '2023-03-01' AND '2023-04-30' ORDER BY sampled_on",
    );
    expect(spike.rows).toEqual([
      ['2023-03-12', 310],
      ['2023-04-04', expect.any(Number)],
    ]);
    expect(spike.rows[1]?.[1] as number).toBeLessThan(40);
  });

  test('risk list: the two gassing transformers lead, the F4 breaker follows, the capacitor bank does not make it', async () => {
    const rows = await rowsOf('condition-and-criticality');
    expect(rows.slice(0, 3).map((row) => row.asset_id)).toEqual(['MV-T1', 'CH-T2', 'CH-BRK-F4']);
    expect(rows.every((row) => (row.risk as number) >= 12)).toBe(true);
    expect(rows.some((row) => row.asset_id === 'GP-CAP-1')).toBe(false);
  });

  test.each([
    [
      'how-detection-models-make-findings',
      // Counting unchecked findings as false alarms changes the Granite Point row.
      `SELECT a.substation, COUNT(*) AS flagged,
              SUM(f.field_label <> 'no_defect') AS confirmed,
              SUM(f.field_label = 'no_defect' OR f.field_label IS NULL) AS false_alarms,
              SUM(f.field_label IS NULL) AS unchecked,
              ROUND(1.0 * SUM(f.field_label <> 'no_defect') / COUNT(*), 3) AS precision
       FROM inspection_findings AS f JOIN assets AS a ON a.asset_id = f.asset_id
       WHERE f.confidence >= 0.5 GROUP BY a.substation ORDER BY a.substation`,
    ],
    [
      'judging-a-model',
      // Recall divided by the flagged findings instead of every real defect.
      `WITH t(threshold) AS (VALUES (0.3), (0.5), (0.7))
       SELECT threshold, SUM(confidence >= threshold) AS flagged,
              SUM(confidence >= threshold AND field_label <> 'no_defect') AS true_positives,
              SUM(confidence >= threshold AND field_label = 'no_defect') AS false_positives,
              SUM(confidence < threshold AND field_label <> 'no_defect') AS false_negatives,
              ROUND(1.0 * SUM(confidence >= threshold AND field_label <> 'no_defect') / SUM(confidence >= threshold), 3) AS precision,
              ROUND(1.0 * SUM(confidence >= threshold AND field_label <> 'no_defect') / SUM(confidence >= threshold), 3) AS recall
       FROM t CROSS JOIN inspection_findings WHERE field_label IS NOT NULL GROUP BY threshold ORDER BY threshold`,
    ],
  ])('%s fails a plausible mistake with a reason', async (slug, query) => {
    const { datasets, check } = labOf(slug);
    const result = await gradeLabQuery({ datasets, check, query });
    expect(result).toMatchObject({ ok: true, passed: false });
    if (result.ok) expect(result.reason.length).toBeGreaterThan(10);
  });

  test.each(lessons.filter((l) => l.data.kind === 'lab').map((l) => l.slug))(
    '%s passes its own reference answer',
    async (slug) => {
      const { datasets, check } = labOf(slug);
      const result = await gradeLabQuery({ datasets, check, query: check.reference });
      expect(result).toMatchObject({ ok: true, passed: true });
    },
  );
});
