import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { findUserByEmail } from '../auth/user.ts';
import { addManager, addMember, removeManager, removeMember, renameTeam } from './team.ts';

/** What the administrator's team page posts: rename, add or remove a member or a manager. */
export const TeamAdminActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('rename'),
    name: z.string().trim().min(2, 'Enter a team name.').max(120),
  }),
  z.object({
    action: z.enum(['add-member', 'add-manager']),
    email: z.string().trim().min(3, 'Enter an email address.'),
  }),
  z.object({ action: z.enum(['remove-member', 'remove-manager']), userId: z.string().min(1) }),
]);

/** The outcome of a team action, as the page shows it. */
export type TeamAdminResult =
  { ok: true; notice: string } | { ok: false; status: 400; message: string };

/**
 * Carries out a posted team action and audits it; the caller has checked the actor is an
 * administrator. A learner can't manage a team: they are made a training manager first.
 */
export async function handleTeamAdminAction(
  db: Database,
  actor: { id: string; ip: string },
  team: { id: string; slug: string },
  form: Record<string, string>,
): Promise<TeamAdminResult> {
  const parsed = TeamAdminActionSchema.safeParse(form);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Unknown action.',
    };
  }
  const input = parsed.data;
  let notice: string;
  if (input.action === 'rename') {
    await renameTeam(db, team.id, input.name);
    notice = 'Team renamed.';
  } else if ('email' in input) {
    const person = await findUserByEmail(db, input.email);
    if (!person) {
      const message = `Nobody has the email ${input.email}. Invite them from People first.`;
      return { ok: false, status: 400, message };
    }
    if (input.action === 'add-manager' && person.role === 'learner') {
      const message = `${person.displayName} is a learner. Make them a training manager on their page first.`;
      return { ok: false, status: 400, message };
    }
    await (input.action === 'add-member' ? addMember : addManager)(db, team.id, person.id);
    notice = `${person.displayName} added.`;
  } else {
    await (input.action === 'remove-member' ? removeMember : removeManager)(
      db,
      team.id,
      input.userId,
    );
    notice = 'Removed.';
  }
  await recordAuditEvent(db, {
    type: 'team.updated',
    actorId: actor.id,
    ip: actor.ip,
    detail: { slug: team.slug, action: input.action },
  });
  return { ok: true, notice };
}
