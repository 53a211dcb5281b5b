import type { LogEvent } from './alarm-log.ts';
import type { Random } from './random.ts';

const july = (day: number, hour: number, minute: number, second = 0, ms = 0) =>
  Date.UTC(2024, 6, day, hour, minute, second, ms);

/** Builds events at offsets (ms) from a start time. */
class Sequence {
  readonly events: LogEvent[] = [];
  #t: number;
  constructor(start: number) {
    this.#t = start;
  }
  /** Moves the clock on by `ms` and records an event there. */
  after(
    ms: number,
    device: string,
    point: string,
    event: string,
    severity: LogEvent['severity'],
    value: string | null = null,
  ): this {
    this.#t += Math.round(ms);
    this.events.push({ ms: this.#t, device, point, event, severity, value });
    return this;
  }
  /** The breaker's closing spring recharges for a few seconds after every close. */
  springCharge(breaker: string, random: Random): this {
    const t = this.#t;
    this.events.push({
      ms: t + 21,
      device: breaker,
      point: 'SPRING_UNCHARGED',
      event: 'ALARM',
      severity: 'low',
      value: null,
    });
    this.events.push({
      ms: t + random.integer(8200, 9800),
      device: breaker,
      point: 'SPRING_UNCHARGED',
      event: 'NORMAL',
      severity: 'info',
      value: null,
    });
    return this;
  }
}

/** One fault cleared by a relay-breaker pair: pickup, time-overcurrent trip, open, dropout. */
function clearFault(
  s: Sequence,
  random: Random,
  relay: string,
  breaker: string,
  element: string,
  amps: number,
  tripDelay: number,
): void {
  s.after(0, relay, element, 'PICKUP', 'high', `${amps} A`)
    .after(
      tripDelay + random.integer(-8, 8),
      relay,
      element,
      'TRIP',
      'high',
      `${amps + random.integer(-30, 30)} A`,
    )
    .after(random.integer(45, 58), breaker, '52', 'OPEN', 'high')
    .after(random.integer(8, 16), relay, element, 'DROPOUT', 'info');
}

/** F3 feeder breaker: a tree on the line during the 10 July storm; three reclose shots, lockout. */
function feederThreeLockout(random: Random): LogEvent[] {
  const s = new Sequence(july(10, 19, 42, 13, 418));
  const relay = 'CH-REL-F3';
  const breaker = 'CH-BRK-F3';
  const deadTimes = [500, 15_000, 30_000];
  clearFault(s, random, relay, breaker, '51P', 2140, 412);
  deadTimes.forEach((deadTime, shot) => {
    s.after(deadTime, relay, '79', 'RECLOSE', 'medium', `shot ${shot + 1}`)
      .after(random.integer(58, 70), breaker, '52', 'CLOSE', 'info')
      .springCharge(breaker, random)
      .after(
        random.integer(12, 20),
        relay,
        '51P',
        'PICKUP',
        'high',
        `${2100 - 60 * shot + random.integer(-20, 20)} A`,
      )
      .after(random.integer(420, 450), relay, '51P', 'TRIP', 'high', `${2090 - 60 * shot} A`)
      .after(random.integer(45, 58), breaker, '52', 'OPEN', 'high')
      .after(random.integer(8, 16), relay, '51P', 'DROPOUT', 'info');
  });
  s.after(random.integer(5, 15), relay, '79', 'LOCKOUT', 'critical', 'shot 3 of 3');
  // The line crew cleared the tree; the operator closed the breaker from SCADA.
  const restore = new Sequence(july(10, 21, 22, 5, 207));
  restore
    .after(0, breaker, '52', 'CLOSE', 'info', 'SCADA control')
    .springCharge(breaker, random)
    .after(random.integer(15, 25), relay, '79', 'RESET', 'info');
  return [...s.events, ...restore.events];
}

/** A line recloser that trips fast, recloses and holds: a temporary fault. */
function temporaryFault(random: Random, recloser: string, start: number, amps: number): LogEvent[] {
  const s = new Sequence(start);
  s.after(0, recloser, '51P', 'PICKUP', 'high', `${amps} A`)
    .after(
      random.integer(42, 55),
      recloser,
      '51P',
      'TRIP',
      'high',
      `${amps + random.integer(-25, 25)} A`,
    )
    .after(random.integer(30, 40), recloser, '52', 'OPEN', 'high')
    .after(random.integer(6, 12), recloser, '51P', 'DROPOUT', 'info')
    .after(2000 + random.integer(-20, 20), recloser, '79', 'RECLOSE', 'medium', 'shot 1')
    .after(random.integer(45, 60), recloser, '52', 'CLOSE', 'info')
    .after(60_000 + random.integer(0, 200), recloser, '79', 'RESET', 'info');
  return s.events;
}

/** A line recloser on a permanent ground fault: fast, fast, delayed trip, then lockout. */
function recloserLockout(random: Random): LogEvent[] {
  const recloser = 'CH-REC-F4-1';
  const s = new Sequence(july(23, 17, 26, 40, 552));
  const trip = (delay: number, amps: number) =>
    s
      .after(0, recloser, '51G', 'PICKUP', 'high', `${amps} A`)
      .after(
        delay + random.integer(-6, 6),
        recloser,
        '51G',
        'TRIP',
        'high',
        `${amps + random.integer(-15, 15)} A`,
      )
      .after(random.integer(30, 40), recloser, '52', 'OPEN', 'high')
      .after(random.integer(6, 12), recloser, '51G', 'DROPOUT', 'info');
  trip(60, 480);
  s.after(2000, recloser, '79', 'RECLOSE', 'medium', 'shot 1').after(
    random.integer(45, 60),
    recloser,
    '52',
    'CLOSE',
    'info',
  );
  trip(65, 472);
  s.after(10_000, recloser, '79', 'RECLOSE', 'medium', 'shot 2').after(
    random.integer(45, 60),
    recloser,
    '52',
    'CLOSE',
    'info',
  );
  trip(620, 466);
  s.after(random.integer(5, 15), recloser, '79', 'LOCKOUT', 'critical', 'shot 2 of 2');
  const restore = new Sequence(july(24, 15, 48, 31, 90));
  restore
    .after(0, recloser, '52', 'CLOSE', 'info', 'SCADA control')
    .after(random.integer(15, 25), recloser, '79', 'RESET', 'info');
  return [...s.events, ...restore.events];
}

/** Motor starts at the mill's shift change pick up the F3 relay briefly without tripping. */
function nuisancePickups(random: Random): LogEvent[] {
  const events: LogEvent[] = [];
  for (let day = 1; day <= 31; day++) {
    const weekday = new Date(Date.UTC(2024, 6, day)).getUTCDay();
    if (weekday === 0 || weekday === 6 || !random.chance(0.45)) continue;
    const start = july(day, 11, 50) + random.integer(0, 25 * 60_000);
    events.push(
      {
        ms: start,
        device: 'CH-REL-F3',
        point: '51P',
        event: 'PICKUP',
        severity: 'low',
        value: `${random.integer(610, 690)} A`,
      },
      {
        ms: start + random.integer(90, 420),
        device: 'CH-REL-F3',
        point: '51P',
        event: 'DROPOUT',
        severity: 'info',
        value: null,
      },
    );
  }
  return events;
}

/** Every protection operation of the month. */
export function protectionEvents(random: Random): LogEvent[] {
  return [
    ...temporaryFault(random, 'CH-REC-F2-1', july(10, 19, 38, 2, 117), 1260),
    ...feederThreeLockout(random),
    ...temporaryFault(random, 'CH-REC-F4-2', july(26, 22, 14, 51, 604), 890),
    ...recloserLockout(random),
    ...nuisancePickups(random),
  ];
}
