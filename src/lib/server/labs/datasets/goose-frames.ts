import type { CsvCell } from '../csv.ts';
import { formatUtcMillis } from './calendar.ts';
import type { Random } from './random.ts';

/** The MAC address of the unregistered device of the rogue-device simulation. */
const ROGUE_MAC = 'b8:27:eb:5c:91:3e';
const WINDOW_START = Date.UTC(2024, 8, 17, 18, 30, 0);
const WINDOW_END = Date.UTC(2024, 8, 17, 19, 30, 0);
/** Longest time between retransmissions once the data is stable. */
const HEARTBEAT_MS = 5_000;

interface Publisher {
  mac: string;
  dst: string;
  gocb: string;
  data: [string, string];
}

// prettier-ignore
const PUBLISHERS: readonly Publisher[] = [
  { mac: '00:50:c2:4a:30:23', dst: '01:0c:cd:01:00:23', gocb: 'REL_T1PROT/LLN0$GO$gcbTrip', data: ['trip=false', 'trip=true'] },
  { mac: '00:50:c2:4a:30:24', dst: '01:0c:cd:01:00:24', gocb: 'REL_T2PROT/LLN0$GO$gcbTrip', data: ['trip=false', 'trip=true'] },
  { mac: '00:50:c2:4a:30:32', dst: '01:0c:cd:01:00:32', gocb: 'REL_F2PROT/LLN0$GO$gcbBlock', data: ['block=false', 'block=true'] },
  { mac: '00:50:c2:4a:30:35', dst: '01:0c:cd:01:00:35', gocb: 'REL_BTPROT/LLN0$GO$gcbBfTrip', data: ['bf_trip=false', 'bf_trip=true'] },
];

/** One frame: capture time, source, destination, control block, numbers, TAL, t and data. */
type Frame = [number, string, string, string, number, number, number, number, string];

/** Frames of one publisher: a burst after each state change, then the heartbeat. */
function publish(
  random: Random,
  p: Publisher,
  changes: readonly { ms: number; active: boolean }[],
): Frame[] {
  const frames: Frame[] = [];
  let stNum = random.integer(4, 40);
  let eventMs = WINDOW_START - random.integer(2, 60) * 3_600_000;
  let active = false;
  let sqNum = Math.floor((WINDOW_START - eventMs) / HEARTBEAT_MS);
  let next = WINDOW_START + random.integer(0, HEARTBEAT_MS - 1);
  let interval = HEARTBEAT_MS;
  let pending = [...changes];
  while (next < WINDOW_END) {
    const change = pending[0];
    if (change && change.ms <= next) {
      pending = pending.slice(1);
      stNum += 1;
      sqNum = 0;
      eventMs = change.ms;
      active = change.active;
      interval = 2;
      next = change.ms;
    }
    const tal = 2 * Math.min(HEARTBEAT_MS, interval * 2);
    frames.push([
      next + random.integer(0, 1) / 10,
      p.mac,
      p.dst,
      p.gocb,
      stNum,
      sqNum,
      tal,
      eventMs,
      p.data[active ? 1 : 0],
    ]);
    sqNum += 1;
    interval = Math.min(HEARTBEAT_MS, interval * 2);
    next += interval;
  }
  return frames;
}

/** GOOSE on the station bus, 18:30 to 19:30 UTC: an F2 fault, then a replay from the rogue device. */
export function gooseFrames(random: Random): CsvCell[][] {
  const fault = Date.UTC(2024, 8, 17, 18, 41, 7, 412);
  const frames: Frame[] = [];
  for (const publisher of PUBLISHERS) {
    const changes = publisher.gocb.startsWith('REL_F2')
      ? [
          { ms: fault, active: true },
          { ms: fault + 486, active: false },
        ]
      : [];
    frames.push(...publish(random, publisher, changes));
  }
  // Replay: the first six frames of F2's block burst, resent from the rogue device's MAC at 14:09:30 local.
  const burst = frames.filter((f) => f[3].startsWith('REL_F2') && f[7] === fault).slice(0, 6);
  const replayAt = Date.UTC(2024, 8, 17, 19, 9, 30, 0);
  for (const [i, frame] of burst.entries()) {
    const copy: Frame = [...frame];
    copy[0] = replayAt + (frame[0] - fault);
    copy[1] = ROGUE_MAC;
    frames.push(copy);
    void i;
  }
  frames.sort((a, b) => a[0] - b[0] || a[3].localeCompare(b[3]));
  return frames.map((f) => [
    formatUtcMillis(Math.floor(f[0])),
    f[1],
    f[2],
    f[3],
    f[4],
    f[5],
    f[6],
    formatUtcMillis(f[7]),
    f[8],
  ]);
}
