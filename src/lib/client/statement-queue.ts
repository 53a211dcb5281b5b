import { done, request } from './idb.ts';

/** A statement waiting to be sent, in the order it was recorded. */
export interface QueuedStatement {
  /** IndexedDB key; grows with each statement recorded. */
  seq: number;
  statement: XapiStatement;
}

/** A statement the server refused for good, kept so it can be reported rather than lost. */
export interface DeadLetter {
  id: string;
  statement: XapiStatement;
  status: number;
  message: string;
  failedAt: string;
}

/** An xAPI statement as the client handles it; the server validates the details. */
export interface XapiStatement {
  id: string;
  actor: unknown;
  verb: { id: string; display?: Record<string, string> };
  object: unknown;
  [property: string]: unknown;
}

const DB_NAME = 'switchyard-learning-record';
const QUEUE = 'queue';
const DEAD = 'dead-letters';

/** The statements waiting to be sent and those refused for good, kept in IndexedDB across reloads. */
export class StatementQueue {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  /** Opens (and on first use creates) the queue's database. */
  static async open(name = DB_NAME): Promise<StatementQueue> {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(QUEUE, { keyPath: 'seq', autoIncrement: true });
      open.result.createObjectStore(DEAD, { keyPath: 'id' });
    };
    return new StatementQueue(await request(open));
  }

  /** Adds a statement; resolves once it is durably stored. */
  async add(statement: XapiStatement): Promise<QueuedStatement> {
    const tx = this.#db.transaction(QUEUE, 'readwrite');
    const seq = await request(tx.objectStore(QUEUE).add({ statement }));
    await done(tx);
    return { seq: Number(seq), statement };
  }

  /** Every queued statement, oldest first. */
  async all(): Promise<QueuedStatement[]> {
    const tx = this.#db.transaction(QUEUE, 'readonly');
    const rows = (await request(tx.objectStore(QUEUE).getAll())) as QueuedStatement[];
    return rows.sort((a, b) => a.seq - b.seq);
  }

  /** Removes statements the server acknowledged. */
  async remove(seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    const tx = this.#db.transaction(QUEUE, 'readwrite');
    for (const seq of seqs) tx.objectStore(QUEUE).delete(seq);
    await done(tx);
  }

  /** Moves a statement the server refused for good out of the queue, in one transaction. */
  async bury(entry: QueuedStatement, status: number, message: string): Promise<DeadLetter> {
    const letter: DeadLetter = {
      id: entry.statement.id,
      statement: entry.statement,
      status,
      message,
      failedAt: new Date().toISOString(),
    };
    const tx = this.#db.transaction([QUEUE, DEAD], 'readwrite');
    tx.objectStore(QUEUE).delete(entry.seq);
    tx.objectStore(DEAD).put(letter);
    await done(tx);
    return letter;
  }

  /** Statements refused for good. */
  async deadLetters(): Promise<DeadLetter[]> {
    const tx = this.#db.transaction(DEAD, 'readonly');
    return (await request(tx.objectStore(DEAD).getAll())) as DeadLetter[];
  }

  /** Closes the database connection. */
  close(): void {
    this.#db.close();
  }
}
