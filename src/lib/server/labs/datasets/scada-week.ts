import type { CsvCell } from '../csv.ts';
import {
  HOUR,
  MINUTE,
  dayOfWeek,
  diurnalShape,
  formatUtcSeconds,
  hourOfDay,
  hourlyProfile,
} from './calendar.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { createRandom, round, type Random } from './random.ts';
import { scadaWeekSchema } from './scada-week-schema.ts';

const START = Date.UTC(2024, 6, 8); // Monday 8 July 2024 00:00 UTC
const MINUTES = 7 * 24 * 60;
const LOCAL_OFFSET = -5 * HOUR; // CDT
const at = (day: number, hour: number, minute: number) => Date.UTC(2024, 6, day, hour, minute);

/** Daily maximum temperature (deg C) by local date in July 2024: a heat wave peaking Thursday. */
const DAILY_MAX_C: Record<number, number> = {
  7: 31,
  8: 32,
  9: 33,
  10: 34,
  11: 37,
  12: 35,
  13: 32,
  14: 30,
  15: 30,
};

// prettier-ignore
const PROFILES = {
  residentialWeekday: [0.55,0.5,0.47,0.45,0.45,0.48,0.55,0.62,0.62,0.6,0.6,0.62,0.64,0.66,0.68,0.72,0.78,0.85,0.9,0.9,0.86,0.8,0.7,0.62],
  residentialWeekend: [0.58,0.52,0.48,0.46,0.45,0.46,0.5,0.56,0.64,0.7,0.72,0.74,0.75,0.76,0.77,0.79,0.82,0.86,0.9,0.9,0.86,0.8,0.72,0.64],
  commercialWeekday: [0.3,0.29,0.28,0.28,0.29,0.33,0.45,0.62,0.8,0.9,0.95,0.97,0.98,0.98,0.97,0.95,0.9,0.78,0.6,0.48,0.42,0.38,0.34,0.32],
  commercialWeekend: [0.3,0.29,0.28,0.28,0.28,0.29,0.31,0.36,0.42,0.46,0.48,0.49,0.49,0.49,0.48,0.47,0.45,0.42,0.4,0.38,0.36,0.34,0.32,0.31],
  ruralWeekday: [0.5,0.47,0.45,0.44,0.45,0.5,0.6,0.66,0.64,0.62,0.62,0.63,0.64,0.65,0.67,0.7,0.76,0.84,0.9,0.9,0.85,0.77,0.66,0.56],
};

interface FeederSpec {
  id: string;
  name: string;
  bus: 'BUS-1' | 'BUS-2';
  ratingMva: number;
  pvMw: number;
  /** tan(phi) of the load: reactive per unit of real power. */
  tanPhi: number;
  /** Offset of this feeder's voltage transducer from the true bus voltage, kV. */
  vtOffset: number;
}

const FEEDERS: readonly FeederSpec[] = [
  {
    id: 'F1',
    name: 'Oak Street',
    bus: 'BUS-1',
    ratingMva: 10,
    pvMw: 1.6,
    tanPhi: 0.272,
    vtOffset: 0.004,
  },
  {
    id: 'F2',
    name: 'Commerce Park',
    bus: 'BUS-1',
    ratingMva: 12,
    pvMw: 0,
    tanPhi: 0.395,
    vtOffset: -0.011,
  },
  {
    id: 'F3',
    name: 'Mill Road',
    bus: 'BUS-2',
    ratingMva: 12,
    pvMw: 0,
    tanPhi: 0.512,
    vtOffset: 0.008,
  },
  {
    id: 'F4',
    name: 'Riverside',
    bus: 'BUS-2',
    ratingMva: 8,
    pvMw: 0.9,
    tanPhi: 0.329,
    vtOffset: -0.006,
  },
];

/** Local air temperature at a local wall-clock time, with the Wednesday storm's cool-down. */
function temperature(local: number): number {
  const date = new Date(local).getUTCDate();
  const hour = hourOfDay(local);
  const max = DAILY_MAX_C[date] ?? 32;
  let value = max - 11 + 11 * diurnalShape(hour);
  const stormStart = at(10, 14, 30);
  if (local >= stormStart) value -= 8 * Math.exp(-(local - stormStart) / (5 * HOUR));
  return value;
}

/** Share of rooftop PV capacity producing now: a clear-sky bell dimmed by cloud cover (0 to 1). */
function solarFactor(local: number, cloudCover: number): number {
  const hour = hourOfDay(local);
  const sunrise = 6.15;
  const sunset = 20.5;
  if (hour <= sunrise || hour >= sunset) return 0;
  const clearSky = Math.sin((Math.PI * (hour - sunrise)) / (sunset - sunrise)) ** 1.3;
  const isStorm = local >= at(10, 13, 0) && local < at(10, 18, 0);
  return clearSky * (isStorm ? 0.15 : 1 - 0.7 * cloudCover);
}

