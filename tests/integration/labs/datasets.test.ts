import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset, type LoadedDataset } from '../../../src/lib/server/labs/dataset.ts';

const ROOT = 'content/datasets';
const NAMES = [
  'scada-week',
  'feeder-load-year',
  'pv-plant',
  'alarm-log',
  'asset-register',
  'asset-health',
  'ot-capture',
];
const temp = mkdtempSync(join(tmpdir(), 'switchyard-datasets-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every file under a folder, as relative path -> bytes. */
function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) for (const [p, b] of readTree(dir, path)) files.set(p, b);
    else files.set(path, readFileSync(join(dir, path)));
  }
  return files;
}

function generate(out: string, ...extra: string[]): void {
  execFileSync(process.execPath, ['src/cli/generate-datasets.ts', '--out', out, ...extra], {
    stdio: 'pipe',
  });
}

describe('generate-datasets', () => {
  test('writes byte-identical files when run twice with the same seed', () => {
    generate(join(temp, 'first'));
    generate(join(temp, 'second'));
    const first = readTree(join(temp, 'first'));
    const second = readTree(join(temp, 'second'));
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    expect(first.size).toBe(26);
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), path).toBe(true);
  }, 120_000);

  test('wrote the committed datasets: they match a fresh run byte for byte', () => {
    const fresh = readTree(join(temp, 'first'));
    const committed = readTree(ROOT);
    committed.delete('README.md');
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, bytes] of fresh) expect(committed.get(path)?.equals(bytes), path).toBe(true);
  });

  test('a different seed gives different data', () => {
    generate(join(temp, 'other'), '--seed', '7');
    const other = readFileSync(join(temp, 'other', 'pv-plant', 'pv_output.csv'));
    expect(other.equals(readFileSync(join(ROOT, 'pv-plant', 'pv_output.csv')))).toBe(false);
  });

  test('exits non-zero with a one-line reason on a bad option', () => {
    const run = spawnSync(process.execPath, ['src/cli/generate-datasets.ts', '--seed', 'soon'], {
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--seed/);
  });

  test('keeps the committed data small: under 8 MB in all, LF line ends only', () => {
    let total = 0;
    for (const [path, bytes] of readTree(ROOT)) {
      total += bytes.length;
      if (path.endsWith('.csv')) expect(bytes.includes('\r'), path).toBe(false);
    }
    expect(total).toBeLessThan(8 * 1024 * 1024);
    expect(statSync(join(ROOT, 'scada-week', 'scada_analogs.csv')).size).toBeGreaterThan(1e6);
  });
});

