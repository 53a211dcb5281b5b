import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { exerciseParticipants, exercises, users } from '../../../../db/schema.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import { now } from '../clock.ts';

/** An exercise as pages list it. */
export interface ExerciseSummary {
  id: string;
  scenarioId: string;
  joinCode: string;
  createdBy: string;
  createdAt: number;
  scoredAt: number | null;
  participants: { userId: string; displayName: string; role: ExerciseRole }[];
}

/** Letters and digits nobody confuses when reading a code aloud (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Length of a join code: 31^6, about 887 million codes. */
export const JOIN_CODE_LENGTH = 6;

/** A fresh random join code. */
export function generateJoinCode(): string {
  const bytes = new Uint8Array(JOIN_CODE_LENGTH);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** Normalises what a person typed ("abc-234" -> "ABC234"). */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Stores a new exercise with its first participants; the caller has checked scenario and people. */
export async function insertExercise(
  db: Database,
  input: {
    scenarioId: string;
    createdBy: string;
    participants: { userId: string; role: ExerciseRole }[];
  },
): Promise<{ id: string; joinCode: string }> {
  const id = crypto.randomUUID();
  const joinCode = generateJoinCode();
  await db.batch([
    db.insert(exercises).values({
      id,
      scenarioId: input.scenarioId,
      joinCode,
      createdBy: input.createdBy,
      createdAt: now(),
    }),
    ...input.participants.map((p) =>
      db.insert(exerciseParticipants).values({ exerciseId: id, userId: p.userId, role: p.role }),
    ),
  ]);
  return { id, joinCode };
}

/** One exercise with its participants, or null. */
export async function findExercise(db: Database, id: string): Promise<ExerciseSummary | null> {
  const [row] = await db.select().from(exercises).where(eq(exercises.id, id));
  if (!row) return null;
  const [summary] = await withParticipants(db, [row]);
  return summary ?? null;
}

/** The exercise a join code opens, or null. */
export async function findByJoinCode(db: Database, code: string): Promise<ExerciseSummary | null> {
  const [row] = await db
    .select()
    .from(exercises)
    .where(eq(exercises.joinCode, normaliseJoinCode(code)));
  return row ? ((await withParticipants(db, [row]))[0] ?? null) : null;
}

/** Adds a person to an open role; false when the role was taken meanwhile or they already play. */
export async function addParticipant(
  db: Database,
  exerciseId: string,
  userId: string,
  role: ExerciseRole,
): Promise<boolean> {
  const inserted = await db
    .insert(exerciseParticipants)
    .values({ exerciseId, userId, role })
    .onConflictDoNothing()
    .returning({ role: exerciseParticipants.role });
  return inserted.length === 1;
}

/** Exercises a person plays in that are not scored yet, newest first. */
export async function pendingExercisesFor(
  db: Database,
  userId: string,
): Promise<ExerciseSummary[]> {
  const rows = await db
    .select({ exercise: exercises })
    .from(exerciseParticipants)
    .innerJoin(exercises, eq(exercises.id, exerciseParticipants.exerciseId))
    .where(and(eq(exerciseParticipants.userId, userId), isNull(exercises.scoredAt)))
    .orderBy(desc(exercises.createdAt))
    .limit(50);
  return withParticipants(
    db,
    rows.map((r) => r.exercise),
  );
}

/** Exercises someone created, newest first. */
export async function exercisesCreatedBy(db: Database, userId: string): Promise<ExerciseSummary[]> {
  const rows = await db
    .select()
    .from(exercises)
    .where(eq(exercises.createdBy, userId))
    .orderBy(desc(exercises.createdAt))
    .limit(50);
  return withParticipants(db, rows);
}

async function withParticipants(
  db: Database,
  rows: (typeof exercises.$inferSelect)[],
): Promise<ExerciseSummary[]> {
  if (rows.length === 0) return [];
  const people = await db
    .select({
      exerciseId: exerciseParticipants.exerciseId,
      userId: exerciseParticipants.userId,
      role: exerciseParticipants.role,
      displayName: users.displayName,
    })
    .from(exerciseParticipants)
    .innerJoin(users, eq(users.id, exerciseParticipants.userId))
    .where(
      inArray(
        exerciseParticipants.exerciseId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    scenarioId: row.scenarioId,
    joinCode: row.joinCode,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    scoredAt: row.scoredAt,
    participants: people
      .filter((p) => p.exerciseId === row.id)
      .map(({ userId, displayName, role }) => ({ userId, displayName, role })),
  }));
}
