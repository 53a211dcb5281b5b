import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { auditEvents, users } from '../../../../db/schema.ts';

/** The audit event types of waivers given and revoked. */
export const WAIVER_EVENTS = {
  waived: 'cmi5.au-waived',
  revoked: 'cmi5.au-waiver-revoked',
} as const;

/** Per learner and imported course, its waivers as one line: "AU: reason (by who, when)". */
export type WaiverNotes = (userId: string, courseId: string) => string | null;

/** The waivers recorded in the audit log for these learners, for the evidence export. */
export async function loadWaiverNotes(
  db: Database,
  userIds: readonly string[],
): Promise<WaiverNotes> {
  if (userIds.length === 0) return () => null;
  const rows = await db
    .select({
      at: auditEvents.at,
      type: auditEvents.type,
      subjectId: auditEvents.subjectId,
      detail: auditEvents.detail,
      by: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        inArray(auditEvents.type, [WAIVER_EVENTS.waived, WAIVER_EVENTS.revoked]),
        inArray(auditEvents.subjectId, [...userIds]),
      ),
    )
    .orderBy(auditEvents.at);
  const notes = new Map<string, string[]>();
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as {
      course?: string;
      au?: string;
      reason?: string;
      category?: string;
      credential?: string;
    };
    const key = `${row.subjectId}\n${detail.course}`;
    const by = row.by ?? (detail.credential ? `credential ${detail.credential}` : 'unknown');
    const what =
      row.type === WAIVER_EVENTS.revoked
        ? 'waiver revoked'
        : detail.category && detail.category !== detail.reason
          ? `waived (${detail.category})`
          : 'waived';
    const line = `${detail.au}: ${what}, reason "${detail.reason}" (by ${by}, ${new Date(row.at).toISOString()})`;
    notes.set(key, [...(notes.get(key) ?? []), line]);
  }
  return (userId, courseId) => notes.get(`${userId}\n${courseId}`)?.join('; ') ?? null;
}
