import { createStore } from 'zustand/vanilla';
import type {
  AttemptActions,
  AttemptState,
  AttemptStore,
  LoggedEvent,
} from '../sims/attempt-store.ts';
import type { ExerciseState } from '../../sim/exercise/state.ts';
import type { ExerciseStore } from './exercise-store.ts';

function loggedEvents(exercise: ExerciseState): LoggedEvent[] {
  const start = exercise.startedAt ?? 0;
  return exercise.simEvents.map((event, index) => ({
    ...event,
    seq: index + 1,
    at: Math.max(0, exercise.lastAt - start),
    actionIndex: event.seq,
  }));
}

function view(
  exercise: ExerciseState,
): Pick<AttemptState, 'sim' | 'events' | 'phase' | 'endReason' | 'banner'> {
  const isOver = exercise.finishedAt !== null;
  return {
    banner:
      exercise.pausedAt === null
        ? null
        : `Paused by the instructor${exercise.pauseText ? `: ${exercise.pauseText}` : ''}`,
    sim: exercise.sim,
    events: loggedEvents(exercise),
    phase: isOver ? 'finished' : 'running',
    endReason: isOver ? 'finished' : null,
  };
}

/**
 * The exercise seen through the single-player attempt store's interface, so the 3D scene, the
 * headset layer and the 2D diagrams work unchanged: actions go to the server as commands, and
 * the state follows the shared log.
 */
export function createAttemptAdapter(exercises: ExerciseStore): AttemptStore {
  const initial = exercises.getState().exercise;
  const store = createStore<AttemptState & AttemptActions>()((set) => ({
    attemptId: '',
    startedAt: new Date(0).toISOString(),
    startedMs: 0,
    log: [],
    selected: null,
    submission: { kind: 'not-submitted' },
    ...view(initial),
    async act(action) {
      const before = exercises.getState().exercise.simEvents.length;
      const outcome = await exercises.getState().send({ kind: 'act', action });
      if (!outcome.ok) return [];
      return loggedEvents(exercises.getState().exercise).slice(before);
    },
    select(deviceId) {
      set({ selected: deviceId });
    },
    finish() {
      // Only the authority or the observer closes an exercise, from the communications panel.
    },
    settle() {
      // An exercise's log is not uploaded as an attempt: the server holds it already.
    },
    restart() {
      // An exercise is not restarted: its log is the record.
    },
  }));
  let last = initial;
  exercises.subscribe((state) => {
    if (state.exercise === last) return;
    last = state.exercise;
    store.setState(view(state.exercise));
  });
  return store;
}
