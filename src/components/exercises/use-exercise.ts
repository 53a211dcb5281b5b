import { useStore } from 'zustand';
import type {
  ExerciseStore,
  ExerciseViewActions,
  ExerciseViewState,
} from '../../client/exercises/exercise-store.ts';

/** Subscribes a component to part of the exercise store. */
export function useExercise<T>(
  store: ExerciseStore,
  selector: (state: ExerciseViewState & ExerciseViewActions) => T,
): T {
  return useStore(store, selector);
}

/** The time now as a 24-hour HH:MM, the default for instructions and repeat-backs. */
export function currentTime(): string {
  const now = new Date();
  return `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}

/** Ids typed into a targets field ("89-T1H, 57-T1L" -> ["89-T1H", "57-T1L"]). */
export function parseTargets(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}
