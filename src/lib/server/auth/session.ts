import { eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../../../../db/client.ts';
import { sessions, users } from '../../../../db/schema.ts';
import { now } from '../clock.ts';

/** A session as the server sees it (never the token itself). */
export interface Session {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** The user fields every request may need. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: 'learner' | 'manager' | 'admin';
  department: 'it' | 'ot' | 'other';
  jobTitle: string;
  isDemo: boolean;
}

/** Idle and absolute limits, in milliseconds. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export type SessionValidationResult =
  { session: Session; user: SessionUser } | { session: null; user: null };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Refresh the idle clock at most this often, so reads rarely cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** Policy from the configured days. */
export function sessionPolicy(idleDays: number, absoluteDays: number): SessionPolicy {
  return { idleMs: idleDays * DAY_MS, absoluteMs: absoluteDays * DAY_MS };
}

/** A new random token: 20 bytes (160 bits) in base32. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The id under which a token's session is stored: its SHA-256 in hex. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Starts a session for a user and returns its token (to put in the cookie) and the stored row. */
export async function createSession(
  db: Database,
  userId: string,
  policy: SessionPolicy,
): Promise<{ token: string; session: Session }> {
  const token = generateSessionToken();
  const at = now();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: at + policy.absoluteMs,
  };
  await db.insert(sessions).values(session);
  return { token, session };
}

/** Finds the live session for a cookie token, ending it when it is idle or past its absolute end. */
export async function validateSessionToken(
  db: Database,
  token: string,
  policy: SessionPolicy,
): Promise<SessionValidationResult> {
  if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, user: null };
  const sessionId = hashToken(token);
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  const row = rows[0];
  if (!row) return { session: null, user: null };
  const encoder = new TextEncoder();
  if (!constantTimeEqual(encoder.encode(row.session.id), encoder.encode(sessionId))) {
    return { session: null, user: null };
  }
  const at = now();
  const isExpired = at >= row.session.expiresAt || at - row.session.lastSeenAt >= policy.idleMs;
  if (isExpired || row.user.isDisabled) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return { session: null, user: null };
  }
  const session = { ...row.session };
  if (at - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
    session.lastSeenAt = at;
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
  }
  const { id, email, displayName, role, department, jobTitle, isDemo } = row.user;
  return { session, user: { id, email, displayName, role, department, jobTitle, isDemo } };
}

/** Ends one session (sign-out). */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `exceptSessionId`. */
export async function invalidateUserSessions(
  db: Database,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  const all = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  for (const { id } of all) {
    if (id !== exceptSessionId) await db.delete(sessions).where(eq(sessions.id, id));
  }
}
