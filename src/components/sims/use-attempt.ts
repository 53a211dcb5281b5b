import { useStore } from 'zustand';
import type {
  AttemptActions,
  AttemptState,
  AttemptStore,
} from '../../client/sims/attempt-store.ts';

/** Subscribes a component to part of the attempt store. */
export function useAttempt<T>(
  store: AttemptStore,
  selector: (state: AttemptState & AttemptActions) => T,
): T {
  return useStore(store, selector);
}
