import type { Database } from '../../../../db/client.ts';
import { invitePerson } from './onboarding.ts';
import { NewUserSchema } from './user.ts';

/**
 * Who may be invited from a page: a training manager's overview invites learners into one of the
 * teams they manage; the administrator's people page invites anyone, into any team or none.
 */
export type InviteScope =
  | { kind: 'learner-into-managed-team'; teams: readonly { id: string }[] }
  | { kind: 'anyone'; teams: readonly { id: string }[] };

/** The invitation made (its one-time token goes into the set-password link), or why not. */
export type InviteResult =
  | { ok: true; invitation: { name: string; email: string; token: string } }
  | { ok: false; status: 400; message: string };

/** Invites the person a form describes, within the page's scope, and audits it. */
export async function handleInvite(
  db: Database,
  actor: { id: string },
  ip: string,
  form: Record<string, string>,
  scope: InviteScope,
): Promise<InviteResult> {
  const isLearnerOnly = scope.kind === 'learner-into-managed-team';
  const parsed = NewUserSchema.safeParse(isLearnerOnly ? { ...form, role: 'learner' } : form);
  const teamId = (isLearnerOnly ? form['teamId'] : form['teamId'] || null) ?? '';
  const refuse = (message: string): InviteResult => ({ ok: false, status: 400, message });
  if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? 'Check the form.');
  const isKnownTeam = scope.teams.some((team) => team.id === teamId);
  if (isLearnerOnly && !isKnownTeam) return refuse('Choose one of your teams.');
  if (!isLearnerOnly && teamId && !isKnownTeam) return refuse('Choose a team from the list.');
  const result = await invitePerson(db, actor, parsed.data, teamId || null, ip);
  if (!result.ok) return refuse(result.message);
  return {
    ok: true,
    invitation: { name: result.user.displayName, email: result.user.email, token: result.token },
  };
}
