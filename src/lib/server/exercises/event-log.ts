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

/** Appends one entry. The primary key (exercise, seq) and the unique client event id decide races. */
export async function appendToLog(
  db: Database,
  exerciseId: string,
  entry: ExerciseEntry,
): Promise<AppendOutcome> {
  return withWriteLock(db, async () => {
    const inserted = await db
      .insert(exerciseEvents)
      .values({
        exerciseId,
        seq: entry.seq,
        clientEventId: entry.clientEventId,
        userId: entry.userId,
        role: entry.role,
        at: entry.at,
        command: JSON.stringify(entry.command),
      })
      .onConflictDoNothing()
      .returning({ seq: exerciseEvents.seq });
    if (inserted.length === 1) return { kind: 'stored' };
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
  });
}
