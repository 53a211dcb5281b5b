import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { checkPasswordPolicy } from './password.ts';
import { checkPasswordThrottled } from './password-check.ts';
import { invalidateUserSessions } from './session.ts';
import { getUserById, setPassword, updateUser } from './user.ts';

/** Why a password change was refused: a status, a sentence, and for throttling the wait. */
export type PasswordChangeResult =
  { ok: true } | { ok: false; status: 400 | 429 | 503; message: string; retryAfter?: number };

/**
 * Changes one's own password after checking the current one under the sign-in throttle; every
 * other session ends (the caller then replaces this browser's session too).
 */
export async function changeOwnPassword(
  db: Database,
  input: {
    userId: string;
    sessionId: string;
    current: string;
    next: string;
    ip: string;
    device?: { id: string; userId: string } | null;
  },
): Promise<PasswordChangeResult> {
  const user = await getUserById(db, input.userId);
  if (!user) return { ok: false, status: 400, message: 'Your account could not be found.' };
  const check = await checkPasswordThrottled(db, {
    email: user.email,
    user,
    password: input.current,
    ip: input.ip,
    deviceId: input.device?.userId === user.id ? input.device.id : null,
  });
  if (!check.ok && check.reason !== 'invalid') {
    const status = check.reason === 'busy' ? 503 : 429;
    const message =
      check.reason === 'busy'
        ? `The server is checking many passwords right now. Try again in ${check.retryAfter} seconds.`
        : `Too many wrong passwords. Try again in ${check.retryAfter} seconds.`;
    return { ok: false, status, message, retryAfter: check.retryAfter };
  }
  if (!check.ok)
    return { ok: false, status: 400, message: 'Your current password is not correct.' };
  const policy = checkPasswordPolicy(input.next, user.email);
  if (policy) return { ok: false, status: 400, message: policy };
  await setPassword(db, user.id, input.next, input.sessionId);
  await recordAuditEvent(db, {
    type: 'password.changed',
    actorId: user.id,
    subjectId: user.id,
    ip: input.ip,
  });
  return { ok: true };
}

/** Renames oneself. */
export async function renameSelf(
  db: Database,
  userId: string,
  displayName: string,
  ip: string,
): Promise<void> {
  await updateUser(db, userId, { displayName });
  await recordAuditEvent(db, { type: 'user.renamed', actorId: userId, subjectId: userId, ip });
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(db: Database, userId: string, ip: string): Promise<void> {
  await invalidateUserSessions(db, userId);
  await recordAuditEvent(db, { type: 'sessions.revoked', actorId: userId, subjectId: userId, ip });
}
