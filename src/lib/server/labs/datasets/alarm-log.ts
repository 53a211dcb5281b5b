import type { CsvCell } from '../csv.ts';
import { alarmLogSchema } from './alarm-log-schema.ts';
import { DAY, HOUR, MINUTE, formatUtcMillis, hourOfDay } from './calendar.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { protectionEvents } from './protection-sequences.ts';
import { createRandom, type Random } from './random.ts';

/** One row of the event log before ids are assigned. */
export interface LogEvent {
  ms: number;
  device: string;
  point: string;
  event: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  value: string | null;
}

const MONTH_START = Date.UTC(2024, 6, 1);
const MONTH_END = Date.UTC(2024, 7, 1);
const LOCAL_OFFSET = -5 * HOUR;
/** A UTC instant in July 2024. */
const july = (day: number, hour: number, minute: number, second = 0, ms = 0) =>
  Date.UTC(2024, 6, day, hour, minute, second, ms);

/** An alarm that comes and returns to normal: two events. */
function alarmPair(
  device: string,
  point: string,
  severity: LogEvent['severity'],
  from: number,
  to: number,
  values: [string | null, string | null] = [null, null],
): LogEvent[] {
  return [
    { ms: from, device, point, event: 'ALARM', severity, value: values[0] },
    { ms: to, device, point, event: 'NORMAL', severity: 'info', value: values[1] },
  ];
}

/** Tap changes of one transformer's LTC following the daily load, except while blocked. */
function tapChanges(random: Random, device: string, isFrozen: (ms: number) => boolean): LogEvent[] {
  const events: LogEvent[] = [];
  let tap = 2;
  let dailySwing = 3;
  for (let ms = MONTH_START; ms < MONTH_END; ms += 2 * MINUTE) {
    if ((ms - MONTH_START) % DAY === 0) dailySwing = random.between(2.2, 4.2);
    if (isFrozen(ms)) continue;
    const hour = hourOfDay(ms + LOCAL_OFFSET);
    const load = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4.5)) / 24);
    const target = 1 + dailySwing * load + random.normal(0, 0.12);
    if (Math.abs(target - tap) >= 0.85) {
      const direction = target > tap ? 1 : -1;
      tap += direction;
      const event = direction > 0 ? 'TAP_RAISE' : 'TAP_LOWER';
      const sign = tap > 0 ? '+' : '';
      events.push({
        ms: ms + random.integer(0, 119_999),
        device,
        point: 'LTC',
        event,
        severity: 'info',
        value: `tap ${sign}${tap}`,
      });
    }
  }
  return events;
}

/** A contact bouncing between alarm and normal many times: the chattering alarm. */
function chatter(
  random: Random,
  device: string,
  point: string,
  from: number,
  minutes: number,
): LogEvent[] {
  const events: LogEvent[] = [];
  let ms = from;
  while (ms < from + minutes * MINUTE) {
    const normalAt = ms + random.integer(1500, 40_000);
    events.push(...alarmPair(device, point, 'medium', ms, normalAt));
    ms = normalAt + random.integer(4000, 90_000);
  }
  return events;
}

function routineEvents(random: Random): LogEvent[] {
  const events: LogEvent[] = [];
  const jitter = (minutes: number) => random.integer(-minutes * 60_000, minutes * 60_000);
  for (let day = 1; day <= 31; day++) {
    // Capacitor bank on in the morning, off late evening (local time), by its time clock.
    events.push({
      ms: july(day, 13, 0) + jitter(35),
      device: 'CH-CAP-1',
      point: '52',
      event: 'CLOSE',
      severity: 'info',
      value: null,
    });
    if (day < 31)
      events.push({
        ms: july(day + 1, 2, 30) + jitter(25),
        device: 'CH-CAP-1',
        point: '52',
        event: 'OPEN',
        severity: 'info',
        value: null,
      });
  }
  events.push(
    ...tapChanges(random, 'CH-T1', (ms) => ms >= july(11, 21, 12) && ms < july(11, 22, 5)),
    ...tapChanges(random, 'CH-T2', (ms) => ms >= july(13, 16, 30) && ms < july(15, 14, 20)),
  );
  return events;
}

