import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { cmi5Sessions } from '../../../../db/schema.ts';
import { now } from '../clock.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { findImportedCourse } from './course-catalog.ts';
import { listAus } from './course-structure.ts';
import { cmi5Ids } from './cmi5-ids.ts';
import { recordLmsStatements } from './lms-statements.ts';
import type { Registration } from './registrations.ts';
import type { LaunchSession } from './sessions.ts';

/** An ISO 8601 duration of whole seconds. */
function duration(ms: number): string {
  return `PT${Math.max(0, Math.round(ms / 1000))}S`;
}

/**
 * Ends a session that stopped without `terminated` (cmi5 9.3.6): one `abandoned` statement with the
 * time from launch to the AU's last statement; afterwards the session takes nothing more.
 * Returns false when the session had already ended.
 */
export async function abandonSession(
  db: Database,
  origin: string,
  session: LaunchSession,
  registration: Registration,
): Promise<boolean> {
  const at = now();
  const claimed = await db.$client.execute({
    sql: `UPDATE cmi5_sessions SET abandoned_at = ? WHERE id = ? AND abandoned_at IS NULL AND terminated_at IS NULL`,
    args: [at, session.id],
  });
  if (claimed.rowsAffected === 0) return false;
  const course = await findImportedCourse(db, registration.courseId, registration.versionId);
  const au = course ? listAus(course.structure.children)[session.auIndex] : undefined;
  if (!course || !au) return true;
  await recordLmsStatements(db, origin, JSON.parse(registration.actor) as Agent, registration.id, [
    {
      verb: 'abandoned',
      objectId: cmi5Ids.au(origin, course.id, au.id),
      name: au.title,
      sessionId: session.id,
      publisherAuId: au.id,
      result: { duration: duration(session.lastActivityAt - session.launchedAt) },
    },
  ]);
  return true;
}

/** Records that the AU sent something in the session (initialized and terminated are noted too). */
export async function touchSession(
  db: Database,
  sessionId: string,
  update: { at: number; isInitialized: boolean; isTerminated: boolean },
): Promise<void> {
  await db
    .update(cmi5Sessions)
    .set({
      lastActivityAt: update.at,
      ...(update.isInitialized ? { initializedAt: update.at } : {}),
      ...(update.isTerminated ? { terminatedAt: update.at } : {}),
    })
    .where(eq(cmi5Sessions.id, sessionId));
}
