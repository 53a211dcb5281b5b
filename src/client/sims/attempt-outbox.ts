import type { ActionLogEntry } from '../../sim/schema/action.ts';
import { done, request } from '../record/idb.ts';

/** An attempt waiting to be verified by the server, kept in IndexedDB until it is acknowledged. */
export interface AttemptUpload {
  /** Client-chosen UUID; the server stores an attempt once per id, so resending is safe. */
  readonly attemptId: string;
  readonly scenarioId: string;
  /** ISO time the attempt started. */
  readonly startedAt: string;
  readonly actions: readonly ActionLogEntry[];
  /** ISO time it was queued. */
  readonly queuedAt: string;
}

const DB_NAME = 'switchyard-sim-attempts';
const STORE = 'outbox';

/** Attempts not yet acknowledged by the server, across page loads, keyed by attempt id. */
export class AttemptOutbox {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  /** Opens (and on first use creates) the outbox database. */
  static async open(name = DB_NAME): Promise<AttemptOutbox> {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(STORE, { keyPath: 'attemptId' });
    };
    return new AttemptOutbox(await request(open));
  }

  /** Stores an attempt; resolves once it is durable. Storing the same id again replaces it. */
  async put(upload: AttemptUpload): Promise<void> {
    const tx = this.#db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(upload);
    await done(tx);
  }

  /** Forgets an attempt the server answered for good. */
  async remove(attemptId: string): Promise<void> {
    const tx = this.#db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(attemptId);
    await done(tx);
  }

  /** Every waiting attempt, oldest first. */
  async all(): Promise<AttemptUpload[]> {
    const tx = this.#db.transaction(STORE, 'readonly');
    const rows = (await request(tx.objectStore(STORE).getAll())) as AttemptUpload[];
    return rows.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  close(): void {
    this.#db.close();
  }
}
