import type { CsvCell } from '../csv.ts';
import { DAY, MINUTE, diurnalShape, formatLocal, hourOfDay } from './calendar.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { pvPlantSchema } from './pv-plant-schema.ts';
import { createRandom, round, type Random } from './random.ts';

const START = Date.UTC(2024, 2, 4); // 4 March 2024 00:00 MST
const DAYS = 14;
const LATITUDE = 33.4;
const LONGITUDE = -112.0;
const STANDARD_MERIDIAN = -105; // MST
const TILT = 25; // degrees, facing south
const DC_KW = 6500;
const AC_KW = 5000;
const RAD = Math.PI / 180;

type Sky = 'clear' | 'partly' | 'mostly' | 'overcast';
const SKIES: readonly Sky[] = [
  'clear',
  'clear',
  'partly',
  'overcast',
  'partly',
  'clear',
  'clear',
  'partly',
  'mostly',
  'clear',
  'clear',
  'partly',
  'clear',
  'clear',
];

/** Clear-sky plane-of-array irradiance (W/m2) at a local standard time. */
function clearSkyPlaneOfArray(local: number): number {
  const dayOfYear = Math.floor((local - Date.UTC(2024, 0, 1)) / DAY) + 1;
  const declination = 23.45 * Math.sin((2 * Math.PI * (284 + dayOfYear)) / 365);
  const b = (2 * Math.PI * (dayOfYear - 81)) / 364;
  const equationOfTime = 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
  const solarHour = hourOfDay(local) + (4 * (LONGITUDE - STANDARD_MERIDIAN) + equationOfTime) / 60;
  const hourAngle = 15 * (solarHour - 12);
  const cosZenith =
    Math.sin(LATITUDE * RAD) * Math.sin(declination * RAD) +
    Math.cos(LATITUDE * RAD) * Math.cos(declination * RAD) * Math.cos(hourAngle * RAD);
  if (cosZenith <= 0.005) return 0;
  const zenith = Math.acos(cosZenith) / RAD;
  const airMass = 1 / (cosZenith + 0.50572 * (96.07995 - zenith) ** -1.6364);
  const beam = 1361 * 0.7 ** (airMass ** 0.678);
  const diffuse = 0.12 * beam * cosZenith + 18 * Math.sqrt(cosZenith);
  const global = beam * cosZenith + diffuse;
  const cosIncidence =
    Math.sin(declination * RAD) * Math.sin((LATITUDE - TILT) * RAD) +
    Math.cos(declination * RAD) * Math.cos((LATITUDE - TILT) * RAD) * Math.cos(hourAngle * RAD);
  return (
    beam * Math.max(0, cosIncidence) +
    (diffuse * (1 + Math.cos(TILT * RAD))) / 2 +
    (0.2 * global * (1 - Math.cos(TILT * RAD))) / 2
  );
}

/** Cloud transmittance minute by minute: 1 is clear, above 1 is cloud-edge enhancement. */
class CloudField {
  #isShaded = false;
  #depth = 0.4;
  #sinceClear = 99;
  #overcast = 0.3;
  readonly #random: Random;

  constructor(random: Random) {
    this.#random = random;
  }

  next(sky: Sky): number {
    const r = this.#random;
    if (sky === 'clear') return 0.985 + r.normal(0, 0.002);
    if (sky === 'overcast') {
      this.#overcast = Math.min(0.5, Math.max(0.12, this.#overcast + r.normal(0, 0.015)));
      return this.#overcast;
    }
    const enter = sky === 'partly' ? 0.07 : 0.2;
    const leave = sky === 'partly' ? 0.22 : 0.09;
    if (this.#isShaded && r.chance(leave)) {
      this.#isShaded = false;
      this.#sinceClear = 0;
    } else if (!this.#isShaded && r.chance(enter)) {
      this.#isShaded = true;
      this.#depth = r.between(0.22, 0.55);
    }
    if (this.#isShaded) return this.#depth + r.normal(0, 0.03);
    this.#sinceClear++;
    return this.#sinceClear <= 2 ? r.between(1.06, 1.14) : 0.98 + r.normal(0, 0.01);
  }
}

function generateOutput(seed: number): CsvCell[][] {
  const random = createRandom(seed, 'pv-plant');
  const clouds = new CloudField(random);
  const rows: CsvCell[][] = [];
  let plantIrradiance = 0;
  let moduleTemp = 8;
  let low = 9;
  let high = 24;
  for (let m = 0; m < DAYS * 24 * 60; m++) {
    const local = START + m * MINUTE;
    const sky = SKIES[Math.floor(m / 1440)] ?? 'clear';
    if (m % 1440 === 0) {
      const isCool = sky === 'overcast' || sky === 'mostly';
      low = random.between(6, 12);
      high = low + (isCool ? random.between(6, 10) : random.between(13, 17));
    }
    const clear = clearSkyPlaneOfArray(local);
    const transmittance = clear > 0 ? Math.max(0.05, clouds.next(sky)) : 0;
    const sensor = clear * transmittance * (1 + random.normal(0, 0.003));
    // The array spans hectares, so the plant sees a smoothed version of the point sensor.
    plantIrradiance += (sensor - plantIrradiance) * 0.55;
    const ambient = low + (high - low) * diurnalShape(hourOfDay(local));
    const target = ambient + 0.03 * sensor - (clear > 0 ? 0 : 2);
    moduleTemp += (target - moduleTemp) * (1 - Math.exp(-1 / 6));
    const dcKw = DC_KW * (plantIrradiance / 1000) * (1 - 0.0037 * (moduleTemp - 25)) * 0.965;
    const efficiency = 0.981 * (1 - 0.03 * Math.exp(-dcKw / 250));
    const acKw = clear > 0 && dcKw > 15 ? Math.min(AC_KW, dcKw * efficiency) : 0;
    rows.push([
      formatLocal(local),
      round(acKw, 1),
      round(Math.max(0, sensor), 1),
      round(moduleTemp, 1),
    ]);
  }
  return rows;
}

/** pv-plant: 14 days of 1-minute output of a 5 MWac plant with clouds and clipping. */
export const pvPlant: DatasetGenerator = {
  name: 'pv-plant',
  schema: pvPlantSchema,
  generate: (seed) => ({ pv_output: generateOutput(seed) }),
};