/** Alarms that go with the SCADA week's gaps and voltage excursions, and other station alarms. */
function stationAlarms(random: Random): LogEvent[] {
  const ms = () => random.integer(0, 999);
  const events: LogEvent[] = [
    ...alarmPair(
      'CH-RTU-1',
      'COMM_FAIL',
      'high',
      july(9, 3, 12, 4, ms()),
      july(9, 3, 23, 51, ms()),
    ),
    ...alarmPair(
      'CH-T1',
      'LTC_BLOCKED',
      'medium',
      july(11, 21, 12, 37, ms()),
      july(11, 22, 4, 58, ms()),
    ),
    ...alarmPair(
      'CH-T1',
      'BUS_UNDERVOLTAGE',
      'high',
      july(11, 21, 30, 16, ms()),
      july(11, 22, 6, 21, ms()),
      ['13.41 kV', '13.58 kV'],
    ),
    ...alarmPair(
      'CH-T1',
      'OIL_TEMP',
      'medium',
      july(11, 20, 46, 9, ms()),
      july(11, 23, 52, 40, ms()),
      ['86 C', '84 C'],
    ),
    ...alarmPair(
      'CH-T1',
      'OIL_TEMP',
      'medium',
      july(12, 21, 18, 55, ms()),
      july(12, 22, 41, 3, ms()),
      ['86 C', '84 C'],
    ),
    ...alarmPair(
      'CH-T1',
      'OIL_TEMP',
      'medium',
      july(26, 21, 2, 31, ms()),
      july(26, 23, 15, 12, ms()),
      ['87 C', '84 C'],
    ),
    ...alarmPair(
      'CH-T2',
      'LTC_MANUAL',
      'low',
      july(13, 16, 31, 2, ms()),
      july(15, 14, 20, 44, ms()),
    ),
    ...alarmPair(
      'CH-T2',
      'BUS_OVERVOLTAGE',
      'high',
      july(14, 9, 10, 22, ms()),
      july(14, 10, 25, 53, ms()),
      ['14.58 kV', '14.47 kV'],
    ),
    {
      ms: july(14, 10, 25, 40, ms()),
      device: 'CH-T2',
      point: 'LTC',
      event: 'TAP_LOWER',
      severity: 'info',
      value: 'tap +1',
    },
    {
      ms: july(14, 11, 4, 50, ms()),
      device: 'CH-T2',
      point: 'LTC',
      event: 'TAP_LOWER',
      severity: 'info',
      value: 'tap 0',
    },
    ...alarmPair(
      'CH-BAT-1',
      'CHARGER_AC_FAIL',
      'high',
      july(25, 16, 2, 11, ms()),
      july(25, 16, 50, 37, ms()),
    ),
    ...alarmPair(
      'CH-BAT-1',
      'DC_VOLTS_LOW',
      'high',
      july(25, 16, 40, 5, ms()),
      july(25, 16, 51, 2, ms()),
      ['124.1 V', '131.8 V'],
    ),
    ...chatter(random, 'CH-T2', 'OIL_LEVEL_LOW', july(18, 20, 5, 12, ms()), 55),
    ...chatter(random, 'CH-T2', 'OIL_LEVEL_LOW', july(19, 19, 40, 3, ms()), 25),
    ...chatter(random, 'CH-T2', 'OIL_LEVEL_LOW', july(21, 21, 10, 48, ms()), 15),
  ];
  // Crew visits open the control house door on arrival and on departure.
  const visits: [number, number, number][] = [
    [11, 14, 5],
    [12, 15, 20],
    [13, 14, 40],
    [15, 15, 10],
    [22, 14, 30],
  ];
  for (const [day, hour, minute] of visits) {
    const arrive = july(day, hour, minute, random.integer(0, 59), ms());
    const leave = arrive + random.integer(90, 240) * MINUTE;
    events.push(
      ...alarmPair('CH-RTU-1', 'DOOR_OPEN', 'low', arrive, arrive + random.integer(40, 200) * 1000),
    );
    events.push(
      ...alarmPair('CH-RTU-1', 'DOOR_OPEN', 'low', leave, leave + random.integer(20, 90) * 1000),
    );
  }
  // Brief communication losses to the RTU over the month.
  for (let i = 0; i < 8; i++) {
    const start = MONTH_START + random.integer(0, 30 * 24 * 60) * MINUTE + ms();
    events.push(
      ...alarmPair('CH-RTU-1', 'COMM_FAIL', 'high', start, start + random.integer(2, 25) * 1000),
    );
  }
  return events;
}

function generateEvents(seed: number): CsvCell[][] {
  const random = createRandom(seed, 'alarm-log');
  const events = [...routineEvents(random), ...stationAlarms(random), ...protectionEvents(random)]
    .filter((e) => e.ms >= MONTH_START && e.ms < MONTH_END)
    .map((e, order) => ({ ...e, order }));
  events.sort((a, b) => a.ms - b.ms || a.order - b.order);
  return events.map((e, index) => [
    index + 1,
    formatUtcMillis(e.ms),
    e.device,
    e.point,
    e.event,
    e.severity,
    e.value,
  ]);
}

/** alarm-log: a month of Cedar Hollow alarms and events with protection sequences. */
export const alarmLog: DatasetGenerator = {
  name: 'alarm-log',
  schema: alarmLogSchema,
  generate: (seed) => ({ events: generateEvents(seed) }),
};
