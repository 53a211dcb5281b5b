import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimEvent } from '../../sim/events.ts';
import type { ActionLogEntry, SimAction } from '../../sim/schema/action.ts';
import { createInitialState, type SimState } from '../../sim/state.ts';
import { newStatementId } from '../record/statement-id.ts';
import { loadStep } from './engine.ts';
import type { UploadStatus } from './attempt-upload.ts';
import type { VerifiedAttempt } from '../../sim/verified-attempt.ts';
import type { SimPageData } from './page-data.ts';

/** An engine event as the page shows it: numbered, with the attempt time it happened at. */
export interface LoggedEvent extends SimEvent {
  /** Increasing number, so views can tell new events from old ones. */
  readonly seq: number;
  /** Milliseconds since the attempt started. */
  readonly at: number;
  /** Index in the action log of the action that caused it. */
  readonly actionIndex: number;
}

/** Where the attempt's upload stands. */
export type SubmissionState =
  | { kind: 'not-submitted' }
  | UploadStatus
  | { kind: 'verified'; attempt: VerifiedAttempt }
  | { kind: 'refused'; message: string }
  | { kind: 'signed-out' };

/** One attempt at a scenario, shared by the 3D scene, the headset panel and the 2D mode. */
export interface AttemptState {
  readonly attemptId: string;
  /** ISO time the attempt started. */
  readonly startedAt: string;
  readonly startedMs: number;
  readonly sim: SimState;
  readonly log: readonly ActionLogEntry[];
  readonly events: readonly LoggedEvent[];
  /** The device the learner has selected, in any view. */
  readonly selected: string | null;
  readonly phase: 'running' | 'finished';
  /** A notice over every view, the headset panel included (an instructor's pause); null for none. */
  readonly banner?: string | null;
  /** Why it finished: the learner said so, or a critical failure ended it. */
  readonly endReason: 'finished' | 'critical' | null;
  readonly submission: SubmissionState;
}

/** What views can do to the attempt. */
export interface AttemptActions {
  /** Applies a learner action through the engine and logs it; ignored once finished. */
  act(action: SimAction): Promise<readonly LoggedEvent[]>;
  select(deviceId: string | null): void;
  /** Ends the attempt and queues its log for verification (the upload service sends it). */
  finish(): void;
  /** Records where an attempt's upload stands; ignored once the learner has started another. */
  settle(attemptId: string, submission: SubmissionState): void;
  /** Starts a fresh attempt from the scenario's initial state. */
  restart(): void;
}

export type AttemptStore = StoreApi<AttemptState & AttemptActions>;

/** Options for tests and the page. */
export interface AttemptStoreOptions {
  now?: () => number;
}

function freshAttempt(data: SimPageData, now: number): AttemptState {
  return {
    attemptId: newStatementId(),
    startedAt: new Date(now).toISOString(),
    startedMs: now,
    sim: createInitialState(data.substation, data.scenario),
    log: [],
    events: [],
    selected: null,
    phase: 'running',
    endReason: null,
    submission: { kind: 'not-submitted' },
  };
}

/** Creates the attempt store; the engine's `step` loads in the background right away. */
export function createAttemptStore(
  data: SimPageData,
  options: AttemptStoreOptions = {},
): AttemptStore {
  const now = options.now ?? Date.now;
  const critical = new Set<string>(data.scenario.rubric.criticalFailures);
  let queue: Promise<unknown> = Promise.resolve();
  let seq = 0;
  void loadStep();

  const store = createStore<AttemptState & AttemptActions>()((set, get) => ({
    ...freshAttempt(data, now()),

    act(action) {
      const run = queue.then(async () => {
        const step = await loadStep();
        const state = get();
        if (state.phase !== 'running') return [];
        const at = Math.max(0, Math.round(now() - state.startedMs), state.log.at(-1)?.at ?? 0);
        const result = step(state.sim, action);
        const actionIndex = state.log.length;
        const logged = result.events.map((event) => ({ ...event, seq: ++seq, at, actionIndex }));
        const isCritical = logged.some((event) => critical.has(event.code));
        set({
          sim: result.state,
          log: [...state.log, { at, action }],
          events: [...state.events, ...logged],
          ...(isCritical ? { phase: 'finished' as const, endReason: 'critical' as const } : {}),
        });
        if (isCritical) get().finish();
        return logged;
      });
      queue = run.catch(() => undefined);
      return run;
    },

    select(deviceId) {
      if (get().selected !== deviceId) set({ selected: deviceId });
    },

    finish() {
      const state = get();
      if (state.submission.kind !== 'not-submitted') return;
      set({
        phase: 'finished',
        endReason: state.endReason ?? 'finished',
        submission: { kind: 'queued' },
      });
    },

    settle(attemptId, submission) {
      if (get().attemptId === attemptId) set({ submission });
    },

    restart() {
      set(freshAttempt(data, now()));
    },
  }));
  return store;
}

/** The events of the attempt that came after a given sequence number. */
export function eventsAfter(state: AttemptState, seqNumber: number): readonly LoggedEvent[] {
  const events = state.events;
  let index = events.length;
  while (index > 0 && (events[index - 1]?.seq ?? 0) > seqNumber) index -= 1;
  return events.slice(index);
}
