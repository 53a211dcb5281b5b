import type { CsvCell } from '../csv.ts';
import type { Asset } from './asset-register.ts';
import { round, type Random } from './random.ts';

/** Gas concentrations of one sample in ppm, in the column order of dga_samples. */
interface Gases {
  h2: number;
  ch4: number;
  c2h6: number;
  c2h4: number;
  c2h2: number;
  co: number;
  co2: number;
  o2: number;
  n2: number;
}

/** Sampling dates: twice a year from 2019, in March and September. */
const ROUTINE: readonly string[] = Array.from({ length: 11 }, (_, i) => {
  const year = 2019 + Math.floor(i / 2);
  return i % 2 === 0 ? `${year}-03-12` : `${year}-09-17`;
});

function yearsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);
}

/** A healthy sealed transformer: low hydrocarbons, CO and CO2 growing slowly with paper ageing. */
function healthy(random: Random, installed: string, date: string): Gases {
  const age = yearsBetween(installed, date);
  const jitter = (value: number) => Math.max(0, value * (1 + random.normal(0, 0.08)));
  return {
    h2: jitter(14 + age * 0.6),
    ch4: jitter(6 + age * 0.5),
    c2h6: jitter(5 + age * 0.7),
    c2h4: jitter(2 + age * 0.15),
    c2h2: 0,
    co: jitter(150 + age * 11),
    co2: jitter(1400 + age * 120),
    o2: jitter(2400),
    n2: jitter(52000),
  };
}

/** Samples of one transformer: routine dates plus any extra ones, each gas shaped by `change`. */
function series(
  random: Random,
  asset: Asset,
  extra: readonly string[],
  change: (date: string, gases: Gases) => Gases = (_date, gases) => gases,
): { date: string; gases: Gases }[] {
  return [...ROUTINE, ...extra]
    .sort()
    .map((date) => ({ date, gases: change(date, healthy(random, asset.installed, date)) }));
}

/** Interpolates a planted trend: 0 before `start`, 1 at `end`, linear between. */
function ramp(date: string, start: string, end: string): number {
  const t = (Date.parse(date) - Date.parse(start)) / (Date.parse(end) - Date.parse(start));
  return Math.min(1, Math.max(0, t));
}

/** Dissolved gas history of every power transformer, with three planted stories. */
export function dgaHistory(random: Random, assets: readonly Asset[]): CsvCell[][] {
  const samples: { asset: string; date: string; gases: Gases }[] = [];
  for (const asset of assets.filter((a) => a.type === 'transformer')) {
    let rows: { date: string; gases: Gases }[];
    if (asset.id === 'CH-T2') {
      // A developing thermal fault in the main tank (Duval T2) from 2022; a follow-up in July 2024.
      rows = series(random, asset, ['2024-06-11', '2024-07-25'], (date, g) => {
        const r = ramp(date, '2022-03-12', '2024-07-25');
        return {
          ...g,
          h2: g.h2 + 70 * r,
          ch4: g.ch4 + 175 * r * r,
          c2h6: g.c2h6 + 45 * r * r,
          c2h4: g.c2h4 + 148 * r * r,
          c2h2: r > 0.8 ? 1 : 0,
        };
      });
    } else if (asset.id === 'MV-T1') {
      // Acetylene appears in late 2023: low-energy discharge (Duval D1).
      rows = series(random, asset, ['2024-01-23', '2024-05-07'], (date, g) => {
        const r = ramp(date, '2023-09-17', '2024-05-07');
        return {
          ...g,
          h2: g.h2 + 150 * r,
          ch4: 30 * (1 + random.normal(0, 0.03)) * r + g.ch4 * (1 - r),
          c2h4: 10 * r + g.c2h4 * (1 - r),
          c2h2: round(9 * r, 0),
        };
      });
    } else if (asset.id === 'GP-T1') {
      // One sample with a hydrogen spike that the resample of 4 April did not confirm.
      rows = series(random, asset, ['2023-04-04'], (date, g) =>
        date === '2023-03-12' ? { ...g, h2: 310 } : g,
      );
    } else {
      rows = series(random, asset, []);
    }
    for (const row of rows) samples.push({ asset: asset.id, ...row });
  }
  samples.sort((a, b) => a.date.localeCompare(b.date) || a.asset.localeCompare(b.asset));
  return samples.map((s, i) => [
    24001 + i,
    s.asset,
    s.date,
    round(s.gases.h2, 0),
    round(s.gases.ch4, 0),
    round(s.gases.c2h6, 0),
    round(s.gases.c2h4, 0),
    round(s.gases.c2h2, 0),
    round(s.gases.co, 0),
    round(s.gases.co2, 0),
    round(s.gases.o2, 0),
    round(s.gases.n2, 0),
  ]);
}
