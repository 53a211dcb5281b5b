import type { Database } from '../../../../db/client.ts';
import type { WriteOutcome } from './admit.ts';
import type { PreparedStatement } from './prepare.ts';
import { writeGroup } from './write-batch.ts';
import { withWriteLock } from './write-lock.ts';

/** A batch waiting for the next group transaction. */
interface Pending {
  batch: PreparedStatement[];
  now: number;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

/** Most statements written in one group transaction. */
const MAX_GROUP_STATEMENTS = 5000;
/** Wait for company only while fewer statements than this are queued. */
const COMMIT_DELAY_BELOW = 500;
/** How long a group waits for company under load (like PostgreSQL's commit_delay). */
const COMMIT_DELAY_MS = 2;

interface Queue {
  pending: Pending[];
  isRunning: boolean;
  lastGroupBatches: number;
}
const queues = new WeakMap<Database, Queue>();

async function commitGroup(db: Database, group: Pending[]): Promise<void> {
  let outcomes: WriteOutcome[];
  try {
    const tx = await db.$client.transaction('write');
    try {
      const now = Math.max(...group.map((entry) => entry.now));
      outcomes = await writeGroup(
        tx,
        group.map((entry) => entry.batch),
        now,
      );
      await tx.commit();
    } finally {
      tx.close();
    }
  } catch (error) {
    for (const entry of group) entry.reject(error);
    return;
  }
  group.forEach((entry, index) => {
    const outcome = outcomes[index];
    if (outcome) entry.resolve(outcome);
    else entry.reject(new Error('the group write lost a batch outcome'));
  });
}

async function drain(db: Database, queue: Queue): Promise<void> {
  queue.isRunning = true;
  try {
    while (queue.pending.length > 0) {
      // Yield to the event loop before each group: requests that arrived meanwhile join it, and a
      // caller writing in a tight loop (libSQL answers synchronously) cannot starve everything else.
      await new Promise((resolve) => setImmediate(resolve));
      // Under concurrent load (the last group held several batches), wait a moment more so a
      // commit serves more batches; a lone writer never waits.
      const waiting = queue.pending.reduce((sum, entry) => sum + entry.batch.length, 0);
      if (queue.lastGroupBatches > 1 && waiting < COMMIT_DELAY_BELOW) {
        await new Promise((resolve) => setTimeout(resolve, COMMIT_DELAY_MS));
      }
      const group: Pending[] = [];
      let size = 0;
      while (queue.pending.length > 0 && (group.length === 0 || size < MAX_GROUP_STATEMENTS)) {
        const next = queue.pending.shift() as Pending;
        group.push(next);
        size += next.batch.length;
      }
      queue.lastGroupBatches = group.length;
      await withWriteLock(db, () => commitGroup(db, group));
    }
  } finally {
    queue.isRunning = false;
  }
}

/**
 * Writes a batch atomically, sharing the transaction (and its commit) with batches submitted at
 * the same moment: each batch still stands or falls on its own. This is group commit.
 */
export function submitBatch(
  db: Database,
  batch: PreparedStatement[],
  now: number,
): Promise<WriteOutcome> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { pending: [], isRunning: false, lastGroupBatches: 0 };
    queues.set(db, queue);
  }
  const target = queue;
  return new Promise((resolve, reject) => {
    target.pending.push({ batch, now, resolve, reject });
    if (!target.isRunning) void drain(db, target);
  });
}
