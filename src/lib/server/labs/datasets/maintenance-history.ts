import type { CsvCell } from '../csv.ts';
import type { Asset } from './asset-register.ts';
import { DAY, formatDate } from './calendar.ts';
import { createRandom, round, type Random } from './random.ts';

type Kind =
  | 'inspection'
  | 'infrared_scan'
  | 'timing_test'
  | 'oil_analysis'
  | 'relay_test'
  | 'battery_test'
  | 'repair'
  | 'replacement';

interface WorkOrder {
  assetId: string;
  date: string;
  kind: Kind;
  finding: string;
  cost: number;
}

const RECORDS_START = Date.UTC(2010, 0, 1);
const RECORDS_END = Date.UTC(2024, 6, 31);

/** Routine work by asset type: the kind and its interval in years. */
const PLAN: Record<Asset['type'], readonly [Kind, number][]> = {
  breaker: [
    ['inspection', 2],
    ['timing_test', 6],
  ],
  transformer: [
    ['inspection', 1],
    ['oil_analysis', 1],
    ['infrared_scan', 2],
  ],
  relay: [['relay_test', 6]],
  recloser: [['inspection', 3]],
  regulator: [
    ['inspection', 2],
    ['oil_analysis', 3],
  ],
  capacitor_bank: [
    ['inspection', 1],
    ['infrared_scan', 2],
  ],
  rtu: [['inspection', 3]],
  battery: [
    ['inspection', 1],
    ['battery_test', 1.5],
  ],
};

/** Findings per kind: [text, follow-up repair text or null]. */
const FINDINGS: Record<string, readonly [string, string | null][]> = {
  inspection: [
    ['No defects found', null],
    ['No defects found', null],
    ['No defects found; counters and gauges recorded', null],
    ['Minor oil weep at a gasket; monitor at next visit', null],
    ['Cabinet heater failed; replacement required', 'Replaced cabinet heater and thermostat'],
    ['Bird nesting material removed; no damage', null],
    [
      'Corrosion on ground connection; repair required',
      'Cleaned and re-made ground connection, resistance checked',
    ],
  ],
  infrared_scan: [
    ['No hot spots', null],
    ['No hot spots', null],
    ['Slight heating on cabinet terminal block, 6 C rise; monitor', null],
    [
      'Hot spot on phase C connector, 21 C rise; retighten',
      'Cleaned and retorqued phase C connector; rescan normal',
    ],
  ],
  timing_test: [
    ['Open and close times within manufacturer limits', null],
    ['Close time 5 ms slower than baseline; within limits', null],
    [
      'Pole scatter above limit on phase B; adjust linkage',
      'Adjusted operating linkage; timing retested within limits',
    ],
  ],
  oil_analysis: [
    ['DGA normal; all gases below IEEE C57.104 status 1 limits', null],
    ['DGA normal; moisture 12 ppm', null],
    ['Acetylene 2 ppm detected; resample in 3 months', null],
    [
      'Moisture 31 ppm and low dielectric strength; process oil',
      'Oil processed on site; moisture 9 ppm after treatment',
    ],
  ],
  relay_test: [
    ['All elements tested; settings verified against the setting sheet', null],
    ['Settings verified; firmware updated to current release', null],
    [
      'Output contact failed to assert; relay replaced',
      'Relay replaced under warranty; settings loaded and tested',
    ],
  ],
  battery_test: [
    ['Float voltage 133.2 V; specific gravity normal', null],
    ['Cell 37 low specific gravity; equalize charge applied', null],
    ['Capacity test 92% of rating', null],
    [
      'Capacity test 79% of rating; plan replacement',
      'Two weak cells replaced; capacity retest 88%',
    ],
  ],
};

const COST: Record<Kind, [number, number]> = {
  inspection: [280, 650],
  infrared_scan: [180, 380],
  timing_test: [1800, 3400],
  oil_analysis: [160, 260],
  relay_test: [1200, 2800],
  battery_test: [500, 1400],
  repair: [900, 12000],
  replacement: [12000, 95000],
};

