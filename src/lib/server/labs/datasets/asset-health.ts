import type { CsvCell } from '../csv.ts';
import { type Asset, registerAssets } from './asset-register.ts';
import { assetHealthSchema } from './asset-health-schema.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { dgaHistory } from './dga-history.ts';
import { createRandom, round, type Random } from './random.ts';

type Defect = 'crack' | 'corrosion' | 'oil_leak' | 'contamination';
const DEFECTS: readonly Defect[] = ['crack', 'corrosion', 'oil_leak', 'contamination'];

/** Outdoor components the drone and the IR camera look at, by asset type. */
const COMPONENTS: Partial<Record<Asset['type'], { parts: readonly string[]; phased: boolean }>> = {
  transformer: { parts: ['HV bushing', 'LV bushing', 'radiator', 'tank'], phased: true },
  breaker: { parts: ['line-side bushing', 'load-side bushing', 'tank'], phased: true },
  recloser: { parts: ['source bushing', 'load bushing', 'tank'], phased: true },
  regulator: { parts: ['source bushing', 'load bushing', 'tank'], phased: true },
  capacitor_bank: { parts: ['fuse', 'can rack', 'insulator'], phased: false },
};
/** The defects a crew can find on each kind of part. */
function defectsFor(part: string): readonly Defect[] {
  if (part.includes('bushing') || part === 'insulator')
    return ['crack', 'contamination', 'oil_leak'];
  if (part === 'fuse') return ['corrosion', 'contamination'];
  return ['corrosion', 'oil_leak'];
}

const CAMPAIGN: Record<string, string> = {
  'Cedar Hollow': '2024-05-14',
  'Maple Valley': '2024-05-21',
  'Granite Point': '2024-06-04',
};
const SURVEY: Record<string, string> = {
  'Cedar Hollow': '2024-06-18',
  'Maple Valley': '2024-06-19',
  'Granite Point': '2024-06-20',
};
const PHASES = ['A', 'B', 'C'] as const;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The parts of an asset the inspection sees, one per phase for phased parts except tanks. */
function partsOf(asset: Asset): string[] {
  const spec = COMPONENTS[asset.type];
  if (!spec) return [];
  return spec.parts.flatMap((part) =>
    spec.phased && part.includes('bushing') ? PHASES.map((p) => `${part} ${p}`) : [part],
  );
}

/** The drone campaign: one scored image per component, with the crew's verdict. */
function inspectionFindings(random: Random, assets: readonly Asset[]): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let unverifiedAtGranitePoint = 0;
  for (const asset of assets) {
    for (const part of partsOf(asset)) {
      const id = rows.length + 1;
      const date = CAMPAIGN[asset.substation] ?? '2024-05-14';
      const options = defectsFor(part.replace(/ [ABC]$/, ''));
      let truth: Defect | 'no_defect' = random.chance(0.09) ? random.pick(options) : 'no_defect';
      let label: Defect;
      let confidence: number;
      if (truth !== 'no_defect') {
        label = random.chance(0.85) ? truth : random.pick(DEFECTS.filter((d) => d !== truth));
        confidence = clamp(random.normal(0.74, 0.14), 0.22, 0.99);
      } else {
        label = random.pick(options);
        confidence = clamp(Math.abs(random.normal(0.16, 0.15)), 0.02, 0.72);
      }
      // New galvanised steel at Granite Point: bright, clean tanks the model reads as corrosion.
      const isGalvanised =
        asset.substation === 'Granite Point' &&
        (part === 'tank' || part === 'radiator' || part === 'can rack');
      if (isGalvanised) {
        truth = 'no_defect';
        label = 'corrosion';
        confidence = random.between(0.71, 0.9);
      }
      // The finding that matters most: a cracked HV bushing on CH-T2 the model barely flagged.
      if (asset.id === 'CH-T2' && part === 'HV bushing B') {
        truth = 'crack';
        label = 'crack';
        confidence = 0.34;
      }
      let field: string | null = truth;
      if (asset.substation === 'Granite Point' && !isGalvanised && unverifiedAtGranitePoint < 14) {
        if (random.chance(0.45)) {
          field = null;
          unverifiedAtGranitePoint += 1;
        }
      }
      const image = `${asset.id}-${date.replaceAll('-', '')}-${String(id).padStart(4, '0')}.jpg`;
      rows.push([id, asset.id, date, image, part, label, round(confidence, 2), field]);
    }
  }
  return rows;
}

