import { availableParallelism } from 'node:os';

/** Runner processes grading at once: one per core but one left for the web server, 2 to 4, so a runaway query never holds up everyone. */
export const GRADING_RUNNERS = Math.max(2, Math.min(4, availableParallelism() - 1));
/** Gradings that may wait for a runner; past this the server says it is busy. */
export const MAX_QUEUED_GRADINGS = 24;
/** Seconds a learner is asked to wait before sending again. */
const RETRY_AFTER_S = { ownGrading: 2, busy: 5 } as const;

/** Why a grading was not started. */
export type GradingRefusal = {
  ok: false;
  status: 429 | 503 | 499;
  error: string;
  retryAfter: number;
};

type Waiting = { start: () => void; learnerId: string; cancel: () => void };

/**
 * A fair queue in front of a small pool of runners: one grading in flight per learner, a cap on
 * the queue, and a queued grading dropped as soon as its request is aborted.
 */
export class GradingPool<Runner> {
  readonly #idle: Runner[];
  readonly #queue: Waiting[] = [];
  readonly #learners = new Set<string>();
  readonly #maxQueued: number;

  constructor(runners: Runner[], maxQueued = MAX_QUEUED_GRADINGS) {
    this.#idle = [...runners];
    this.#maxQueued = maxQueued;
  }

  /** Runs `work` on a free runner for a learner, or says why it cannot now. */
  async run<T>(
    learnerId: string,
    signal: AbortSignal | undefined,
    work: (runner: Runner) => Promise<T>,
  ): Promise<{ ok: true; value: T } | GradingRefusal> {
    if (this.#learners.has(learnerId)) {
      return {
        ok: false,
        status: 429,
        error: 'Your previous query is still being checked. Wait for its result, then send again.',
        retryAfter: RETRY_AFTER_S.ownGrading,
      };
    }
    if (!this.#idle.length && this.#queue.length >= this.#maxQueued) {
      return {
        ok: false,
        status: 503,
        error: `Many answers are being checked right now. Try again in ${RETRY_AFTER_S.busy} seconds.`,
        retryAfter: RETRY_AFTER_S.busy,
      };
    }
    this.#learners.add(learnerId);
    try {
      const runner = await this.#acquire(learnerId, signal);
      if (!runner) {
        return { ok: false, status: 499, error: 'The request was abandoned.', retryAfter: 0 };
      }
      try {
        return { ok: true, value: await work(runner) };
      } finally {
        this.#release(runner);
      }
    } finally {
      this.#learners.delete(learnerId);
    }
  }

  #acquire(learnerId: string, signal: AbortSignal | undefined): Promise<Runner | null> {
    const runner = this.#idle.pop();
    if (runner) return Promise.resolve(runner);
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const onAbort = () => {
        const index = this.#queue.indexOf(waiting);
        if (index >= 0) this.#queue.splice(index, 1);
        resolve(null);
      };
      const waiting: Waiting = {
        learnerId,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#idle.pop() ?? null);
        },
        cancel: onAbort,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiting);
    });
  }

  #release(runner: Runner): void {
    this.#idle.push(runner);
    this.#queue.shift()?.start();
  }

  /** Gradings waiting for a runner now. */
  get queued(): number {
    return this.#queue.length;
  }
}
