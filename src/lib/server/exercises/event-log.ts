import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { exerciseEvents } from '../../../../db/schema.ts';
import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import { withWriteLock } from '../learning-record/write-lock.ts';

/** What happened to an entry offered to the log. */
export type AppendOutcome =
  | { kind: 'stored' }
  /** The sender's client event id is already in the log, under this sequence number. */
  | { kind: 'duplicate'; seq: number }
  /** Another process took this sequence number first: reload the log and try again. */
  | { kind: 'behind' };

/** Most entries written in one statement (7 bound values each, far below SQLite's limit). */
const MAX_BATCH = 200;

interface PendingAppend {
  readonly exerciseId: string;
  readonly entry: ExerciseEntry;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** Entries waiting for the next write, per database handle. */
const pending = new WeakMap<Database, PendingAppend[]>();

/** Every entry of an exercise's log, in order (commands are parsed when replayed). */
export async function loadLog(db: Database, exerciseId: string): Promise<unknown[]> {
  const rows = await db
    .select()
    .from(exerciseEvents)
    .where(eq(exerciseEvents.exerciseId, exerciseId))
    .orderBy(asc(exerciseEvents.seq));
  return rows.map((row) => ({
    seq: row.seq,
    clientEventId: row.clientEventId,
    userId: row.userId,
    role: row.role,
    at: row.at,
    command: JSON.parse(row.command) as unknown,
  }));
}

/**
 * Appends one entry. The primary key (exercise, seq) and the unique client event id decide races.
 * Entries offered in the same turn of the event loop, or while an earlier write holds the
 * database, are written together in one statement (group commit): many live exercises then cost
 * one write per turn, not one per entry.
 */
export function appendToLog(
  db: Database,
  exerciseId: string,
  entry: ExerciseEntry,
): Promise<AppendOutcome> {
  return new Promise((resolve, reject) => {
    const queue = pending.get(db);
    if (queue !== undefined && queue.length < MAX_BATCH) {
      queue.push({ exerciseId, entry, resolve, reject });
      return;
    }
    const batch: PendingAppend[] = [{ exerciseId, entry, resolve, reject }];
    pending.set(db, batch);
    // After the messages that arrived with this one have been read, so they join the batch.
    setImmediate(() => {
      void withWriteLock(db, async () => {
        // From here on, new entries start the next batch.
        if (pending.get(db) === batch) pending.delete(db);
        await writeBatch(db, batch);
      });
    });
  });
}

async function writeBatch(db: Database, batch: readonly PendingAppend[]): Promise<void> {
  let inserted: { exerciseId: string; seq: number; userId: string; clientEventId: string }[];
  try {
    inserted = await db
      .insert(exerciseEvents)
      .values(
        batch.map(({ exerciseId, entry }) => ({
          exerciseId,
          seq: entry.seq,
          clientEventId: entry.clientEventId,
          userId: entry.userId,
          role: entry.role,
          at: entry.at,
          command: JSON.stringify(entry.command),
        })),
      )
      .onConflictDoNothing()
      .returning({
        exerciseId: exerciseEvents.exerciseId,
        seq: exerciseEvents.seq,
        userId: exerciseEvents.userId,
        clientEventId: exerciseEvents.clientEventId,
      });
  } catch (error) {
    // One bad entry (say, of an exercise deleted meanwhile) must not fail the others with it.
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    for (const item of batch) await writeBatch(db, [item]);
    return;
  }
  const stored = new Set(
    inserted.map((row) => `${row.exerciseId}\n${row.seq}\n${row.userId}\n${row.clientEventId}`),
  );
  for (const item of batch) {
    const { exerciseId, entry } = item;
    if (stored.has(`${exerciseId}\n${entry.seq}\n${entry.userId}\n${entry.clientEventId}`)) {
      item.resolve({ kind: 'stored' });
      continue;
    }
    try {
      item.resolve(await existingOutcome(db, exerciseId, entry));
    } catch (error) {
      item.reject(error);
    }
  }
}

/** Why an entry was not inserted: its client event id is logged already, or its number is taken. */
async function existingOutcome(
  db: Database,
  exerciseId: string,
  entry: ExerciseEntry,
): Promise<AppendOutcome> {
  const [same] = await db
    .select({ seq: exerciseEvents.seq })
    .from(exerciseEvents)
    .where(
      and(
        eq(exerciseEvents.exerciseId, exerciseId),
        eq(exerciseEvents.userId, entry.userId),
        eq(exerciseEvents.clientEventId, entry.clientEventId),
      ),
    );
  return same ? { kind: 'duplicate', seq: same.seq } : { kind: 'behind' };
}
