import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyEntry } from '../../sim/exercise/apply.ts';
import type {
  ExerciseCommand,
  ExerciseEntry,
  InstructorCommand,
} from '../../sim/exercise/commands.ts';
import type { ExerciseScore } from '../../sim/exercise/scoring.ts';
import { createExerciseState } from '../../sim/exercise/state.ts';
import type { ExerciseState } from '../../sim/exercise/state.ts';
import type { ExerciseRole } from '../../sim/schema/exercise.ts';
import type { Scenario } from '../../sim/schema/scenario.ts';
import type { Substation } from '../../sim/schema/substation.ts';
import type { ParticipantView, ServerFrame } from '../../lib/shared/exercises/frames.ts';
import type { CommandOutcome } from './connection.ts';

/** What an exercise page hands to its island, as JSON in the page. */
export interface ExercisePageData {
  readonly exerciseId: string;
  readonly userId: string;
  readonly role: ExerciseRole;
  readonly scenario: Scenario;
  readonly substation: Substation;
}

/** The exercise as this participant sees it: the shared log's state plus the connection. */
export interface ExerciseViewState {
  readonly me: { userId: string; role: ExerciseRole };
  readonly exercise: ExerciseState;
  readonly status: 'connecting' | 'online' | 'offline';
  readonly connected: readonly ExerciseRole[];
  /** The server's reason for refusing this participant's latest command. */
  readonly refusal: string | null;
  readonly score: ExerciseScore | null;
  /** Participants' view states (instructor consoles only). */
  readonly views: Readonly<Partial<Record<ExerciseRole, ParticipantView>>>;
}

/** What views can do. */
export interface ExerciseViewActions {
  /** Sends a command; the log entry, not this promise, changes the state. */
  send(command: ExerciseCommand | InstructorCommand): Promise<CommandOutcome>;
  applyEntry(entry: ExerciseEntry): void;
  applyFrame(frame: ServerFrame): void;
  setStatus(status: ExerciseViewState['status']): void;
}

export type ExerciseStore = StoreApi<ExerciseViewState & ExerciseViewActions>;

/** Creates the store; `send` is the connection's, injected so the store does no I/O itself. */
export function createExerciseStore(
  data: ExercisePageData,
  send: (command: ExerciseCommand | InstructorCommand) => Promise<CommandOutcome>,
): ExerciseStore {
  return createStore<ExerciseViewState & ExerciseViewActions>()((set, get) => ({
    me: { userId: data.userId, role: data.role },
    exercise: createExerciseState(data.substation, data.scenario),
    status: 'connecting',
    connected: [],
    refusal: null,
    score: null,
    views: {},
    async send(command) {
      set({ refusal: null });
      const outcome = await send(command);
      if (!outcome.ok) set({ refusal: outcome.reason });
      return outcome;
    },
    applyEntry(entry) {
      set({ exercise: applyEntry(get().exercise, entry) });
    },
    applyFrame(frame) {
      if (frame.type === 'presence' || frame.type === 'ready') set({ connected: frame.connected });
      else if (frame.type === 'scored') set({ score: frame.score });
      else if (frame.type === 'view') set({ views: { ...get().views, [frame.role]: frame.view } });
    },
    setStatus(status) {
      set({ status });
    },
  }));
}
