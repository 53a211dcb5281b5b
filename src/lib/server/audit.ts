import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema.ts';
import { now } from './clock.ts';

/** Security events kept for administrators and auditors. */
export const AUDIT_EVENT_TYPES = [
  'sign-in.success',
  'sign-in.failure',
  'sign-in.lockout',
  'sign-out',
  'setup.admin-created',
  'user.created',
  'user.role-changed',
  'user.disabled',
  'user.enabled',
  'user.renamed',
  'password.changed',
  'password.reset-issued',
  'invitation.issued',
  'invitation.used',
  'sessions.revoked',
  'team.created',
  'team.updated',
  'xapi-credential.created',
  'cmi5.course-imported',
  'cmi5.course-withdrawn',
  'cmi5.au-waived',
  'cmi5.au-waiver-revoked',
  'user.break-glass-changed',
  'sso.sign-in',
  'sso.refused',
  'sso.account-created',
  'sso.account-linked',
  'sso.access-changed',
  'sso.groups-overage',
  'sso.mapping-added',
  'sso.mapping-removed',
  'sso.linking-changed',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** One event to record. */
export interface AuditEventInput {
  type: AuditEventType;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends a security event. */
export async function recordAuditEvent(db: Database, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    at: now(),
    type: event.type,
    actorId: event.actorId ?? null,
    subjectId: event.subjectId ?? null,
    ip: event.ip ?? null,
    detail: JSON.stringify(event.detail ?? {}),
  });
}

/** The newest events first, optionally of one type and older than an id (for paging). */
export async function listAuditEvents(
  db: Database,
  options: { type?: string | undefined; beforeId?: number | undefined; limit: number },
): Promise<(typeof auditEvents.$inferSelect)[]> {
  const filters: SQL[] = [];
  if (options.type) filters.push(eq(auditEvents.type, options.type));
  if (options.beforeId) filters.push(lt(auditEvents.id, options.beforeId));
  return db
    .select()
    .from(auditEvents)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
}
