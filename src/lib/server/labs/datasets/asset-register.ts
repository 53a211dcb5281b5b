import type { CsvCell } from '../csv.ts';
import { assetRegisterSchema } from './asset-register-schema.ts';
import { DAY, formatDate } from './calendar.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { maintenanceHistory } from './maintenance-history.ts';
import { createRandom, type Random } from './random.ts';

/** One row of the assets table. */
export interface Asset {
  id: string;
  type:
    | 'breaker'
    | 'recloser'
    | 'relay'
    | 'transformer'
    | 'regulator'
    | 'capacitor_bank'
    | 'rtu'
    | 'battery';
  substation: string;
  feeder: string | null;
  manufacturer: string;
  model: string;
  installed: string;
  rating: string;
}

const BREAKER_15KV = '15 kV 1200 A 25 kA';
const MAIN_BREAKER = '15 kV 2000 A 25 kA';
const OIL_BREAKER = '15 kV 1200 A 20 kA';
const RECLOSER = '15.5 kV 630 A 12.5 kA';
const TRANSFORMER = '138/13.8 kV 20/28 MVA OA/FA';

/** Cedar Hollow, written out because the alarm log and the SCADA week refer to these devices. */
// prettier-ignore
const CEDAR_HOLLOW: readonly Asset[] = [
  { id: 'CH-T1', type: 'transformer', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Meridian Transformer', model: 'MT-28/138', installed: '2005-06-14', rating: TRANSFORMER },
  { id: 'CH-T2', type: 'transformer', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Halvorsen Power', model: 'HP-2028', installed: '1991-09-03', rating: TRANSFORMER },
  { id: 'CH-REL-T1', type: 'relay', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Tessel Protection', model: 'TP-487', installed: '2016-05-10', rating: '5 A CT, 120 V VT, 125 V DC' },
  { id: 'CH-REL-T2', type: 'relay', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Tessel Protection', model: 'TP-487', installed: '2016-05-11', rating: '5 A CT, 120 V VT, 125 V DC' },
  { id: 'CH-BRK-M1', type: 'breaker', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Northfield Electric', model: 'VCB-15', installed: '2009-10-06', rating: MAIN_BREAKER },
  { id: 'CH-BRK-M2', type: 'breaker', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Northfield Electric', model: 'VCB-15', installed: '2009-10-07', rating: MAIN_BREAKER },
  { id: 'CH-BRK-F1', type: 'breaker', substation: 'Cedar Hollow', feeder: 'F1', manufacturer: 'Northfield Electric', model: 'VCB-15E', installed: '2016-04-19', rating: BREAKER_15KV },
  { id: 'CH-BRK-F2', type: 'breaker', substation: 'Cedar Hollow', feeder: 'F2', manufacturer: 'Northfield Electric', model: 'VCB-15E', installed: '2016-04-20', rating: BREAKER_15KV },
  { id: 'CH-BRK-F3', type: 'breaker', substation: 'Cedar Hollow', feeder: 'F3', manufacturer: 'Northfield Electric', model: 'VCB-15E', installed: '2016-04-21', rating: BREAKER_15KV },
  { id: 'CH-BRK-F4', type: 'breaker', substation: 'Cedar Hollow', feeder: 'F4', manufacturer: 'Atlas Power Equipment', model: 'OCB-15K', installed: '1978-05-22', rating: OIL_BREAKER },
  { id: 'CH-REL-F1', type: 'relay', substation: 'Cedar Hollow', feeder: 'F1', manufacturer: 'Tessel Protection', model: 'TP-351', installed: '2016-04-19', rating: '5 A CT, 120 V VT, 125 V DC' },
  { id: 'CH-REL-F2', type: 'relay', substation: 'Cedar Hollow', feeder: 'F2', manufacturer: 'Tessel Protection', model: 'TP-351', installed: '2016-04-20', rating: '5 A CT, 120 V VT, 125 V DC' },
  { id: 'CH-REL-F3', type: 'relay', substation: 'Cedar Hollow', feeder: 'F3', manufacturer: 'Tessel Protection', model: 'TP-351', installed: '2016-04-21', rating: '5 A CT, 120 V VT, 125 V DC' },
  { id: 'CH-REL-F4', type: 'relay', substation: 'Cedar Hollow', feeder: 'F4', manufacturer: 'Atlas Power Equipment', model: 'EM-51 (electromechanical)', installed: '1978-05-22', rating: '5 A CT' },
  { id: 'CH-REC-F2-1', type: 'recloser', substation: 'Cedar Hollow', feeder: 'F2', manufacturer: 'Northfield Electric', model: 'NR-15', installed: '2014-08-27', rating: RECLOSER },
  { id: 'CH-REC-F4-1', type: 'recloser', substation: 'Cedar Hollow', feeder: 'F4', manufacturer: 'Northfield Electric', model: 'NR-15', installed: '2011-03-15', rating: RECLOSER },
  { id: 'CH-REC-F4-2', type: 'recloser', substation: 'Cedar Hollow', feeder: 'F4', manufacturer: 'Northfield Electric', model: 'NR-15', installed: '2019-06-04', rating: RECLOSER },
  { id: 'CH-CAP-1', type: 'capacitor_bank', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Calder Switchgear', model: 'CB-3600', installed: '1998-07-13', rating: '13.8 kV 3.6 Mvar' },
  { id: 'CH-RTU-1', type: 'rtu', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Tessel Protection', model: 'RTU-560', installed: '2016-05-12', rating: '125 V DC, DNP3 over IP' },
  { id: 'CH-BAT-1', type: 'battery', substation: 'Cedar Hollow', feeder: null, manufacturer: 'Keystone Battery', model: 'KB-125 (60 cells, VLA)', installed: '2019-10-29', rating: '125 V DC 200 Ah' },
];

function dateNear(random: Random, year: number, spreadDays = 300): string {
  return formatDate(Date.UTC(year, 2, 1) + random.integer(0, spreadDays) * DAY);
}

/** A substation built in one year, with some equipment replaced or added since. */
function buildSubstation(
  random: Random,
  code: string,
  substation: string,
  built: number,
  feeders: number,
  transformers: number,
): Asset[] {
  const assets: Asset[] = [];
  const add = (asset: Omit<Asset, 'substation'>) => assets.push({ ...asset, substation });
  for (let t = 1; t <= transformers; t++) {
    const isMeridian = random.chance(0.5);
    add({
      id: `${code}-T${t}`,
      type: 'transformer',
      feeder: null,
      manufacturer: isMeridian ? 'Meridian Transformer' : 'Halvorsen Power',
      model: isMeridian ? 'MT-28/138' : 'HP-2028',
      installed: dateNear(random, built),
      rating: TRANSFORMER,
    });
    add({
      id: `${code}-REL-T${t}`,
      type: 'relay',
      feeder: null,
      manufacturer: 'Tessel Protection',
      model: 'TP-487',
      installed: dateNear(random, Math.max(built, 2012)),
      rating: '5 A CT, 120 V VT, 125 V DC',
    });
    add({
      id: `${code}-BRK-M${t}`,
      type: 'breaker',
      feeder: null,
      manufacturer: random.pick(['Northfield Electric', 'Calder Switchgear']),
      model: random.pick(['VCB-15', 'CV-17.5']),
      installed: dateNear(random, built),
      rating: MAIN_BREAKER,
    });
  }
  for (let f = 1; f <= feeders; f++) {
    const feeder = `F${f}`;
    const breakerYear = random.chance(0.3) ? built + random.integer(8, 20) : built;
    add({
      id: `${code}-BRK-${feeder}`,
      type: 'breaker',
      feeder,
      manufacturer: random.pick(['Northfield Electric', 'Calder Switchgear']),
      model: random.pick(['VCB-15E', 'CV-17.5']),
      installed: dateNear(random, Math.min(breakerYear, 2023)),
      rating: BREAKER_15KV,
    });
    add({
      id: `${code}-REL-${feeder}`,
      type: 'relay',
      feeder,
      manufacturer: 'Tessel Protection',
      model: random.pick(['TP-351', 'TP-351S']),
      installed: dateNear(random, Math.max(built, random.integer(2008, 2021))),
      rating: '5 A CT, 120 V VT, 125 V DC',
    });
    const reclosers = random.integer(0, 2);
    for (let r = 1; r <= reclosers; r++) {
      add({
        id: `${code}-REC-${feeder}-${r}`,
        type: 'recloser',
        feeder,
        manufacturer: 'Northfield Electric',
        model: random.pick(['NR-15', 'NR-15S']),
        installed: dateNear(random, random.integer(Math.max(built, 2004), 2023)),
        rating: RECLOSER,
      });
    }
    if (random.chance(0.35)) {
      add({
        id: `${code}-REG-${feeder}-1`,
        type: 'regulator',
        feeder,
        manufacturer: 'Halvorsen Power',
        model: 'VR-32',
        installed: dateNear(random, random.integer(built, 2022)),
        rating: '13.8 kV 328 A, 32 steps ±10%',
      });
    }
  }
  const banks = random.integer(1, 2);
  for (let c = 1; c <= banks; c++) {
    add({
      id: `${code}-CAP-${c}`,
      type: 'capacitor_bank',
      feeder: null,
      manufacturer: 'Calder Switchgear',
      model: 'CB-3600',
      installed: dateNear(random, built + c),
      rating: '13.8 kV 3.6 Mvar',
    });
  }
  add({
    id: `${code}-RTU-1`,
    type: 'rtu',
    feeder: null,
    manufacturer: 'Tessel Protection',
    model: 'RTU-560',
    installed: dateNear(random, Math.max(built, 2013)),
    rating: '125 V DC, DNP3 over IP',
  });
  add({
    id: `${code}-BAT-1`,
    type: 'battery',
    feeder: null,
    manufacturer: 'Keystone Battery',
    model: 'KB-125 (60 cells, VLA)',
    installed: dateNear(random, Math.max(built, random.integer(2014, 2021))),
    rating: '125 V DC 200 Ah',
  });
  return assets;
}

/** Every asset of the three substations, Cedar Hollow first. */
export function registerAssets(seed: number): Asset[] {
  const random = createRandom(seed, 'asset-register');
  return [
    ...CEDAR_HOLLOW,
    ...buildSubstation(random, 'MV', 'Maple Valley', 1996, 6, 2),
    ...buildSubstation(random, 'GP', 'Granite Point', 2012, 3, 1),
  ];
}

/** asset-register: assets of three substations and their maintenance work orders. */
export const assetRegister: DatasetGenerator = {
  name: 'asset-register',
  schema: assetRegisterSchema,
  generate: (seed) => {
    const assets = registerAssets(seed);
    const rows: CsvCell[][] = assets.map((a) => [
      a.id,
      a.type,
      a.substation,
      a.feeder,
      a.manufacturer,
      a.model,
      a.installed,
      a.rating,
    ]);
    return { assets: rows, maintenance: maintenanceHistory(assets, seed) };
  },
};
