import { ROLE_LABELS, type ExerciseState } from '../../../sim/exercise/state.ts';
import { hazardOf } from '../../../sim/hazards.ts';
import type { TimelineMark } from './exercise-timeline.ts';

/** Where a replay stands: the moment shown (0 to the log's length) and whether it plays. */
export interface ReplayPosition {
  readonly at: number;
  readonly isPlaying: boolean;
}

/** What a replay control does; the page's buttons and the headset's panel offer the same ones. */
export type ReplayCommand = 'toggle-play' | 'previous' | 'next';

/** A replay control as offered: a disabled one is shown dimmed and cannot be pressed. */
export interface ReplayControl {
  readonly command: ReplayCommand;
  readonly label: string;
  readonly isEnabled: boolean;
}

/** The position after a command. Stepping pauses playback, as moving the scrubber does. */
export function stepReplay(
  position: ReplayPosition,
  command: ReplayCommand,
  length: number,
): ReplayPosition {
  const { at, isPlaying } = position;
  if (command === 'toggle-play') {
    if (isPlaying) return { at, isPlaying: false };
    // Play at the end starts again from the beginning.
    return { at: at >= length ? 0 : at, isPlaying: length > 0 };
  }
  const next = command === 'previous' ? Math.max(0, at - 1) : Math.min(length, at + 1);
  return { at: next, isPlaying: false };
}

/**
 * The replay's controls at a position: play or pause, previous and next entry. Each one that is
 * enabled changes the position; one that would not (previous at the start, next at the end, play
 * on an empty log) is disabled.
 */
export function replayControls(position: ReplayPosition, length: number): ReplayControl[] {
  const { at, isPlaying } = position;
  return [
    { command: 'toggle-play', label: isPlaying ? 'Pause' : 'Play', isEnabled: length > 0 },
    { command: 'previous', label: 'Previous entry', isEnabled: at > 0 },
    { command: 'next', label: 'Next entry', isEnabled: at < length },
  ];
}

/** A hazard the replay rests on: shown as a mark, never as the live flash and sound. */
export interface ReplayHazard {
  readonly kind: 'arc-flash' | 'fault';
  readonly device: string | null;
  readonly node: string | null;
  /** For the status line and the headset, e.g. "Arc flash at 52-T1L (hazard)". */
  readonly text: string;
}

/** The most serious hazard caused by the entry at moment `at` (the state just after it), if any. */
export function replayHazardAt(state: ExerciseState, at: number): ReplayHazard | null {
  if (at <= 0) return null;
  const { kind, event } = hazardOf(state.simEvents.filter((e) => e.seq === at));
  if (kind === null || event === null) return null;
  return {
    kind,
    device: event.device ?? null,
    node: event.node ?? null,
    text: `${event.message} (hazard)`,
  };
}

/** One line of what happened at a moment, as the status and the headset's panel say it. */
export function momentLine(mark: TimelineMark): string {
  return `${ROLE_LABELS[mark.role]}: ${mark.text}${mark.kind === 'hazard' ? ' (hazard)' : ''}`;
}