/** Minutes after midnight for the n-th reading of a survey day: 09:00 onwards, about 4 minutes each. */
function surveyTime(date: string, index: number): { at: string; hour: number } {
  const minutes = 9 * 60 + index * 4;
  const hour = Math.floor(minutes / 60);
  const at = `${date}T${String(hour).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { at, hour: minutes / 60 };
}

interface Reading {
  asset: Asset;
  component: string;
  phase: string | null;
  surface: string;
  emissivity: number;
  rise: number;
  hasReference: boolean;
  load?: number;
}

/** The infrared survey: connections of every outdoor asset, with a few planted problems. */
function irSurvey(random: Random, assets: readonly Asset[]): CsvCell[][] {
  const readings: Reading[] = [];
  for (const asset of assets) {
    const spec = COMPONENTS[asset.type];
    if (!spec) continue;
    const connections = spec.parts.filter((p) => p.includes('bushing') || p === 'fuse');
    for (const part of connections) {
      const name = part === 'fuse' ? 'fuse clip' : `${part.replace(' bushing', '')} connector`;
      const phases: (string | null)[] = spec.phased || part === 'fuse' ? [...PHASES] : [null];
      for (const phase of phases) {
        const isMinor = random.chance(0.06);
        readings.push({
          asset,
          component: name,
          phase,
          surface: random.chance(0.7) ? 'oxidised' : 'painted',
          emissivity: random.chance(0.8) ? 0.9 : 0.85,
          rise: isMinor ? random.between(1.2, 2.9) : Math.abs(random.normal(0.3, 0.3)),
          hasReference: phase !== null,
        });
      }
    }
  }
  const find = (asset: string, component: string, phase: string | null) =>
    readings.find((r) => r.asset.id === asset && r.component === component && r.phase === phase);
  const plant = (
    asset: string,
    component: string,
    phase: string | null,
    change: Partial<Reading>,
  ) => {
    const reading = find(asset, component, phase);
    if (!reading) throw new Error(`asset-health: no reading ${asset} ${component} ${phase}`);
    Object.assign(reading, change);
  };
  // CH-BRK-F4, the 1978 oil breaker: a failing load-side connection, priority 1.
  plant('CH-BRK-F4', 'load-side connector', 'B', { rise: 23.2 });
  // CH-T2: a warm LV connection, priority 3.
  plant('CH-T2', 'LV connector', 'C', { rise: 9.6 });
  // A regulator read at light load: only priority 3 now, far worse at full load.
  const regulator = assets.find((a) => a.type === 'regulator' && a.substation === 'Maple Valley');
  if (!regulator) throw new Error('asset-health: Maple Valley has no regulator');
  plant(regulator.id, 'load connector', 'A', { load: 27 });
  plant(regulator.id, 'load connector', 'B', { rise: 5.4, load: 27 });
  plant(regulator.id, 'load connector', 'C', { load: 27 });
  // Granite Point's capacitor bank: a neutral connection with nothing similar to compare against.
  const bank = assets.find((a) => a.id === 'GP-CAP-1');
  if (!bank) throw new Error('asset-health: GP-CAP-1 missing');
  readings.push({
    asset: bank,
    component: 'neutral connector',
    phase: null,
    surface: 'oxidised',
    emissivity: 0.9,
    rise: 27.6,
    hasReference: false,
  });
  // Bright new aluminium read with the default emissivity: the camera reports it far too cool.
  plant('MV-BRK-F3', 'line-side connector', 'A', {
    surface: 'bare_metal',
    emissivity: 0.95,
    rise: -6.8,
  });

  const rows: CsvCell[][] = [];
  const perDay = new Map<string, number>();
  for (const reading of readings) {
    const date = SURVEY[reading.asset.substation] ?? '2024-06-18';
    const index = perDay.get(date) ?? 0;
    perDay.set(date, index + 1);
    const { at, hour } = surveyTime(date, index);
    const ambient = 24 + 6 * Math.sin((Math.PI * (hour - 8)) / 12) + random.normal(0, 0.4);
    const load = reading.load ?? clamp(random.normal(68, 9), 45, 92);
    const reference = ambient + (load / 100) ** 2 * random.between(9, 15);
    const spot = reference + reading.rise;
    rows.push([
      rows.length + 1,
      reading.asset.id,
      at,
      reading.component,
      reading.phase,
      reading.surface,
      reading.emissivity,
      round(spot, 1),
      reading.hasReference ? round(reference + random.normal(0, 0.15), 1) : null,
      round(ambient, 1),
      round(clamp(random.normal(2.2, 1), 0.3, 4.8), 1),
      round(load, 0),
    ]);
  }
  return rows;
}

/** Criticality of every asset the inspection and the survey cover. */
function criticality(random: Random, assets: readonly Asset[]): CsvCell[][] {
  const feederCustomers = new Map<string, number>();
  for (const asset of assets) {
    const key = `${asset.substation}/${asset.feeder}`;
    if (asset.feeder && !feederCustomers.has(key))
      feederCustomers.set(key, random.integer(8, 32) * 100);
  }
  const stationCustomers = (substation: string) =>
    [...feederCustomers.entries()]
      .filter(([key]) => key.startsWith(`${substation}/`))
      .reduce((sum, [, n]) => sum + n, 0);
  const rows: CsvCell[][] = [];
  for (const asset of assets) {
    if (!COMPONENTS[asset.type]) continue;
    const feeder = feederCustomers.get(`${asset.substation}/${asset.feeder}`) ?? 0;
    let customers: number;
    let rating: number;
    if (asset.type === 'transformer' || (asset.type === 'breaker' && !asset.feeder)) {
      const transformers = assets.filter(
        (a) => a.substation === asset.substation && a.type === 'transformer',
      ).length;
      customers = Math.round(stationCustomers(asset.substation) / transformers);
      rating = asset.type === 'transformer' ? 5 : 4;
    } else if (asset.type === 'capacitor_bank') {
      customers = 0;
      rating = 1;
    } else if (asset.type === 'breaker') {
      customers = feeder;
      rating = feeder >= 2000 ? 4 : 3;
    } else {
      customers = Math.round(feeder * random.between(0.3, 0.6));
      rating = 2;
    }
    rows.push([asset.id, customers, rating]);
  }
  return rows;
}

/** asset-health: inspection findings, IR survey, DGA history and criticality for the register's assets. */
export const assetHealth: DatasetGenerator = {
  name: 'asset-health',
  schema: assetHealthSchema,
  generate: (seed) => {
    const assets = registerAssets(seed);
    const random = createRandom(seed, 'asset-health');
    return {
      inspection_findings: inspectionFindings(random, assets),
      ir_survey: irSurvey(random, assets),
      dga_samples: dgaHistory(createRandom(seed, 'asset-health-dga'), assets),
      criticality: criticality(random, assets),
    };
  },
};
