import { describe, expect, test } from 'vitest';
import {
  MAX_BARS,
  chartShape,
  numericColumns,
  parseTime,
} from '../../../src/lib/shared/labs/chart-shape.ts';

describe('parseTime', () => {
  test.each([
    ['2024-07-08T14:05:00Z', Date.UTC(2024, 6, 8, 14, 5) / 1000],
    ['2024-07-08 14:05', Date.UTC(2024, 6, 8, 14, 5) / 1000],
    ['2024-07-08T14', Date.UTC(2024, 6, 8, 14) / 1000],
    ['2024-07-08', Date.UTC(2024, 6, 8) / 1000],
  ])('reads %s as UTC', (text, seconds) => {
    expect(parseTime(text)).toBe(seconds);
  });

  test.each([['F1'], ['14:05'], [42], [null]])('does not take %s for a time', (value) => {
    expect(parseTime(value)).toBeNull();
  });
});

describe('chartShape', () => {
  test('draws a line over time when the first column holds increasing times', () => {
    const shape = chartShape(
      ['hour', 'avg_mw', 'max_mw'],
      [
        ['2024-07-08T00:00:00Z', 4.1, 5],
        ['2024-07-08T01:00:00Z', 3.9, 4.4],
      ],
    );
    expect(shape).toMatchObject({ kind: 'line', isTime: true, x: [1720396800, 1720400400] });
    expect(shape.kind === 'line' && shape.series.map((s) => s.label)).toEqual(['avg_mw', 'max_mw']);
  });

  test('draws bars per category when the first column is text', () => {
    const shape = chartShape(
      ['feeder', 'peak_mw'],
      [
        ['F1', 7.2],
        ['F2', 5.5],
      ],
    );
    expect(shape).toMatchObject({ kind: 'bar', categories: ['F1', 'F2'] });
  });

  test('pivots long results into one series per name', () => {
    const shape = chartShape(
      ['hour', 'feeder', 'mw'],
      [
        ['2024-07-08T00:00:00Z', 'F1', 4],
        ['2024-07-08T00:00:00Z', 'F2', 3],
        ['2024-07-08T01:00:00Z', 'F1', 5],
      ],
    );
    expect(shape.kind).toBe('line');
    if (shape.kind !== 'line') return;
    expect(shape.series).toEqual([
      { label: 'F1', values: [4, 5] },
      { label: 'F2', values: [3, null] },
    ]);
  });

  test('explains why a result without numbers is not charted', () => {
    const shape = chartShape(['feeder', 'name'], [['F1', 'Mill Road']]);
    expect(shape).toMatchObject({
      kind: 'none',
      reason: expect.stringMatching(/no column of numbers/),
    });
  });

  test('refuses a bar chart with more categories than fit', () => {
    const rows = Array.from({ length: MAX_BARS + 1 }, (_, i) => [`asset-${i}`, i]);
    expect(chartShape(['asset', 'cost'], rows).kind).toBe('none');
  });

  test('draws a line over increasing numbers when there are many rows', () => {
    const rows = Array.from({ length: MAX_BARS + 5 }, (_, i) => [i, i * 2]);
    expect(chartShape(['minute', 'mw'], rows)).toMatchObject({ kind: 'line', isTime: false });
  });
});

describe('numericColumns and one chosen column', () => {
  const columns = ['feeder', 'good_samples', 'avg_mw', 'note'];
  const rows = [
    ['F1', 10058, 4.2, 'ok'],
    ['F2', 10060, 3.1, null],
  ];

  test('lists the columns after the first that hold only numbers', () => {
    expect(numericColumns(columns, rows)).toEqual(['good_samples', 'avg_mw']);
  });

  test('charts only the chosen column', () => {
    const shape = chartShape(columns, rows, 'avg_mw');
    expect(shape.kind === 'bar' && shape.series).toEqual([{ label: 'avg_mw', values: [4.2, 3.1] }]);
  });
});