/** The Cedar Hollow work orders that go with events in the alarm log and the SCADA week. */
const STORY: readonly WorkOrder[] = [
  ...['F1', 'F2', 'F3'].flatMap((f, i): WorkOrder[] => [
    {
      assetId: `CH-BRK-${f}`,
      date: `2016-04-${19 + i}`,
      kind: 'replacement',
      finding: 'Replaced 1978 oil circuit breaker with vacuum breaker VCB-15E',
      cost: 84250 + 410 * i,
    },
    {
      assetId: `CH-REL-${f}`,
      date: `2016-04-${19 + i}`,
      kind: 'replacement',
      finding: 'Replaced electromechanical 50/51 relays with TP-351 feeder relay',
      cost: 14780 + 95 * i,
    },
  ]),
  {
    assetId: 'CH-BAT-1',
    date: '2019-10-29',
    kind: 'replacement',
    finding: 'Station battery replaced after capacity test at 76% of rating',
    cost: 31640,
  },
  {
    assetId: 'CH-BRK-F3',
    date: '2024-07-11',
    kind: 'inspection',
    finding:
      'Post-fault inspection after four trips on 10 July; contact erosion 58% of limit, no damage',
    cost: 720,
  },
  {
    assetId: 'CH-REL-F3',
    date: '2024-07-11',
    kind: 'relay_test',
    finding:
      'Event reports of 10 July retrieved: B-C fault about 2.1 kA, tree contact; settings verified',
    cost: 1350,
  },
  {
    assetId: 'CH-T1',
    date: '2024-07-12',
    kind: 'repair',
    finding:
      'LTC drive motor overload tripped during the 11 July peak; overload reset, motor current and brake checked',
    cost: 1880,
  },
  {
    assetId: 'CH-T2',
    date: '2024-07-13',
    kind: 'inspection',
    finding: 'LTC control cabinet inspected; operations counter 61204',
    cost: 540,
  },
  {
    assetId: 'CH-T2',
    date: '2024-07-15',
    kind: 'repair',
    finding:
      'LTC control found in MANUAL since the 13 July inspection, causing high bus voltage on 14 July; returned to AUTO and added to the site checklist',
    cost: 410,
  },
  {
    assetId: 'CH-T2',
    date: '2024-07-22',
    kind: 'repair',
    finding: 'Oil level gauge alarm contact chattering; microswitch replaced, oil level normal',
    cost: 1260,
  },
  {
    assetId: 'CH-REC-F4-1',
    date: '2024-07-24',
    kind: 'repair',
    finding:
      'Locked out 23 July on a permanent ground fault (failed arrester downstream); arrester replaced, recloser tested',
    cost: 2975,
  },
];

function costOf(random: Random, kind: Kind, type: Asset['type']): number {
  const [min, max] = COST[kind];
  const scale = type === 'transformer' && kind !== 'oil_analysis' ? 1.6 : 1;
  return round(random.between(min, max) * scale, 2);
}

function routineOrders(asset: Asset, random: Random): WorkOrder[] {
  const orders: WorkOrder[] = [];
  const installed = Date.parse(`${asset.installed}T00:00:00Z`);
  for (const [kind, years] of PLAN[asset.type]) {
    const interval = years * 365 * DAY;
    let next = Math.max(installed + interval / 2, RECORDS_START + random.next() * interval);
    // Some assets fall behind: their crew stops getting to them after a random year.
    const neglectedAfter = random.chance(0.12)
      ? Date.UTC(random.integer(2014, 2021), 0, 1)
      : Infinity;
    while (next < Math.min(RECORDS_END, neglectedAfter)) {
      const findings = FINDINGS[kind] ?? FINDINGS.inspection ?? [];
      const [finding, followUp] = random.pick(findings);
      orders.push({
        assetId: asset.id,
        date: formatDate(next),
        kind,
        finding,
        cost: costOf(random, kind, asset.type),
      });
      const repairDate = next + random.integer(10, 60) * DAY;
      if (followUp && repairDate < RECORDS_END) {
        orders.push({
          assetId: asset.id,
          date: formatDate(repairDate),
          kind: 'repair',
          finding: followUp,
          cost: costOf(random, 'repair', asset.type),
        });
      }
      next += interval * random.between(0.85, 1.2);
    }
  }
  return orders;
}

/** Maintenance rows (id, asset_id, date, kind, finding, cost) for the assets, in date order. */
export function maintenanceHistory(assets: readonly Asset[], seed: number): CsvCell[][] {
  const random = createRandom(seed, 'maintenance');
  const orders = [...STORY, ...assets.flatMap((asset) => routineOrders(asset, random))];
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  orders.sort(
    (a, b) => byText(a.date, b.date) || byText(a.assetId, b.assetId) || byText(a.kind, b.kind),
  );
  return orders.map((o, index) => [104001 + index, o.assetId, o.date, o.kind, o.finding, o.cost]);
}
