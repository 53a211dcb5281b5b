import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { cmi5Registrations } from '../../../../db/schema.ts';
import { now } from '../clock.ts';
import { actorKey } from '../learning-record/actor-key.ts';
import type { Agent } from '../learning-record/agent-schema.ts';

/** A learner's registration in an imported course. */
export type Registration = typeof cmi5Registrations.$inferSelect;

/** The registration by id, or null. */
export async function findRegistration(db: Database, id: string): Promise<Registration | null> {
  const rows = await db
    .select()
    .from(cmi5Registrations)
    .where(eq(cmi5Registrations.id, id.toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

/** The learner's latest registration in a course, or null. */
export async function latestRegistration(
  db: Database,
  courseId: string,
  agent: Agent,
): Promise<Registration | null> {
  const rows = await db
    .select()
    .from(cmi5Registrations)
    .where(
      and(
        eq(cmi5Registrations.courseId, courseId),
        eq(cmi5Registrations.actorKey, actorKey(agent) ?? ''),
      ),
    )
    .orderBy(desc(cmi5Registrations.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

/** Creates a registration on the course's current version (a given id is used as it is). */
export async function createRegistration(
  db: Database,
  input: { courseId: string; versionId: string; agent: Agent; userId: string | null; id?: string },
): Promise<Registration> {
  const row: Registration = {
    id: (input.id ?? crypto.randomUUID()).toLowerCase(),
    courseId: input.courseId,
    versionId: input.versionId,
    actorKey: actorKey(input.agent) ?? '',
    actor: JSON.stringify(input.agent),
    userId: input.userId,
    createdAt: now(),
    satisfiedAt: null,
  };
  await db.insert(cmi5Registrations).values(row);
  return row;
}

/** Marks a registration satisfied (once); true when this call did it. */
export async function markSatisfied(db: Database, id: string, at: number): Promise<boolean> {
  const rows = await db.$client.execute({
    sql: 'UPDATE cmi5_registrations SET satisfied_at = ? WHERE id = ? AND satisfied_at IS NULL',
    args: [at, id],
  });
  return rows.rowsAffected > 0;
}
