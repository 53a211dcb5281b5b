import type { LearningRecordOptions, Settings, StatementInput } from './learning-record-options.ts';
import { backoffDelay, takeBatch } from './statement-batches.ts';
import { newStatementId } from './statement-id.ts';
import {
  StatementQueue,
  type DeadLetter,
  type QueuedStatement,
  type XapiStatement,
} from './statement-queue.ts';
import {
  batchBody,
  postStatements,
  readOutcome,
  sendStatements,
  type SendTarget,
} from './statement-sender.ts';

export {
  learnerAgent,
  learnerAgentFromElement,
  type LearnerInfo,
  type XapiAgent,
} from './learner-agent.ts';
export type { DeadLetter, XapiStatement } from './statement-queue.ts';
export type { LearningRecordOptions, StatementInput } from './learning-record-options.ts';

/** Browsers refuse keepalive requests whose bodies add up to more than 64 KiB; keep a margin. */
const KEEPALIVE_BUDGET = 60_000;
const MAX_BODY = 256 * 1024;
const LOCK = 'switchyard-learning-record-flush';

/** The browser side of the learning record: a durable queue that delivers statements exactly once. */
export class LearningRecord {
  readonly #queue: StatementQueue;
  readonly #target: SendTarget;
  readonly #options: Settings;
  #memory: QueuedStatement[] = [];
  #flushing: Promise<void> | null = null;
  #rerun: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  #retryAfterMs = 0;
  #isKeepaliveInFlight = false;
  readonly #onOnline = () => {
    this.#failures = 0;
    void this.flush();
  };
  readonly #onHidden = () => {
    if (document.visibilityState === 'hidden') this.#sendKeepalive();
  };
  readonly #onPageHide = () => this.#sendKeepalive();

  constructor(queue: StatementQueue, memory: QueuedStatement[], options: LearningRecordOptions) {
    this.#queue = queue;
    this.#memory = memory;
    this.#target = {
      endpoint: options.endpoint ?? '/xapi/statements',
      version: options.version ?? '2.0.0',
    };
    this.#options = {
      batchSize: options.batchSize ?? 50,
      flushDelayMs: options.flushDelayMs ?? 500,
      retryBaseMs: options.retryBaseMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      onDeadLetter: options.onDeadLetter,
    };
    addEventListener('online', this.#onOnline);
    addEventListener('pagehide', this.#onPageHide);
    document.addEventListener('visibilitychange', this.#onHidden);
  }

  /** Assigns the id (and timestamp), stores the statement durably, and schedules sending. */
  async record(input: StatementInput): Promise<string> {
    const statement: XapiStatement = {
      ...input,
      id: input.id ?? newStatementId(),
      timestamp: input.timestamp ?? new Date().toISOString(),
    };
    this.#memory.push(await this.#queue.add(statement));
    this.#schedule(this.#options.flushDelayMs);
    return statement.id;
  }

  /** Statements not yet acknowledged by the server. */
  async pending(): Promise<number> {
    return (await this.#queue.all()).length;
  }

  /** Statements the server refused for good. */
  deadLetters(): Promise<DeadLetter[]> {
    return this.#queue.deadLetters();
  }

  /** Sends everything queued now, in batches; resolves when done or when sending must wait. */
  flush(): Promise<void> {
    if (this.#flushing) {
      // A flush already running may have read the queue before the latest records: run once more.
      this.#rerun ??= this.#flushing.then(() => {
        this.#rerun = null;
        return this.flush();
      });
      return this.#rerun;
    }
    this.#flushing = this.#withLock(() => this.#drain()).finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  /** Stops listening and timers; the queue stays in IndexedDB for the next page. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    removeEventListener('online', this.#onOnline);
    removeEventListener('pagehide', this.#onPageHide);
    document.removeEventListener('visibilitychange', this.#onHidden);
    this.#queue.close();
  }

  #schedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, delayMs);
  }

  /** One tab at a time sends (others' statements are in the same IndexedDB queue). */
  async #withLock(work: () => Promise<void>): Promise<void> {
    if (!navigator.locks) return work();
    await navigator.locks.request(LOCK, work);
  }

  async #drain(): Promise<void> {
    this.#memory = await this.#queue.all();
    while (this.#memory.length > 0) {
      if (!navigator.onLine) return; // the online event resumes sending
      const result = await this.#deliver(
        takeBatch(this.#memory, this.#options.batchSize, MAX_BODY),
      );
      if (result === 'stop') return;
      if (result === 'retry') {
        this.#failures += 1;
        const { retryBaseMs, maxBackoffMs } = this.#options;
        const delay = backoffDelay(this.#failures, retryBaseMs, maxBackoffMs);
        this.#schedule(Math.max(delay, this.#retryAfterMs));
        this.#retryAfterMs = 0;
        return;
      }
      this.#failures = 0;
    }
  }

  async #acknowledge(entries: QueuedStatement[]): Promise<void> {
    const seqs = new Set(entries.map((entry) => entry.seq));
    await this.#queue.remove([...seqs]);
    this.#memory = this.#memory.filter((entry) => !seqs.has(entry.seq));
  }

  /** Sends a batch; a refused batch is split until the statements at fault stand alone. */
  async #deliver(entries: QueuedStatement[]): Promise<'ok' | 'retry' | 'stop'> {
    const outcome = await sendStatements(
      this.#target,
      entries.map((entry) => entry.statement),
    );
    if (outcome.kind === 'stored') {
      await this.#acknowledge(entries);
      return 'ok';
    }
    if (outcome.kind === 'signed-out') return 'stop';
    if (outcome.kind === 'retry') {
      this.#retryAfterMs = outcome.retryAfterMs ?? 0; // the server's Retry-After, when it gave one
      return 'retry';
    }
    const [only] = entries;
    if (entries.length === 1 && only) {
      const status = outcome.kind === 'refused' ? outcome.status : 413;
      const message =
        outcome.kind === 'refused'
          ? outcome.message
          : 'The statement is larger than the server accepts.';
      const letter = await this.#queue.bury(only, status, message);
      this.#memory = this.#memory.filter((entry) => entry.seq !== only.seq);
      this.#options.onDeadLetter?.(letter);
      return 'ok';
    }
    const middle = Math.ceil(entries.length / 2);
    const first = await this.#deliver(entries.slice(0, middle));
    return first === 'ok' ? this.#deliver(entries.slice(middle)) : first;
  }

  /** When the page is hidden or unloading: one keepalive POST that may outlive the page. */
  #sendKeepalive(): void {
    if (this.#isKeepaliveInFlight || this.#memory.length === 0 || !navigator.onLine) return;
    const batch = takeBatch(this.#memory, this.#options.batchSize, KEEPALIVE_BUDGET);
    const body = batchBody(batch.map((entry) => entry.statement));
    if (new TextEncoder().encode(body).length > KEEPALIVE_BUDGET) return;
    this.#isKeepaliveInFlight = true;
    postStatements(this.#target, body, true)
      .then(readOutcome)
      .then((outcome) => (outcome.kind === 'stored' ? this.#acknowledge(batch) : undefined))
      .catch(() => undefined) // still queued: the next page load sends it
      .finally(() => {
        this.#isKeepaliveInFlight = false;
      });
  }
}

/** Opens the queue (what earlier pages left is kept), starts listening, and sends what is waiting. */
export async function createLearningRecord(
  options: LearningRecordOptions = {},
): Promise<LearningRecord> {
  const queue = await StatementQueue.open(options.databaseName);
  const record = new LearningRecord(queue, await queue.all(), options);
  void record.flush();
  return record;
}
