import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import { replayMoments } from '../../../sim/exercise/replay.ts';
import type { ExerciseState } from '../../../sim/exercise/state.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import { exerciseTimeline, type TimelineMark } from './exercise-timeline.ts';

/** Fastest and slowest step of "play", in milliseconds: real gaps are compressed into this. */
export const PLAYBACK_STEP_MS = { min: 250, max: 1500 } as const;
/** How many times faster than real time "play" runs (within PLAYBACK_STEP_MS). */
const PLAYBACK_SPEED = 10;

/**
 * An exercise's log replayed once, to be shown at any moment: moment 0 is before the first entry
 * and moment i is just after entry i. The review's scrubber and the 3D "watch again" both read it.
 */
export interface ReplayDriver {
  readonly log: readonly ExerciseEntry[];
  /** Number of entries; moments run from 0 to `length`. */
  readonly length: number;
  /** The exercise just after entry `index` (0: before the first). */
  stateAt(index: number): ExerciseState;
  /** The moment in effect at server time `t`: after the last entry at or before `t`. */
  indexAtTime(t: number): number;
  /** Server time of a moment (the first entry's time for moment 0). */
  timeOf(index: number): number;
  /** What the timeline says happened at a moment, instructor notes included. */
  marksAt(index: number): TimelineMark[];
  /** How long "play" rests on a moment before the next one. */
  playbackDelay(index: number): number;
}

/** The moment a link asks for (`?at=<entry>`), clamped to the log; the start when unreadable. */
export function parseMoment(value: string | null, length: number): number {
  const at = /^\d{1,9}$/.test(value ?? '') ? Number(value) : 0;
  return Math.min(length, at);
}

/** The driver, or why the log does not replay. */
export type ReplayDriverResult =
  { ok: true; driver: ReplayDriver } | { ok: false; index: number; reason: string };

/** Replays a log (through the server's own replay rules) into a driver. */
export function createReplayDriver(
  substation: Substation,
  scenario: Scenario,
  log: readonly ExerciseEntry[],
): ReplayDriverResult {
  const moments = replayMoments(substation, scenario, log);
  if (!moments.ok) return moments;
  const { states } = moments;
  const clamp = (index: number): number =>
    Math.max(0, Math.min(log.length, Number.isFinite(index) ? Math.trunc(index) : 0));
  const timeOf = (index: number): number => {
    const at = clamp(index);
    return (at === 0 ? log[0]?.at : log[at - 1]?.at) ?? 0;
  };
  const driver: ReplayDriver = {
    log,
    length: log.length,
    stateAt: (index) => states[clamp(index)]!,
    indexAtTime(t) {
      let index = 0;
      while (index < log.length && log[index]!.at <= t) index++;
      return index;
    },
    timeOf,
    marksAt(index) {
      const at = clamp(index);
      return exerciseTimeline(states[at]!, { withNotes: true }).filter((m) => m.seq === at);
    },
    playbackDelay(index) {
      const gap = (timeOf(index + 1) - timeOf(index)) / PLAYBACK_SPEED;
      return Math.max(PLAYBACK_STEP_MS.min, Math.min(PLAYBACK_STEP_MS.max, gap));
    },
  };
  return { ok: true, driver };
}
