import type { CsvCell } from '../csv.ts';
import {
  DAY,
  MINUTE,
  dayOfWeek,
  diurnalShape,
  formatDate,
  formatLocal,
  hourOfDay,
  hourlyProfile,
} from './calendar.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { feederLoadYearSchema } from './feeder-load-year-schema.ts';
import { createRandom, round, type Random } from './random.ts';

const START = Date.UTC(2023, 0, 1); // Sunday 1 January 2023, local standard time
const DAYS = 365;
const INTERVAL = 15 * MINUTE;

const HOLIDAYS: readonly [string, string][] = [
  ['2023-01-02', "New Year's Day (observed)"],
  ['2023-05-29', 'Memorial Day'],
  ['2023-07-04', 'Independence Day'],
  ['2023-09-04', 'Labor Day'],
  ['2023-11-23', 'Thanksgiving Day'],
  ['2023-11-24', 'Day after Thanksgiving'],
  ['2023-12-25', 'Christmas Day'],
];

// prettier-ignore
const SHAPES = {
  residentialWeekday: [0.52,0.48,0.46,0.45,0.46,0.52,0.66,0.78,0.74,0.66,0.62,0.6,0.6,0.6,0.61,0.64,0.72,0.84,0.94,0.98,0.95,0.86,0.74,0.6],
  residentialWeekend: [0.56,0.5,0.47,0.46,0.46,0.48,0.54,0.64,0.74,0.76,0.74,0.72,0.7,0.69,0.69,0.7,0.76,0.86,0.95,0.98,0.95,0.87,0.76,0.63],
  commercialOpen: [0.3,0.29,0.28,0.28,0.29,0.34,0.48,0.68,0.86,0.94,0.97,0.98,0.98,0.98,0.97,0.95,0.9,0.76,0.58,0.46,0.4,0.36,0.33,0.31],
  commercialClosed: [0.3,0.29,0.28,0.28,0.28,0.29,0.3,0.32,0.34,0.36,0.37,0.37,0.37,0.37,0.36,0.36,0.35,0.34,0.33,0.32,0.31,0.31,0.3,0.3],
  /** When people are home to run heating: mornings and evenings. */
  heatingPresence: [0.7,0.65,0.65,0.7,0.8,0.95,1.1,1.15,1.0,0.85,0.8,0.78,0.76,0.76,0.78,0.82,0.92,1.05,1.1,1.08,1.02,0.95,0.85,0.75],
};

/** Daily mean temperature (deg C) for the year: a seasonal cosine plus persistent weather. */
function dailyMeans(random: Random): number[] {
  const means: number[] = [];
  let weather = 0;
  for (let day = 0; day < DAYS + 1; day++) {
    weather = 0.75 * weather + random.normal(0, 2.6);
    let mean = 12 - 13 * Math.cos((2 * Math.PI * (day - 18)) / 365) + weather;
    if (day >= 32 && day <= 35) mean -= 11 * Math.sin((Math.PI * (day - 31)) / 5); // early-February cold snap
    if (day >= 198 && day <= 203) mean += 3.5 * Math.sin((Math.PI * (day - 197)) / 7); // July heat wave
    means.push(mean);
  }
  return means;
}

function temperatureAt(means: readonly number[], local: number): number {
  const day = Math.floor((local - START) / DAY);
  const mean = means[Math.max(0, Math.min(means.length - 1, day))] ?? 12;
  const swing = 5 + 2 * Math.cos((2 * Math.PI * (day - 196)) / 365); // wider in summer
  return mean - swing + 2 * swing * diurnalShape(hourOfDay(local));
}

/** Average demand (kW) of one feeder for the interval starting at a local time. */
function demandKw(
  feeder: 'RES-1' | 'COM-1',
  local: number,
  temp: number,
  isHoliday: boolean,
): number {
  const hour = hourOfDay(local) + 0.125; // middle of the interval
  const weekday = dayOfWeek(local);
  const isClosed = isHoliday || weekday === 0 || weekday === 6;
  const cooling = Math.max(0, temp - 21);
  const heating = Math.max(0, 14 - temp);
  if (feeder === 'RES-1') {
    const shape = isClosed ? SHAPES.residentialWeekend : SHAPES.residentialWeekday;
    const evening = 0.55 + 0.45 * hourlyProfile(shape, hour);
    return (
      2600 * hourlyProfile(shape, hour) +
      150 * cooling ** 1.15 * evening +
      110 * heating * hourlyProfile(SHAPES.heatingPresence, hour)
    );
  }
  const shape = isClosed ? SHAPES.commercialClosed : SHAPES.commercialOpen;
  const occupied = isClosed ? 0.3 : 0.25 + 0.75 * hourlyProfile(SHAPES.commercialOpen, hour);
  return 5400 * hourlyProfile(shape, hour) + 150 * cooling * occupied + 45 * heating * occupied;
}

function generateLoad(seed: number): CsvCell[][] {
  const random = createRandom(seed, 'feeder-load-year');
  const means = dailyMeans(random);
  const holidayDates = new Set(HOLIDAYS.map(([date]) => date));
  const rows: CsvCell[][] = [];
  const noise = { 'RES-1': 0, 'COM-1': 0 };
  const intervals = (DAYS * DAY) / INTERVAL;
  for (let i = 0; i < intervals; i++) {
    const local = START + i * INTERVAL;
    // Buildings and houses respond to the temperature of the last few hours.
    const lagged = temperatureAt(means, local - 2.5 * 60 * MINUTE);
    const isHoliday = holidayDates.has(formatDate(local));
    for (const feeder of ['RES-1', 'COM-1'] as const) {
      noise[feeder] = 0.85 * noise[feeder] + random.normal(0, feeder === 'RES-1' ? 0.018 : 0.012);
      const kw = demandKw(feeder, local, lagged, isHoliday) * (1 + noise[feeder]);
      rows.push([formatLocal(local), feeder, round(kw, 1)]);
    }
  }
  return rows;
}

/** feeder-load-year: 15-minute demand for a residential and a commercial feeder in 2023. */
export const feederLoadYear: DatasetGenerator = {
  name: 'feeder-load-year',
  schema: feederLoadYearSchema,
  generate: (seed) => ({
    feeder_load: generateLoad(seed),
    holidays: HOLIDAYS.map(([date, name]) => [date, name]),
  }),
};
