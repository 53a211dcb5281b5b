import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { consumeOneTimeToken, findOneTimeToken, issueOneTimeToken } from '../one-time-token.ts';
import { addMember } from '../teams/team.ts';
import { checkPasswordPolicy } from './password.ts';
import {
  createUser,
  getUserById,
  hasAdministrator,
  setPassword,
  type NewUser,
  type UserRow,
} from './user.ts';

/** Creates the first-run setup token when no administrator exists; null when one does. */
export async function ensureSetupToken(db: Database): Promise<string | null> {
  if (await hasAdministrator(db)) return null;
  return issueOneTimeToken(db, 'setup', null, null);
}

/** Creates the first administrator with a live setup token; the token dies with it. */
export async function completeSetup(
  db: Database,
  token: string,
  input: NewUser,
  password: string,
  ip: string,
): Promise<{ ok: true; user: UserRow } | { ok: false; message: string }> {
  if (await hasAdministrator(db))
    return {
      ok: false,
      message: 'Switchyard already has an administrator. Sign in at /login instead.',
    };
  const policy = checkPasswordPolicy(password, input.email);
  if (policy) return { ok: false, message: policy };
  if (!(await consumeOneTimeToken(db, token, 'setup'))) {
    return {
      ok: false,
      message: 'This setup link has expired or was used. Restart the server for a new one.',
    };
  }
  const created = await createUser(db, { ...input, role: 'admin' }, password);
  if (!created.ok)
    return {
      ok: false,
      message:
        'That email address is already in use. Use another address, or sign in with that one.',
    };
  await recordAuditEvent(db, {
    type: 'setup.admin-created',
    actorId: created.user.id,
    subjectId: created.user.id,
    ip,
  });
  return { ok: true, user: created.user };
}

/** Creates a person without a password and returns their one-time invitation token (valid 7 days). */
export async function invitePerson(
  db: Database,
  actor: { id: string },
  input: NewUser,
  teamId: string | null,
  ip: string | null,
): Promise<{ ok: true; user: UserRow; token: string } | { ok: false; message: string }> {
  const created = await createUser(db, input);
  if (!created.ok)
    return {
      ok: false,
      message:
        'Someone already has that email address. Find them under People, or use another address.',
    };
  if (teamId) await addMember(db, teamId, created.user.id);
  const token = await issueOneTimeToken(db, 'invitation', created.user.id, actor.id);
  await recordAuditEvent(db, {
    type: 'user.created',
    actorId: actor.id,
    subjectId: created.user.id,
    ip,
    detail: { role: input.role },
  });
  await recordAuditEvent(db, {
    type: 'invitation.issued',
    actorId: actor.id,
    subjectId: created.user.id,
    ip,
  });
  return { ok: true, user: created.user, token };
}

/** Issues a password-reset link for a user (valid 24 hours). */
export async function issuePasswordReset(
  db: Database,
  actor: { id: string },
  userId: string,
  ip: string | null,
): Promise<string> {
  const token = await issueOneTimeToken(db, 'reset', userId, actor.id);
  await recordAuditEvent(db, {
    type: 'password.reset-issued',
    actorId: actor.id,
    subjectId: userId,
    ip,
  });
  return token;
}

/** The person an invitation or reset token is for, when the token is live. */
export async function findLinkHolder(
  db: Database,
  token: string,
): Promise<{ user: UserRow; purpose: 'invitation' | 'reset' } | null> {
  for (const purpose of ['invitation', 'reset'] as const) {
    const row = await findOneTimeToken(db, token, purpose);
    if (row?.userId) {
      const user = await getUserById(db, row.userId);
      if (user && !user.isDisabled) return { user, purpose };
    }
  }
  return null;
}

/** Sets the password through an invitation or reset link, once; every other session of the user ends. */
export async function setPasswordWithLink(
  db: Database,
  token: string,
  password: string,
  ip: string,
): Promise<{ ok: true; user: UserRow } | { ok: false; message: string }> {
  const holder = await findLinkHolder(db, token);
  if (!holder)
    return {
      ok: false,
      message: 'This link has expired or was already used. Ask your administrator for a new one.',
    };
  const policy = checkPasswordPolicy(password, holder.user.email);
  if (policy) return { ok: false, message: policy };
  if (!(await consumeOneTimeToken(db, token, holder.purpose))) {
    return {
      ok: false,
      message: 'This link has expired or was already used. Ask your administrator for a new one.',
    };
  }
  await setPassword(db, holder.user.id, password);
  await recordAuditEvent(db, {
    type: holder.purpose === 'invitation' ? 'invitation.used' : 'password.changed',
    actorId: holder.user.id,
    subjectId: holder.user.id,
    ip,
    detail: { via: holder.purpose },
  });
  return { ok: true, user: holder.user };
}
