import type { Database } from '../../../../db/client.ts';
import { getTeamsByIds, teamIdsOf } from '../teams/team.ts';
import { changeDisabled, changeRole } from './administration.ts';
import { issuePasswordReset } from './onboarding.ts';
import { getUserById, type UserRow } from './user.ts';

/** The outcome of an administrator's action on a person: a notice, a reset token, or why not. */
export type UserAdminResult =
  | { ok: true; notice: string; resetToken: string | null }
  | { ok: false; status: 400; message: string };

/**
 * Carries out what the administrator's page for one person posts: change the role, disable or
 * enable the account, or issue a one-time password-reset token. Each is audited where it is made.
 */
export async function handleUserAdminAction(
  db: Database,
  actor: { id: string; ip: string },
  userId: string,
  form: Record<string, string>,
): Promise<UserAdminResult> {
  const action = form['action'];
  if (action === 'reset') {
    const resetToken = await issuePasswordReset(db, actor, userId, actor.ip);
    return { ok: true, notice: '', resetToken };
  }
  if (action !== 'role' && action !== 'disable' && action !== 'enable')
    return { ok: false, status: 400, message: 'Unknown action.' };
  const outcome =
    action === 'role'
      ? await changeRole(db, actor, userId, form['role'] ?? '', actor.ip)
      : await changeDisabled(db, actor, userId, action === 'disable', actor.ip);
  if (!outcome.ok) return { ok: false, status: 400, message: outcome.message };
  const notices = {
    role: 'Role saved.',
    disable: 'Account disabled; its sessions have ended.',
    enable: 'Account enabled.',
  };
  return { ok: true, notice: notices[action], resetToken: null };
}

/** The person the administrator's page shows, with their teams; null when there is nobody. */
export async function loadUserAdminPage(
  db: Database,
  userId: string,
): Promise<{ user: UserRow; teams: { name: string }[] } | null> {
  const user = await getUserById(db, userId);
  if (!user) return null;
  return { user, teams: await getTeamsByIds(db, await teamIdsOf(db, userId)) };
}
