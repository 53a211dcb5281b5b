import { availableParallelism } from 'node:os';

/** argon2 checks run at once in this process: one per core, at most 4 (each takes 19 MiB). */
export const MAX_CONCURRENT_ARGON2 = Math.max(1, Math.min(4, availableParallelism()));
/** Checks that may wait for a turn; past this the server says it is busy instead of queueing. */
export const MAX_WAITING_ARGON2 = 32;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs password-hash work when a slot is free, so a burst of sign-ins cannot take every core
 * and the memory of hundreds of argon2 runs; 'busy' when too many are already waiting.
 */
export async function withArgon2Slot<T>(work: () => Promise<T>): Promise<T | 'busy'> {
  if (running >= MAX_CONCURRENT_ARGON2) {
    if (waiting.length >= MAX_WAITING_ARGON2) return 'busy';
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
