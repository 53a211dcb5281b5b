import type { LabCheck } from '../../content/lab.ts';

/** A result cell as the runner returns it: blobs come as x'..' hex text, big integers as text. */
export type ResultCell = string | number | null;

/** Columns and rows of a query result. */
export interface QueryResult {
  columns: string[];
  rows: ResultCell[][];
}

/** The verdict on a learner's result. */
export interface Comparison {
  passed: boolean;
  reason: string;
}

type Rules = Pick<LabCheck, 'rowOrder' | 'columns' | 'tolerance'>;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
/** A number as a person would write it: floating-point noise such as 0.30000000000000004 dropped. */
const showNumber = (value: number) => String(Number(value.toPrecision(12)));
const showCell = (cell: ResultCell) =>
  cell === null ? 'NULL' : typeof cell === 'number' ? showNumber(cell) : `'${cell}'`;
const showRow = (row: readonly ResultCell[]) => `(${row.map(showCell).join(', ')})`;

/** Whether two cells agree: numbers within the tolerance, everything else exactly. */
function cellsAgree(expected: ResultCell, actual: ResultCell, tolerance: number): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const slack = 1e-9 * Math.max(1, Math.abs(expected), Math.abs(actual));
    return Math.abs(expected - actual) <= tolerance + slack;
  }
  return expected === actual;
}

/** How one cell differs, said so a person can act on it. */
function describeDifference(
  column: string,
  expected: ResultCell,
  actual: ResultCell,
  where: string,
  tolerance: number,
): string {
  const values = `expected ${showCell(expected)}, got ${showCell(actual)}`;
  if (typeof expected === 'number' && typeof actual === 'number') {
    return `column ${column} differs beyond tolerance ${where} (${values}; tolerance ${tolerance})`;
  }
  if (typeof expected === 'number' && typeof actual === 'string') {
    return `column ${column} should hold numbers but holds text ${where} (${values})`;
  }
  return `column ${column} differs ${where} (${values})`;
}

/**
 * Maps each expected column to the learner's column, by the check's column rule, or explains why
 * the columns do not fit.
 */
function mapColumns(
  expected: string[],
  actual: string[],
  rule: Rules['columns'],
): number[] | string {
  const listed = `expected columns ${expected.join(', ')}; got ${actual.join(', ')}`;
  if (rule === 'position') {
    if (expected.length === actual.length) return expected.map((_, i) => i);
    return `expected ${plural(expected.length, 'column')}; got ${actual.length}`;
  }
  const lower = actual.map((name) => name.toLowerCase());
  if (rule === 'strict') {
    const isSame =
      expected.length === actual.length &&
      expected.every((name, i) => name.toLowerCase() === lower[i]);
    return isSame ? expected.map((_, i) => i) : listed;
  }
  const used = new Set<number>();
  const mapping: number[] = [];
  const missing: string[] = [];
  for (const name of expected) {
    const index = lower.findIndex(
      (candidate, i) => candidate === name.toLowerCase() && !used.has(i),
    );
    if (index < 0) missing.push(name);
    else {
      used.add(index);
      mapping.push(index);
    }
  }
  const extra = actual.filter((_, i) => !used.has(i));
  if (missing.length === 0 && extra.length === 0) return mapping;
  const [onlyMissing] = missing;
  const [onlyExtra] = extra;
  if (missing.length === 1 && extra.length === 1 && onlyMissing && onlyExtra) {
    return `${listed}: name the column ${onlyExtra} as ${onlyMissing} with AS`;
  }
  return listed;
}

/** Key of a row's non-numeric cells: rows that can match share it. */
const shapeKey = (row: readonly ResultCell[]) =>
  JSON.stringify(
    row.map((cell) => (typeof cell === 'number' ? 0 : cell === null ? null : `s${cell}`)),
  );

/**
 * Pairs expected rows with equal actual rows (numbers within the tolerance) whatever their order.
 * Returns the indexes left unpaired on each side.
 */
