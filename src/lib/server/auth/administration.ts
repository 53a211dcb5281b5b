import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { ROLES, getUserById, hasAdministrator, setDisabled, updateUser } from './user.ts';

type Outcome = { ok: true } | { ok: false; message: string };

/** Changes a user's role; an administrator cannot demote themselves (so one always remains). */
export async function changeRole(
  db: Database,
  actor: { id: string },
  userId: string,
  role: string,
  ip: string,
): Promise<Outcome> {
  const nextRole = ROLES.find((candidate) => candidate === role);
  if (!nextRole) return { ok: false, message: 'Choose learner, manager or admin.' };
  const user = await getUserById(db, userId);
  if (!user) return { ok: false, message: 'That person no longer exists.' };
  if (user.id === actor.id && nextRole !== 'admin') {
    return {
      ok: false,
      message: 'You cannot remove your own administrator role; ask another administrator.',
    };
  }
  if (user.role === nextRole) return { ok: true };
  await updateUser(db, userId, { role: nextRole });
  await recordAuditEvent(db, {
    type: 'user.role-changed',
    actorId: actor.id,
    subjectId: userId,
    ip,
    detail: { from: user.role, to: nextRole },
  });
  return { ok: true };
}

/** Disables (ending every session) or re-enables a user; nobody disables themselves. */
export async function changeDisabled(
  db: Database,
  actor: { id: string },
  userId: string,
  isDisabled: boolean,
  ip: string,
): Promise<Outcome> {
  const user = await getUserById(db, userId);
  if (!user) return { ok: false, message: 'That person no longer exists.' };
  if (user.id === actor.id) return { ok: false, message: 'You cannot disable your own account.' };
  await setDisabled(db, userId, isDisabled);
  if (isDisabled && !(await hasAdministrator(db))) {
    await setDisabled(db, userId, false);
    return { ok: false, message: 'Switchyard needs at least one active administrator.' };
  }
  await recordAuditEvent(db, {
    type: isDisabled ? 'user.disabled' : 'user.enabled',
    actorId: actor.id,
    subjectId: userId,
    ip,
  });
  return { ok: true };
}
