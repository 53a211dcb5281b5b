import { explainSqlError, type QueryPosition } from '../../lib/shared/labs/sql-error.ts';
import type { LocalResult, WorkerRequest, WorkerResponse } from './sql-protocol.ts';

/** How long a query may run in the browser before it is stopped. */
export const LOCAL_TIME_LIMIT_MS = 8_000;

/** The outcome of running a query in the browser. */
export type LocalRun =
  | { ok: true; result: LocalResult }
  | { ok: false; message: string; position: QueryPosition | null };

type Pending = {
  resolve: (response: WorkerResponse) => void;
  timer: ReturnType<typeof setTimeout>;
};

/**
 * Runs lab queries in a Web Worker holding the lab's data. A query that runs past the time limit is
 * stopped by ending the worker; a fresh one then loads the data again (from the HTTP cache).
 */
export class SqlRunner {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ready: Promise<WorkerResponse> | null = null;
  private readonly datasetUrl: string;
  private readonly timeLimitMs: number;

  constructor(datasetUrl: string, timeLimitMs = LOCAL_TIME_LIMIT_MS) {
    this.datasetUrl = datasetUrl;
    this.timeLimitMs = timeLimitMs;
  }

  /** Starts the worker and loads the data; resolves with an error message, or null when ready. */
  async open(): Promise<string | null> {
    this.ready ??= this.start();
    const response = await this.ready;
    if (response.type === 'error') {
      this.ready = null;
      return response.message;
    }
    return null;
  }

  /** Runs one query; SQLite's errors come back in plain words with their position in the query. */
  async run(query: string): Promise<LocalRun> {
    const loadError = await this.open();
    if (loadError) return { ok: false, message: loadError, position: null };
    const response = await this.send({ type: 'run', id: this.nextId++, query }, this.timeLimitMs);
    if (response.type === 'result') return { ok: true, result: response.result };
    if (response.type !== 'error')
      return { ok: false, message: 'The query did not run.', position: null };
    if (!response.isFromSqlite) return { ok: false, message: response.message, position: null };
    const explained = explainSqlError(response.message, query);
    return { ok: false, message: explained.message, position: explained.position };
  }

  /** Ends the worker and any query still running (they answer with `reason`). */
  dispose(reason = 'The lab was closed.'): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve({ type: 'error', id, message: reason, isFromSqlite: false });
    }
    this.pending.clear();
  }

  private start(): Promise<WorkerResponse> {
    this.worker = new Worker(new URL('./sql-worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      this.pending.delete(event.data.id);
      entry.resolve(event.data);
    });
    this.worker.addEventListener('error', () => {
      this.dispose('The SQL engine could not start in this browser. Reload the page to try again.');
    });
    return this.send({ type: 'open', id: this.nextId++, datasetUrl: this.datasetUrl }, 60_000);
  }

  private send(request: WorkerRequest, limitMs: number): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(request.id);
        this.dispose();
        const seconds = Math.round(limitMs / 1000);
        resolve({
          type: 'error',
          id: request.id,
          isFromSqlite: false,
          message:
            request.type === 'run'
              ? `The query ran for more than ${seconds} seconds and was stopped. Check for a join without a condition (every row times every row), or filter with WHERE before grouping.`
              : `The lab data did not load within ${seconds} seconds. Reload the page to try again.`,
        });
      }, limitMs);
      this.pending.set(request.id, { resolve, timer });
      this.worker?.postMessage(request);
    });
  }
}