/** Gross real-power demand of a feeder before rooftop PV, MW. */
function demand(feeder: FeederSpec, local: number, laggedTemp: number): number {
  const hour = hourOfDay(local);
  const weekday = dayOfWeek(local);
  const isWeekend = weekday === 0 || weekday === 6;
  const cooling = (base: number) => Math.max(0, laggedTemp - base);
  switch (feeder.id) {
    case 'F1': {
      const shape = isWeekend ? PROFILES.residentialWeekend : PROFILES.residentialWeekday;
      return 3.4 * hourlyProfile(shape, hour) + 0.24 * cooling(22);
    }
    case 'F2': {
      const shape = isWeekend ? PROFILES.commercialWeekend : PROFILES.commercialWeekday;
      const occupied = !isWeekend && hour >= 7 && hour < 19 ? 1 : 0.35;
      return 6 * hourlyProfile(shape, hour) + 0.22 * cooling(20) * occupied;
    }
    case 'F3': {
      const minuteOfDay = hour * 60;
      const isShiftChange = [405, 885, 1365].some((m) => Math.abs(minuteOfDay - m) <= 15);
      let base = 2.0;
      if (weekday >= 1 && weekday <= 5) base = isShiftChange ? 4.7 : 5.8;
      else if (weekday === 6 && hour >= 7 && hour < 15) base = isShiftChange ? 3.3 : 4.0;
      else if (weekday === 6) base = 2.2;
      return base + 0.05 * cooling(22);
    }
    default: {
      const irrigation = weekday >= 1 && weekday <= 5 && (hour >= 22 || hour < 6) ? 0.8 : 0;
      return 2.4 * hourlyProfile(PROFILES.ruralWeekday, hour) + 0.12 * cooling(22) + irrigation;
    }
  }
}

/** Bus voltage in kV for one bus, with an on-load tap changer holding it inside its band. */
function busVoltages(random: Random, busLoadMw: (minute: number) => number): number[] {
  const volts: number[] = [];
  let tap = 3;
  let outsideFor = 0;
  let sourceNoise = 0;
  for (let m = 0; m < MINUTES; m++) {
    const local = START + m * MINUTE + LOCAL_OFFSET;
    sourceNoise = 0.9 * sourceNoise + random.normal(0, 0.0012);
    // A daily cycle: the transmission source is highest at 04:00 local and lowest at 16:00.
    const daily = Math.cos((2 * Math.PI * (hourOfDay(local) - 4)) / 24);
    const source = 1.009 + 0.009 * daily + sourceNoise;
    const perUnit = source * (1 + tap * 0.00625) - 0.045 * (busLoadMw(m) / 20);
    const deviation = perUnit - 1.015;
    outsideFor = Math.abs(deviation) > 0.0085 ? outsideFor + 1 : 0;
    if (outsideFor >= 2) {
      tap += deviation > 0 ? -1 : 1;
      outsideFor = 0;
    }
    volts.push(13.8 * perUnit);
  }
  return volts;
}

/** Puts the planted voltage excursions on the bus voltage series (see content/datasets/README.md). */
function plantVoltageExcursions(bus1: number[], bus2: number[], random: Random): void {
  const index = (ms: number) => (ms - START) / MINUTE;
  // BUS-1: T1's tap changer blocked on the hottest afternoon; voltage sags below Range A.
  const blockStart = index(at(11, 21, 12));
  const lowStart = index(at(11, 21, 30));
  const lowEnd = index(at(11, 22, 5));
  const startValue = bus1[blockStart] ?? 13.95;
  for (let m = blockStart; m < lowStart; m++) {
    bus1[m] = startValue + ((13.47 - startValue) * (m - blockStart)) / (lowStart - blockStart);
  }
  for (let m = lowStart; m <= lowEnd; m++) bus1[m] = 13.385 + random.normal(0, 0.012);
  for (let step = 1; step <= 3; step++) {
    const m = lowEnd + step;
    bus1[m] = Math.min(13.385 + 0.19 * step, bus1[m] ?? 14);
  }
  // BUS-2: T2's tap changer left in manual; at light load on Sunday morning it rises above Range B.
  const riseStart = index(at(14, 7, 0));
  const highStart = index(at(14, 9, 10));
  const highEnd = index(at(14, 10, 25));
  const riseValue = bus2[riseStart] ?? 14.1;
  for (let m = riseStart; m < highStart; m++) {
    bus2[m] = riseValue + ((14.48 - riseValue) * (m - riseStart)) / (highStart - riseStart);
  }
  for (let m = highStart; m <= highEnd; m++) bus2[m] = 14.585 + random.normal(0, 0.012);
  for (let m = highEnd + 1; m < index(at(14, 11, 5)); m++) bus2[m] = 14.46 + random.normal(0, 0.01);
}

function isMissing(feeder: string, ms: number, randomGaps: ReadonlySet<string>): boolean {
  if (ms >= at(9, 3, 12) && ms <= at(9, 3, 23)) return true; // RTU communication loss
  if (feeder === 'F4' && ms >= at(12, 10, 5) && ms <= at(12, 10, 41)) return true;
  return randomGaps.has(`${feeder}@${ms}`);
}

