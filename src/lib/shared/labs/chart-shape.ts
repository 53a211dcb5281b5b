/** A cell of a query result as the browser receives it. */
export type ResultCell = string | number | null;

/** One plotted series: a label and a value per x (null where the row had none). */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

/** What to draw for a result, decided from its columns and values. */
export type ChartShape =
  | { kind: 'line'; xLabel: string; isTime: boolean; x: number[]; series: ChartSeries[] }
  | { kind: 'bar'; xLabel: string; categories: string[]; series: ChartSeries[] }
  | { kind: 'none'; reason: string };

/** The most series a chart shows; more would be unreadable. */
export const MAX_SERIES = 6;
/** The most bars a bar chart shows. */
export const MAX_BARS = 60;

const TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Seconds since the epoch of an ISO-like time text (read as UTC when it has no offset), or null. */
export function parseTime(value: ResultCell): number | null {
  if (typeof value !== 'string' || !TIME.test(value)) return null;
  let text = value.replace(' ', 'T');
  if (/T\d{2}$/.test(text)) text += ':00';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) text += text.includes('T') ? 'Z' : 'T00:00:00Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms / 1000;
}

const present = (rows: readonly (readonly ResultCell[])[], index: number) =>
  rows.map((row) => row[index] ?? null).filter((cell) => cell !== null);

function isNumericColumn(rows: readonly (readonly ResultCell[])[], index: number): boolean {
  const cells = present(rows, index);
  return cells.length > 0 && cells.every((cell) => typeof cell === 'number');
}

function isTimeColumn(rows: readonly (readonly ResultCell[])[], index: number): boolean {
  const cells = present(rows, index);
  return cells.length > 0 && cells.every((cell) => parseTime(cell) !== null);
}

const isIncreasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

/** Long results (x, name, value) become one series per name, e.g. hourly load per feeder. */
function pivot(
  rows: readonly (readonly ResultCell[])[],
  xKey: (cell: ResultCell) => string,
): { keys: string[]; series: ChartSeries[] } | null {
  const names = [...new Set(rows.map((row) => String(row[1] ?? 'NULL')))];
  if (names.length < 2 || names.length > MAX_SERIES) return null;
  const keys = [...new Set(rows.map((row) => xKey(row[0] ?? null)))];
  const index = new Map(keys.map((key, i) => [key, i]));
  const series = names.map((label) => ({ label, values: keys.map((): number | null => null) }));
  for (const row of rows) {
    const s = series[names.indexOf(String(row[1] ?? 'NULL'))]!;
    const value = row[2];
    s.values[index.get(xKey(row[0] ?? null))!] = typeof value === 'number' ? value : null;
  }
  return { keys, series };
}

/** Columns after the first whose values are all numbers: what a chart can plot. */
export function numericColumns(
  columns: readonly string[],
  rows: readonly (readonly ResultCell[])[],
): string[] {
  return columns.filter((_, index) => index > 0 && isNumericColumn(rows, index));
}

/**
 * Decides how to chart a result: a line over time (or over increasing numbers) when the first
 * column is a time, bars per category when it is text; three-column long results are pivoted into
 * one series per name. Results without a number column are not charted. `only` keeps one number
 * column, since bars of columns in different units on one axis mislead.
 */
export function chartShape(
  columns: readonly string[],
  rows: readonly (readonly ResultCell[])[],
  only?: string,
): ChartShape {
  if (rows.length === 0) return { kind: 'none', reason: 'The result has no rows to chart.' };
  if (columns.length < 2)
    return {
      kind: 'none',
      reason: 'A chart needs a column for the x axis and a column of numbers.',
    };
  const xLabel = columns[0]!;
  const isTime = isTimeColumn(rows, 0);
  const isLong = columns.length === 3 && !isNumericColumn(rows, 1) && isNumericColumn(rows, 2);
  if (isLong) {
    const xKey = (cell: ResultCell) => String(cell ?? 'NULL');
    const pivoted = pivot(rows, xKey);
    if (pivoted) {
      const times = pivoted.keys.map((key) => parseTime(key));
      if (isTime && times.every((t) => t !== null) && isIncreasing(times as number[])) {
        return { kind: 'line', xLabel, isTime, x: times as number[], series: pivoted.series };
      }
      return barShape(xLabel, pivoted.keys, pivoted.series);
    }
  }
  const numeric = columns
    .map((label, index) => ({ label, index }))
    .filter(({ index }) => index > 0 && isNumericColumn(rows, index))
    .filter(({ label }) => only === undefined || label === only)
    .slice(0, MAX_SERIES);
  if (numeric.length === 0)
    return { kind: 'none', reason: 'The result has no column of numbers to chart.' };
  const series = numeric.map(({ label, index }) => ({
    label,
    values: rows.map((row) => {
      const cell = row[index];
      return typeof cell === 'number' ? cell : null;
    }),
  }));
  if (isTime) {
    const x = rows.map((row) => parseTime(row[0] ?? null)!);
    if (isIncreasing(x)) return { kind: 'line', xLabel, isTime, x, series };
  }
  if (isNumericColumn(rows, 0) && rows.length > MAX_BARS) {
    const x = rows.map((row) => row[0]);
    if (x.every((v) => typeof v === 'number') && isIncreasing(x as number[])) {
      return { kind: 'line', xLabel, isTime: false, x: x as number[], series };
    }
  }
  return barShape(
    xLabel,
    rows.map((row) => String(row[0] ?? 'NULL')),
    series,
  );
}

function barShape(xLabel: string, categories: string[], series: ChartSeries[]): ChartShape {
  if (categories.length > MAX_BARS) {
    return {
      kind: 'none',
      reason: `The result has ${categories.length} categories; a bar chart shows at most ${MAX_BARS}. Group or filter it further to chart it.`,
    };
  }
  return { kind: 'bar', xLabel, categories, series: series.slice(0, 2) };
}
