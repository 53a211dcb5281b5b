import { AttemptOutbox, type AttemptUpload } from './attempt-outbox.ts';
import type { VerifiedAttempt } from '../../sim/verified-attempt.ts';
import { backoffDelay } from '../backoff.ts';
import type { AttemptStore } from './attempt-store.ts';

/** What the server made of one upload. */
export type UploadOutcome =
  | { kind: 'verified'; attempt: VerifiedAttempt }
  /** 400, 403, 404 or 409: this log will never be accepted as sent. */
  | { kind: 'refused'; status: number; message: string }
  /** 401: kept in the outbox; it is sent after the learner signs in again. */
  | { kind: 'signed-out' }
  /** Offline, or the server is busy or failing: try again later. */
  | { kind: 'retry' };

/** Progress of a submission, for the page to show. */
export type UploadStatus =
  | { kind: 'queued' }
  | { kind: 'sending' }
  | { kind: 'waiting'; retryInMs: number; isOffline: boolean };

/** POSTs one attempt's action log to the attempts endpoint and classifies the answer. */
export async function sendAttempt(upload: AttemptUpload): Promise<UploadOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/sims/${encodeURIComponent(upload.scenarioId)}/attempts`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        attemptId: upload.attemptId,
        startedAt: upload.startedAt,
        actions: upload.actions,
      }),
    });
  } catch {
    return { kind: 'retry' };
  }
  if (response.status === 200 || response.status === 201) {
    return { kind: 'verified', attempt: (await response.json()) as VerifiedAttempt };
  }
  if (response.status === 401) return { kind: 'signed-out' };
  if ([400, 403, 404, 409, 413].includes(response.status)) {
    let message = `The server refused the attempt (HTTP ${response.status}).`;
    try {
      const body = (await response.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // keep the generic message
    }
    return { kind: 'refused', status: response.status, message };
  }
  return { kind: 'retry' };
}

/** Retry timing; the defaults suit people, tests shorten them. */
export interface UploadOptions {
  retryBaseMs?: number;
  maxBackoffMs?: number;
  onStatus?: (status: UploadStatus) => void;
  /** Stops retrying (e.g. when the page is left); the attempt stays in the outbox. */
  signal?: AbortSignal;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      removeEventListener('online', finish);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    addEventListener('online', finish);
    signal?.addEventListener('abort', finish);
  });
}

/**
 * Stores the attempt in the IndexedDB outbox first, then sends it until the server answers for
 * good, backing off (with jitter) while offline or failing and retrying at once when the browser
 * comes back online. Resolves with the final outcome; a signed-out learner's attempt stays queued.
 */
export async function submitAttempt(
  upload: AttemptUpload,
  options: UploadOptions = {},
): Promise<Exclude<UploadOutcome, { kind: 'retry' }> | { kind: 'abandoned' }> {
  const timing = { baseMs: options.retryBaseMs ?? 1000, maxMs: options.maxBackoffMs ?? 60_000 };
  const outbox = await AttemptOutbox.open();
  try {
    await outbox.put(upload);
    options.onStatus?.({ kind: 'queued' });
    for (let failures = 0; ; failures += 1) {
      if (options.signal?.aborted) return { kind: 'abandoned' };
      options.onStatus?.({ kind: 'sending' });
      const outcome = navigator.onLine ? await sendAttempt(upload) : ({ kind: 'retry' } as const);
      if (outcome.kind === 'verified' || outcome.kind === 'refused') {
        await outbox.remove(upload.attemptId);
        return outcome;
      }
      if (outcome.kind === 'signed-out') return outcome;
      const delay = backoffDelay(failures, timing, 0.5 + Math.random() / 2);
      options.onStatus?.({ kind: 'waiting', retryInMs: delay, isOffline: !navigator.onLine });
      await pause(delay, options.signal);
    }
  } finally {
    outbox.close();
  }
}

/** Sends attempts earlier pages left in the outbox (one try each); returns those verified. */
export async function flushAttemptOutbox(): Promise<VerifiedAttempt[]> {
  if (typeof indexedDB === 'undefined' || !navigator.onLine) return [];
  const outbox = await AttemptOutbox.open();
  const verified: VerifiedAttempt[] = [];
  try {
    for (const upload of await outbox.all()) {
      const outcome = await sendAttempt(upload);
      if (outcome.kind === 'verified') verified.push(outcome.attempt);
      if (outcome.kind === 'verified' || outcome.kind === 'refused') {
        await outbox.remove(upload.attemptId);
      }
      if (outcome.kind === 'signed-out' || outcome.kind === 'retry') break;
    }
  } finally {
    outbox.close();
  }
  return verified;
}

/**
 * Wires an attempt store to the network: first sends what earlier pages left in the outbox, then
 * uploads each attempt the store queues when it finishes, reporting progress back to the store.
 * Returns the disconnect (pending retries stop; their attempts stay in the outbox).
 */
export function connectAttemptUpload(
  store: AttemptStore,
  scenarioId: string,
  options: Omit<UploadOptions, 'onStatus' | 'signal'> & { now?: () => number } = {},
): () => void {
  const now = options.now ?? Date.now;
  const stop = new AbortController();
  const sent = new Set<string>();
  void flushAttemptOutbox().catch(() => undefined);
  const upload = (state: ReturnType<AttemptStore['getState']>): void => {
    if (state.submission.kind !== 'queued' || sent.has(state.attemptId)) return;
    const { attemptId, settle } = state;
    sent.add(attemptId);
    const attempt = {
      attemptId,
      scenarioId,
      startedAt: state.startedAt,
      actions: state.log,
      queuedAt: new Date(now()).toISOString(),
    };
    const onStatus = (status: UploadStatus): void => settle(attemptId, status);
    void submitAttempt(attempt, { ...options, onStatus, signal: stop.signal }).then((outcome) => {
      if (outcome.kind === 'refused')
        settle(attemptId, { kind: 'refused', message: outcome.message });
      else if (outcome.kind !== 'abandoned') settle(attemptId, outcome);
    });
  };
  const unsubscribe = store.subscribe(upload);
  upload(store.getState());
  return () => {
    unsubscribe();
    stop.abort();
  };
}
