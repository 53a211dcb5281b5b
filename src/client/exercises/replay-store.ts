import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  replayControls,
  stepReplay,
  type ReplayCommand,
  type ReplayPosition,
} from '../../lib/shared/exercises/replay-controls.ts';

/** The replay's position shared by the page's controls and the headset's panel. */
export interface ReplayStoreState extends ReplayPosition {
  readonly length: number;
  /** Runs a control; a disabled one does nothing. */
  run(command: ReplayCommand): void;
  /** Moves to a moment (the scrubber), pausing playback. */
  seek(at: number): void;
  /** Playback's own step to the next moment; stops at the end. */
  advance(): void;
}

export type ReplayStore = StoreApi<ReplayStoreState>;

/** Creates the replay's position store for a log of `length` entries, at moment `at`. */
export function createReplayStore(length: number, at = 0): ReplayStore {
  const clamp = (n: number): number => Math.max(0, Math.min(length, Math.trunc(n) || 0));
  return createStore<ReplayStoreState>()((set, get) => ({
    at: clamp(at),
    isPlaying: false,
    length,
    run(command) {
      const control = replayControls(get(), length).find((c) => c.command === command);
      if (control?.isEnabled) set(stepReplay(get(), command, length));
    },
    seek(to) {
      set({ at: clamp(to), isPlaying: false });
    },
    advance() {
      const { at: now } = get();
      set(now >= length ? { isPlaying: false } : { at: now + 1, isPlaying: now + 1 < length });
    },
  }));
}