describe('the committed datasets', () => {
  const data = new Map<string, LoadedDataset>();
  beforeAll(async () => {
    for (const name of NAMES) data.set(name, await loadDataset(name));
  });
  const rowsOf = (dataset: string, table: string) =>
    data.get(dataset)?.tables.find((t) => t.table.name === table)?.rows ?? [];

  test('load with every value typed by its column type', () => {
    for (const dataset of data.values()) {
      for (const { table, rows } of dataset.tables) {
        expect(rows.length, table.name).toBeGreaterThan(0);
        for (const [c, column] of table.columns.entries()) {
          const kind = column.type === 'TEXT' ? 'string' : 'number';
          const isTyped = rows.every((row) => row[c] === null || typeof row[c] === kind);
          expect(isTyped, `${table.name}.${column.name}`).toBe(true);
        }
      }
    }
  });

  test('scada-week: one week of minutes, voltages in ANSI C84.1 Range A outside the planted excursions', () => {
    const rows = rowsOf('scada-week', 'scada_analogs');
    expect(rows.length).toBeGreaterThan(40_000);
    expect(rows.length).toBeLessThan(4 * 7 * 1440);
    const isExcursion = (ts: string) =>
      (ts >= '2024-07-11T21:12' && ts <= '2024-07-11T22:09') ||
      (ts >= '2024-07-14T07:00' && ts <= '2024-07-14T11:05');
    const normal = rows.filter(
      (r) => r[5] === 'good' && (r[4] as number) > 0 && !isExcursion(r[0] as string),
    );
    expect(normal.every((r) => (r[4] as number) >= 13.46 && (r[4] as number) <= 14.49)).toBe(true);
    expect(rows.some((r) => (r[4] as number) > 14.52)).toBe(true);
    expect(rows.some((r) => (r[4] as number) > 13.11 && (r[4] as number) < 13.46)).toBe(true);
  });

  test('scada-week: F2 has a stuck kV reading of 348 identical good samples', () => {
    const f2 = rowsOf('scada-week', 'scada_analogs').filter((r) => r[1] === 'F2');
    let longest = 0;
    let run = 0;
    for (const [i, row] of f2.entries()) {
      run = i > 0 && row[4] === f2[i - 1]?.[4] && row[5] === 'good' ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    expect(longest).toBe(348);
  });

  test('scada-week: F3 is dead from 19:43 to 21:22 UTC on 10 July after the lockout', () => {
    const dead = rowsOf('scada-week', 'scada_analogs').filter(
      (r) => r[1] === 'F3' && r[2] === 0 && r[4] === 0,
    );
    expect(dead[0]?.[0]).toBe('2024-07-10T19:43:00Z');
    expect(dead.at(-1)?.[0]).toBe('2024-07-10T21:22:00Z');
    expect(dead).toHaveLength(100);
  });

  test('pv-plant: zero output at night, clipped at 5000 kW on clear days', () => {
    const rows = rowsOf('pv-plant', 'pv_output');
    expect(rows).toHaveLength(14 * 1440);
    const night = rows.filter(
      (r) => (r[0] as string).slice(11, 13) < '06' || (r[0] as string).slice(11, 13) >= '19',
    );
    expect(night.every((r) => r[1] === 0 && r[2] === 0)).toBe(true);
    expect(Math.max(...rows.map((r) => r[1] as number))).toBe(5000);
    expect(rows.filter((r) => r[1] === 5000).length).toBeGreaterThan(1000);
  });

  test('feeder-load-year: every 15-minute interval of 2023 for both feeders, peaking in summer', () => {
    const rows = rowsOf('feeder-load-year', 'feeder_load');
    expect(rows).toHaveLength(2 * 365 * 96);
    const peak = rows.reduce((best, row) =>
      (row[2] as number) > (best[2] as number) ? row : best,
    );
    expect((peak[0] as string).slice(5, 7)).toMatch(/0[6-8]/);
    const january = rows.filter((r) => r[1] === 'RES-1' && (r[0] as string).startsWith('2023-01'));
    const april = rows.filter((r) => r[1] === 'RES-1' && (r[0] as string).startsWith('2023-04'));
    const max = (list: typeof rows) => Math.max(...list.map((r) => r[2] as number));
    expect(max(january)).toBeGreaterThan(max(april) * 1.1);
  });

  test('alarm-log: ids follow time and every device is an asset in the register', () => {
    const events = rowsOf('alarm-log', 'events');
    const assets = new Set(rowsOf('asset-register', 'assets').map((r) => r[0]));
    for (const [i, event] of events.entries()) {
      expect(event[0]).toBe(i + 1);
      if (i > 0) expect((event[1] as string) >= (events[i - 1]?.[1] as string)).toBe(true);
      expect(assets.has(event[2]), String(event[2])).toBe(true);
    }
    const lockouts = events.filter((e) => e[4] === 'LOCKOUT').map((e) => e[2]);
    expect(lockouts).toEqual(['CH-REL-F3', 'CH-REC-F4-1']);
  });

  test('asset-health: every row names a registered asset', () => {
    const assets = new Set(rowsOf('asset-register', 'assets').map((r) => r[0]));
    for (const table of ['inspection_findings', 'ir_survey', 'dga_samples', 'criticality']) {
      const rows = rowsOf('asset-health', table);
      expect(rows.length, table).toBeGreaterThan(10);
      const column = table === 'criticality' ? 0 : 1;
      expect(
        rows.every((r) => assets.has(r[column])),
        table,
      ).toBe(true);
    }
  });

  test('ot-capture: every protocol row belongs to a connection, in time order', () => {
    const uids = new Set(rowsOf('ot-capture', 'conn').map((r) => r[1]));
    for (const table of ['conn', 'modbus', 'dnp3', 'goose']) {
      const rows = rowsOf('ot-capture', table);
      for (const [i, row] of rows.entries())
        if (i > 0) expect((row[0] as string) >= (rows[i - 1]?.[0] as string), table).toBe(true);
      if (table === 'modbus' || table === 'dnp3')
        expect(
          rows.every((r) => uids.has(r[1])),
          table,
        ).toBe(true);
    }
  });

  test('asset-register: every work order names a registered asset', () => {
    const assets = new Set(rowsOf('asset-register', 'assets').map((r) => r[0]));
    const orders = rowsOf('asset-register', 'maintenance');
    expect(orders.length).toBeGreaterThan(300);
    expect(orders.every((o) => assets.has(o[1]))).toBe(true);
  });
});