function generateAnalogs(seed: number): CsvCell[][] {
  const random = createRandom(seed, 'scada-week');
  const loads = new Map<string, { mw: number[]; mvar: number[] }>();
  for (const feeder of FEEDERS) {
    const mw: number[] = [];
    const mvar: number[] = [];
    let noise = 0;
    let step = 0;
    let cloud = 0;
    for (let m = 0; m < MINUTES; m++) {
      const local = START + m * MINUTE + LOCAL_OFFSET;
      noise = 0.93 * noise + random.normal(0, 0.006);
      if (feeder.id === 'F3' && random.chance(1 / 40)) step = random.between(-0.35, 0.35);
      const gross = demand(feeder, local, temperature(local - 2 * HOUR)) * (1 + noise) + step;
      cloud = Math.min(1, Math.max(0, 0.97 * cloud + random.normal(0, 0.05)));
      const pv = feeder.pvMw * solarFactor(local, cloud);
      let q = gross * feeder.tanPhi;
      const hour = hourOfDay(local);
      if (feeder.id === 'F4' && hour >= 7 && hour < 22) q -= 0.6; // time-clock line capacitors
      mw.push(gross - pv);
      mvar.push(q);
    }
    loads.set(feeder.id, { mw, mvar });
  }
  // F3 locks out after the storm fault at 19:42:13Z and is closed again at 21:22:05Z.
  const lockout = { from: at(10, 19, 43), to: at(10, 21, 22) };
  const f3 = loads.get('F3');
  if (f3) {
    for (let m = 0; m < MINUTES; m++) {
      const ms = START + m * MINUTE;
      const sinceClose = ms - lockout.to;
      if (sinceClose > 0 && sinceClose < 40 * MINUTE) {
        const pickup = 1 + 0.35 * Math.exp(-sinceClose / (12 * MINUTE)); // cold-load pickup
        f3.mw[m] = (f3.mw[m] ?? 0) * pickup;
        f3.mvar[m] = (f3.mvar[m] ?? 0) * pickup;
      }
    }
  }
  const busLoad = (ids: string[]) => (m: number) =>
    ids.reduce((sum, id) => sum + (loads.get(id)?.mw[m] ?? 0), 0);
  const bus1 = busVoltages(random, busLoad(['F1', 'F2']));
  const bus2 = busVoltages(random, busLoad(['F3', 'F4']));
  plantVoltageExcursions(bus1, bus2, random);

  const randomGaps = new Set<string>();
  for (let i = 0; i < 9; i++) {
    randomGaps.add(`${random.pick(FEEDERS).id}@${START + random.integer(0, MINUTES - 1) * MINUTE}`);
  }
  const stuck = { from: at(11, 8, 0), to: at(11, 13, 47) };
  const stuckIndex = (stuck.from - START) / MINUTE;
  const stuckKv = round((bus1[stuckIndex] ?? 14) - 0.011 + random.normal(0, 0.004), 3);
  const badF4 = { from: at(13, 15, 20), to: at(13, 15, 28) };

  const rows: CsvCell[][] = [];
  for (let m = 0; m < MINUTES; m++) {
    const ms = START + m * MINUTE;
    for (const feeder of FEEDERS) {
      if (isMissing(feeder.id, ms, randomGaps)) continue;
      const load = loads.get(feeder.id);
      let mw = load?.mw[m] ?? 0;
      let mvar = load?.mvar[m] ?? 0;
      const bus = feeder.bus === 'BUS-1' ? bus1 : bus2;
      let kv = (bus[m] ?? 13.8) + feeder.vtOffset + random.normal(0, 0.004);
      let quality = 'good';
      if (feeder.id === 'F3' && ms >= lockout.from && ms <= lockout.to) {
        mw = 0;
        mvar = 0;
        kv = 0;
      }
      if (feeder.id === 'F2' && ms >= stuck.from && ms <= stuck.to) kv = stuckKv;
      if (ms === at(9, 3, 24)) quality = 'suspect'; // first poll after the RTU came back
      if (feeder.id === 'F4' && ms >= badF4.from && ms <= badF4.to) {
        mw = 0;
        mvar = 0;
        kv = 0;
        quality = 'bad';
      } else if (random.chance(feeder.id === 'F4' ? 0.002 : 0.0004)) {
        mw *= random.between(1.4, 1.8); // transducer spike
        quality = 'suspect';
      }
      rows.push([
        formatUtcSeconds(ms),
        feeder.id,
        round(mw, 3),
        round(mvar, 3),
        round(kv, 3),
        quality,
      ]);
    }
  }
  return rows;
}

/** scada-week: one week of 1-minute analogs for the four feeders of Cedar Hollow. */
export const scadaWeek: DatasetGenerator = {
  name: 'scada-week',
  schema: scadaWeekSchema,
  generate: (seed) => ({
    scada_analogs: generateAnalogs(seed),
    feeders: FEEDERS.map((f) => [f.id, f.name, f.bus, f.ratingMva, f.pvMw > 0 ? 1 : 0]),
  }),
};
