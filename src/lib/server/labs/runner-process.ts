import { fork, type ChildProcess } from 'node:child_process';
import type {
  RunnerFailure,
  RunnerReply,
  RunnerRequest,
  RunnerSettings,
} from './runner-protocol.ts';
import type { QueryResult } from './compare-results.ts';

/** What a query run came to, seen from the server. */
export type RunOutcome =
  | ({ ok: true; elapsedMs: number } & QueryResult)
  | { ok: false; failure: RunnerFailure | 'timeout' | 'crash'; code: string; message: string };

/** How to start runner processes. */
export interface RunnerProcessOptions extends RunnerSettings {
  /** The runner script (query-runner.ts). */
  scriptPath: string;
  /** V8 heap limit of the runner process, in MB. */
  maxOldSpaceMb: number;
}

type Pending = { id: number; resolve: (reply: RunnerReply | null) => void };
type Sendable = RunnerRequest extends infer R
  ? R extends RunnerRequest
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * One query runner child process, used one request at a time. A request that overruns its time
 * limit gets the process killed (SIGKILL always works, even inside SQLite), and a fresh process is
 * started and warmed with the datasets the old one had loaded.
 */
export class RunnerProcess {
  readonly #options: RunnerProcessOptions;
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #pending: Pending | undefined;
  #nextId = 1;
  #loaded = new Set<string>();
  #queue: Promise<unknown> = Promise.resolve();
  #stderrTail = '';

  constructor(options: RunnerProcessOptions) {
    this.#options = options;
  }

  /** Runs a task after those already queued, keeping the server process alive meanwhile. */
  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const keepAlive = setInterval(() => {}, 60_000);
    const run = this.#queue.then(task, task).finally(() => clearInterval(keepAlive));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #start(): Promise<void> {
    const { scriptPath, maxOldSpaceMb, ...settings } = this.#options;
    const child = fork(scriptPath, [JSON.stringify(settings)], {
      execArgv: [`--max-old-space-size=${maxOldSpaceMb}`],
      env: { NODE_ENV: process.env.NODE_ENV ?? 'production' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.#child = child;
    this.#stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (reply: RunnerReply) => {
        if (reply.type === 'ready') resolve();
        else if (this.#pending && 'id' in reply && reply.id === this.#pending.id) {
          const pending = this.#pending;
          this.#pending = undefined;
          pending.resolve(reply);
        }
      });
      child.on('exit', (code, signal) => {
        reject(
          new Error(
            `The lab query runner exited (${signal ?? code}) before it was ready: ${this.#stderrTail.trim()}`,
          ),
        );
        // A process killed for a timeout may report its exit after its successor started.
        if (this.#child !== child) return;
        this.#forget();
        const pending = this.#pending;
        this.#pending = undefined;
        pending?.resolve(null);
      });
    });
    // Failed sends surface as 'error' events; without a listener they would crash the server.
    child.on('error', () => undefined);
    child.unref();
    child.channel?.unref();
    // A failed start is reported to the request that awaits it; nothing else needs the rejection.
    ready.catch(() => undefined);
    this.#ready = ready;
    return ready;
  }

  #forget(): void {
    this.#child = undefined;
    this.#ready = undefined;
    this.#loaded.clear();
  }

  /** Sends one request and waits for its reply, killing the process if it takes too long. */
  async #request(message: Sendable, timeoutMs: number): Promise<RunnerReply | 'timeout' | null> {
    await (this.#ready ?? this.#start());
    const child = this.#child;
    if (!child) return null;
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending = undefined;
        this.#forget();
        child.kill('SIGKILL');
        resolve('timeout');
      }, timeoutMs);
      this.#pending = {
        id,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      };
      try {
        child.send({ ...message, id } as RunnerRequest);
      } catch {
        const pending = this.#pending;
        this.#pending = undefined;
        pending?.resolve(null);
      }
    });
  }

  /** Loads datasets into the runner (once per process) so that queries on them start at once. */
  load(datasets: string[], timeoutMs: number): Promise<RunOutcome | null> {
    return this.#enqueue(() => this.#load(datasets, timeoutMs));
  }

  async #load(datasets: string[], timeoutMs: number): Promise<RunOutcome | null> {
    const key = [...datasets].sort().join('+');
    if (this.#loaded.has(key) && this.#child) return null;
    const reply = await this.#request({ type: 'load', datasets }, timeoutMs);
    if (reply && reply !== 'timeout' && reply.type === 'loaded') {
      this.#loaded.add(key);
      return null;
    }
    return this.#failure(reply);
  }

  #failure(reply: RunnerReply | 'timeout' | null): RunOutcome {
    if (reply === 'timeout') return { ok: false, failure: 'timeout', code: 'TIMEOUT', message: '' };
    if (reply?.type === 'failed') return { ok: false, ...reply };
    return { ok: false, failure: 'crash', code: 'CRASH', message: this.#stderrTail.trim() };
  }

  /** Runs a query with a time limit; datasets are loaded first, outside the limit. */
  query(
    request: { datasets: string[]; sql: string; maxRows: number; maxBytes: number },
    limits: { loadMs: number; queryMs: number },
  ): Promise<RunOutcome> {
    return this.#enqueue(async () => {
      const loadFailure = await this.#load(request.datasets, limits.loadMs);
      if (loadFailure) return loadFailure;
      const loaded = [...this.#loaded];
      const reply = await this.#request({ type: 'query', ...request }, limits.queryMs);
      if (reply === 'timeout' || reply === null) {
        // Warm the next process with what this one held, so the next learner does not wait.
        for (const key of loaded) void this.load(key.split('+'), limits.loadMs);
      }
      if (reply && reply !== 'timeout' && reply.type === 'result') {
        const { type: _type, id: _id, ...result } = reply;
        return { ok: true, ...result };
      }
      return this.#failure(reply);
    });
  }

  /** Stops the runner process; a later request starts a new one. */
  close(): void {
    const child = this.#child;
    this.#forget();
    child?.kill('SIGKILL');
  }
}
