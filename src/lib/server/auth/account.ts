import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { checkPasswordPolicy, verifyPassword } from './password.ts';
import { invalidateUserSessions } from './session.ts';
import { getUserById, setPassword, updateUser } from './user.ts';

/** Changes one's own password after checking the current one; other sessions end, this one stays. */
export async function changeOwnPassword(
  db: Database,
  input: { userId: string; sessionId: string; current: string; next: string; ip: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const user = await getUserById(db, input.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.current))) {
    return { ok: false, message: 'Your current password is not correct.' };
  }
  const policy = checkPasswordPolicy(input.next, user.email);
  if (policy) return { ok: false, message: policy };
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
