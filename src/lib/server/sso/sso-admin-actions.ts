import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { ssoGroupMappings, users } from '../../../../db/schema.ts';
import { recordAuditEvent } from '../audit.ts';
import { ROLES, findUserByEmail, type UserRow } from '../auth/user.ts';
import { now } from '../clock.ts';
import { isFlagOn, setFlag } from '../site-settings.ts';
import { getTeamBySlug, listTeams, type TeamRow } from '../teams/team.ts';
import { listGroupMappings, type GroupMapping } from './group-mapping.ts';

type Outcome = { ok: true; message: string } | { ok: false; status: number; message: string };

/** A new group mapping as an administrator enters it. */
export const GroupMappingSchema = z
  .object({
    groupName: z
      .string()
      .trim()
      .min(1, 'Enter the group’s id or name as the provider sends it.')
      .max(256, 'Use at most 256 characters for the group.'),
    team: z.string().trim().max(60).default(''),
    role: z
      .enum(['', ...ROLES], { message: 'Choose no role, learner, manager or admin.' })
      .default(''),
  })
  .refine((value) => value.team || value.role, {
    message: 'Choose a team, a role, or both for this group.',
    path: ['team'],
  });

/** Everything /admin/sso shows. */
export interface SsoAdminView {
  mappings: GroupMapping[];
  teams: TeamRow[];
  breakGlass: Pick<UserRow, 'id' | 'email' | 'displayName' | 'role' | 'isDisabled'>[];
  canLinkByEmail: boolean;
}

/** Reads the mappings, teams, break-glass accounts and the linking setting. */
export async function loadSsoAdmin(db: Database): Promise<SsoAdminView> {
  const breakGlass = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      isDisabled: users.isDisabled,
    })
    .from(users)
    .where(eq(users.isBreakGlass, true))
    .orderBy(asc(users.email));
  return {
    mappings: await listGroupMappings(db),
    teams: await listTeams(db),
    breakGlass,
    canLinkByEmail: await isFlagOn(db, 'linkExistingAccounts'),
  };
}

/** Maps a provider group to a team, a role or both. */
export async function addGroupMapping(
  db: Database,
  actor: { id: string },
  form: Record<string, string>,
  ip: string,
): Promise<Outcome> {
  const parsed = GroupMappingSchema.safeParse(form);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Check the form.',
    };
  }
  const { groupName, team: slug, role } = parsed.data;
  const team = slug ? await getTeamBySlug(db, slug) : null;
  if (slug && !team) return { ok: false, status: 400, message: 'Choose one of the listed teams.' };
  const [taken] = await db
    .select({ id: ssoGroupMappings.id })
    .from(ssoGroupMappings)
    .where(eq(ssoGroupMappings.groupName, groupName));
  if (taken) {
    return {
      ok: false,
      status: 409,
      message: `“${groupName}” is already mapped. Remove its mapping first to change it.`,
    };
  }
  const row = {
    id: crypto.randomUUID(),
    groupName,
    teamId: team?.id ?? null,
    role: role || null,
    createdAt: now(),
  };
  await db.insert(ssoGroupMappings).values(row);
  await recordAuditEvent(db, {
    type: 'sso.mapping-added',
    actorId: actor.id,
    ip,
    detail: { group: groupName, team: team?.slug ?? null, role: role || null },
  });
  return {
    ok: true,
    message: `“${groupName}” is mapped. It applies at each person’s next sign-in.`,
  };
}

/** Removes a group mapping. */
export async function removeGroupMapping(
  db: Database,
  actor: { id: string },
  mappingId: string,
  ip: string,
): Promise<Outcome> {
  const [row] = await db
    .delete(ssoGroupMappings)
    .where(eq(ssoGroupMappings.id, mappingId))
    .returning();
  if (!row) return { ok: false, status: 404, message: 'That mapping no longer exists.' };
  await recordAuditEvent(db, {
    type: 'sso.mapping-removed',
    actorId: actor.id,
    ip,
    detail: { group: row.groupName },
  });
  return { ok: true, message: `The mapping for “${row.groupName}” is removed.` };
}

/** Allows or stops linking existing accounts by the provider's verified email. */
export async function changeLinking(
  db: Database,
  actor: { id: string },
  isAllowed: boolean,
  ip: string,
): Promise<Outcome> {
  await setFlag(db, 'linkExistingAccounts', isAllowed);
  await recordAuditEvent(db, {
    type: 'sso.linking-changed',
    actorId: actor.id,
    ip,
    detail: { allowed: isAllowed },
  });
  return {
    ok: true,
    message: isAllowed
      ? 'Existing accounts are linked when the provider verifies the same email.'
      : 'Existing accounts are no longer linked by email.',
  };
}

/** Marks or unmarks an account as break-glass (password sign-in even when only single sign-on is on). */
export async function changeBreakGlass(
  db: Database,
  actor: { id: string } | null,
  email: string,
  isBreakGlass: boolean,
  ip: string | null,
): Promise<Outcome> {
  const user = await findUserByEmail(db, email);
  if (!user)
    return { ok: false, status: 404, message: `No account has the email ${email.trim()}.` };
  if (user.isBreakGlass !== isBreakGlass) {
    await db.update(users).set({ isBreakGlass, updatedAt: now() }).where(eq(users.id, user.id));
    await recordAuditEvent(db, {
      type: 'user.break-glass-changed',
      actorId: actor?.id ?? null,
      subjectId: user.id,
      ip,
      detail: { breakGlass: isBreakGlass },
    });
  }
  const warning =
    isBreakGlass && !user.passwordHash ? ' It has no password yet: send a reset link.' : '';
  return {
    ok: true,
    message: isBreakGlass
      ? `${user.email} may sign in with its password at any time.${warning}`
      : `${user.email} signs in like everyone else.`,
  };
}

/** Runs one form of /admin/sso, chosen by its `intent` field. */
export async function submitSsoAdmin(
  db: Database,
  actor: { id: string },
  form: Record<string, string>,
  ip: string,
): Promise<Outcome> {
  switch (form['intent']) {
    case 'add-mapping':
      return addGroupMapping(db, actor, form, ip);
    case 'remove-mapping':
      return removeGroupMapping(db, actor, form['mapping'] ?? '', ip);
    case 'linking':
      return changeLinking(db, actor, form['allow'] === 'true', ip);
    case 'break-glass-on':
    case 'break-glass-off': {
      const email = z.email().safeParse((form['email'] ?? '').trim().toLowerCase());
      if (!email.success) {
        return { ok: false, status: 400, message: 'Enter the email address of an account.' };
      }
      return changeBreakGlass(db, actor, email.data, form['intent'] === 'break-glass-on', ip);
    }
    default:
      return { ok: false, status: 400, message: 'Reload the page and try again.' };
  }
}