function matchRows(
  expected: ResultCell[][],
  actual: ResultCell[][],
  tolerance: number,
): { missing: number[]; extra: number[] } {
  const buckets = new Map<string, number[]>();
  actual.forEach((row, i) => {
    const key = shapeKey(row);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(i);
    else buckets.set(key, [i]);
  });
  const firstNumber = (row: readonly ResultCell[]) =>
    row.find((cell) => typeof cell === 'number') as number | undefined;
  for (const bucket of buckets.values())
    bucket.sort(
      (a, b) => (firstNumber(actual[a] ?? []) ?? 0) - (firstNumber(actual[b] ?? []) ?? 0),
    );
  const used = new Uint8Array(actual.length);
  const missing: number[] = [];
  expected.forEach((row, e) => {
    const bucket = buckets.get(shapeKey(row)) ?? [];
    const target = firstNumber(row) ?? 0;
    const reach = tolerance + 1e-9 * Math.max(1, Math.abs(target));
    // Binary search for the first candidate whose leading number could be within reach.
    let low = 0;
    let high = bucket.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((firstNumber(actual[bucket[mid] ?? 0] ?? []) ?? 0) < target - reach) low = mid + 1;
      else high = mid;
    }
    for (let k = low; k < bucket.length; k++) {
      const a = bucket[k] ?? 0;
      if ((firstNumber(actual[a] ?? []) ?? 0) > target + reach) break;
      if (!used[a] && row.every((cell, c) => cellsAgree(cell, actual[a]?.[c] ?? null, tolerance))) {
        used[a] = 1;
        return;
      }
    }
    missing.push(e);
  });
  const extra = actual.flatMap((_, i) => (used[i] ? [] : [i]));
  return { missing, extra };
}

/** The candidate that agrees with a row on the most cells (the learner's nearest attempt at it). */
function closestRow(
  row: readonly ResultCell[],
  candidates: ResultCell[][],
  tolerance: number,
): ResultCell[] {
  let best: ResultCell[] = candidates[0] ?? [];
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = row.filter((cell, c) => cellsAgree(cell, candidate[c] ?? null, tolerance)).length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** First column where two rows differ, as a sentence. */
function firstDifference(
  columns: string[],
  expected: ResultCell[],
  actual: ResultCell[],
  where: string,
  tolerance: number,
): string | null {
  for (const [c, name] of columns.entries()) {
    const e = expected[c] ?? null;
    const a = actual[c] ?? null;
    if (!cellsAgree(e, a, tolerance)) return describeDifference(name, e, a, where, tolerance);
  }
  return null;
}

/**
 * Compares a learner's result with the reference result under a lab's check rules, and says what
 * to fix: missing or extra rows, a column that differs (and where), wrong columns or order.
 */
export function compareResults(
  expected: QueryResult,
  actual: QueryResult,
  rules: Rules,
): Comparison {
  const mapping = mapColumns(expected.columns, actual.columns, rules.columns);
  if (typeof mapping === 'string') return { passed: false, reason: mapping };
  const rows = actual.rows.map((row) => mapping.map((i) => row[i] ?? null));
  const { missing, extra } = matchRows(expected.rows, rows, rules.tolerance);
  const isSameSet = missing.length === 0 && extra.length === 0;
  if (isSameSet && rules.rowOrder === 'any') {
    return {
      passed: true,
      reason: `Your result matches: ${plural(rows.length, 'row')}, ${plural(expected.columns.length, 'column')}.`,
    };
  }
  if (rules.rowOrder === 'ordered' && expected.rows.length === rows.length) {
    for (const [i, row] of expected.rows.entries()) {
      const difference = firstDifference(
        expected.columns,
        row,
        rows[i] ?? [],
        `in row ${i + 1}`,
        rules.tolerance,
      );
      if (!difference) continue;
      if (isSameSet) {
        return {
          passed: false,
          reason: `the rows are right but in the wrong order: row ${i + 1} should be ${showRow(row)}; sort them as the task asks (ORDER BY)`,
        };
      }
      return { passed: false, reason: difference };
    }
    return {
      passed: true,
      reason: `Your result matches: ${plural(rows.length, 'row')} in the expected order, ${plural(expected.columns.length, 'column')}.`,
    };
  }
  if (missing.length === extra.length) {
    // Same number of rows but some differ: show the first pair that differs, by sorted position.
    const e = expected.rows[missing[0] ?? 0] ?? [];
    const a = closestRow(
      e,
      extra.slice(0, 500).map((i) => rows[i] ?? []),
      rules.tolerance,
    );
    const difference = firstDifference(
      expected.columns,
      e,
      a,
      `in ${plural(missing.length, 'row')}, e.g. where ${expected.columns[0]} is ${showCell(e[0] ?? null)}`,
      rules.tolerance,
    );
    return {
      passed: false,
      reason: difference ?? `${plural(missing.length, 'row')} differ from the expected result`,
    };
  }
  const parts: string[] = [];
  if (missing.length > 0)
    parts.push(
      `${plural(missing.length, 'row')} missing (e.g. ${showRow(expected.rows[missing[0] ?? 0] ?? [])})`,
    );
  if (extra.length > 0)
    parts.push(`${plural(extra.length, 'extra row')} (e.g. ${showRow(rows[extra[0] ?? 0] ?? [])})`);
  return {
    passed: false,
    reason: `${parts.join(' and ')}; expected ${plural(expected.rows.length, 'row')}, got ${rows.length}`,
  };
}
