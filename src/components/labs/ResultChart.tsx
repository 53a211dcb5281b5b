import { useEffect, useId, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import {
  chartShape,
  numericColumns,
  type ChartShape,
  type ResultCell,
} from '../../lib/shared/labs/chart-shape.ts';

/** Series colours, each readable on white. */
const COLORS = ['#0b6e4f', '#0a5c84', '#a4161a', '#8a5a00', '#6a3d9a', '#3d5a00'];
/** Value axis wide enough for its longest label. */
const valueAxisSize = (_u: uPlot, values: string[] | null) =>
  Math.max(40, ...(values ?? []).map((label) => label.length * 7 + 18));
const AXIS = {
  stroke: '#4d5a55',
  grid: { stroke: '#dfe5dc', width: 1 },
  ticks: { stroke: '#c9d1cb', width: 1 },
};
const HEIGHT = 280;
const ALL = '*';

interface ResultChartProps {
  columns: string[];
  rows: ResultCell[][];
}

function describe(shape: Exclude<ChartShape, { kind: 'none' }>): string {
  const names = shape.series.map((s) => s.label).join(', ');
  if (shape.kind === 'line') {
    const axis = shape.isTime ? `${shape.xLabel} (UTC)` : shape.xLabel;
    return `Line chart of ${names} by ${axis}, ${shape.x.length.toLocaleString('en-US')} points`;
  }
  return `Bar chart of ${names} by ${shape.xLabel}, ${shape.categories.length} bars`;
}

function chartOptions(shape: Exclude<ChartShape, { kind: 'none' }>, width: number): uPlot.Options {
  const base = {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
  if (shape.kind === 'line') {
    return {
      ...base,
      scales: { x: { time: shape.isTime } },
      // Datasets are in UTC, and so is the axis, whatever the browser's zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      series: [
        { label: shape.xLabel },
        ...shape.series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length]!,
          width: 1.5,
        })),
      ],
      axes: [AXIS, { ...AXIS, size: valueAxisSize }],
    };
  }
  const many = shape.categories.length > 12;
  const bars = uPlot.paths.bars;
  const pair = shape.series.length > 1;
  return {
    ...base,
    scales: {
      x: { time: false, range: [-0.5, shape.categories.length - 0.5] },
      y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 0] },
    },
    series: [
      { label: shape.xLabel },
      ...shape.series.map((s, i) => {
        const color = COLORS[i % COLORS.length]!;
        const align: -1 | 0 | 1 = pair ? (i === 0 ? -1 : 1) : 0;
        return {
          label: s.label,
          stroke: color,
          fill: color,
          ...(bars ? { paths: bars({ size: [pair ? 0.4 : 0.7, 80], align }) } : {}),
          points: { show: false },
        };
      }),
    ],
    axes: [
      {
        ...AXIS,
        splits: () => shape.categories.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => shape.categories[i] ?? ''),
        ...(many ? { rotate: -60, size: 90 } : {}),
      },
      { ...AXIS, size: valueAxisSize },
    ],
  };
}

/** A chart of the result: a line over time, or bars per category; a sentence when it cannot be charted. */
export default function ResultChart({ columns, rows }: ResultChartProps) {
  const choices = useMemo(() => numericColumns(columns, rows), [columns, rows]);
  const [picked, setPicked] = useState('');
  const selectId = useId();
  const automatic = useMemo(() => chartShape(columns, rows), [columns, rows]);
  // Bars of several columns share one axis, which misleads when their units differ: one at a time.
  const fallback = automatic.kind === 'bar' && choices.length > 1 ? choices[0]! : ALL;
  const choice = picked && (picked === ALL || choices.includes(picked)) ? picked : fallback;
  const shape = useMemo(
    () => (choice === ALL ? automatic : chartShape(columns, rows, choice)),
    [automatic, choice, columns, rows],
  );
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element || shape.kind === 'none') return;
    const x = shape.kind === 'line' ? shape.x : shape.categories.map((_, i) => i);
    const data: uPlot.AlignedData = [x, ...shape.series.map((s) => s.values)];
    const plot = new uPlot(chartOptions(shape, Math.max(element.clientWidth, 280)), data, element);
    const observer = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [shape]);

  const picker =
    choices.length > 1 && automatic.kind !== 'none' ? (
      <p className="lab-chart-picker">
        <label htmlFor={selectId}>Chart </label>
        <select id={selectId} value={choice} onChange={(event) => setPicked(event.target.value)}>
          <option value={ALL}>
            {automatic.kind === 'bar' ? 'the first two number columns' : 'every number column'}
          </option>
          {choices.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </p>
    ) : null;
  if (shape.kind === 'none') {
    return (
      <p className="muted lab-chart-none" data-testid="lab-chart-none">
        No chart: {shape.reason}
      </p>
    );
  }
  return (
    <figure className="lab-chart" data-testid="lab-chart" data-chart-kind={shape.kind}>
      {picker}
      <div ref={host} role="img" aria-label={describe(shape)} />
      <figcaption>
        <ul className="lab-legend">
          {shape.series.map((s, i) => (
            <li key={s.label}>
              <span
                className="swatch"
                style={{ background: COLORS[i % COLORS.length] }}
                aria-hidden="true"
              />
              {s.label}
            </li>
          ))}
        </ul>
        <span className="muted">
          {shape.kind === 'line'
            ? `by ${shape.xLabel}${shape.isTime ? ' (UTC)' : ''}`
            : `by ${shape.xLabel}`}
        </span>
      </figcaption>
    </figure>
  );
}
