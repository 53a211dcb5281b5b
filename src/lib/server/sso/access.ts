import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { teamManagers, teamMembers, teams } from '../../../../db/schema.ts';
import { recordAuditEvent } from '../audit.ts';
import { updateUser, type UserRow } from '../auth/user.ts';
import type { AccessPlan } from './group-mapping.ts';

/** What applying a plan changed, by team slug. */
export interface AccessChanges {
  role?: { from: string; to: string };
  joined: string[];
  left: string[];
  managing: string[];
  stoppedManaging: string[];
}

async function currentTeamIds(
  db: Database,
  table: typeof teamMembers | typeof teamManagers,
  userId: string,
  teamIds: string[],
): Promise<Set<string>> {
  if (!teamIds.length) return new Set();
  const rows = await db
    .select({ teamId: table.teamId })
    .from(table)
    .where(and(eq(table.userId, userId), inArray(table.teamId, teamIds)));
  return new Set(rows.map((row) => row.teamId));
}

async function slugsOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: teams.id, slug: teams.slug })
    .from(teams)
    .where(inArray(teams.id, ids));
  return new Map(rows.map((row) => [row.id, row.slug]));
}

/**
 * Makes the person's role and mapped teams what their groups say (break-glass accounts keep their
 * role, so recovery access cannot be taken away by the provider); records any change in the audit log.
 */
export async function applyAccess(
  db: Database,
  user: UserRow,
  plan: AccessPlan,
  ip: string,
): Promise<AccessChanges> {
  const mapped = [...plan.mappedTeamIds];
  const members = await currentTeamIds(db, teamMembers, user.id, mapped);
  const managers = await currentTeamIds(db, teamManagers, user.id, mapped);
  const changes: AccessChanges = { joined: [], left: [], managing: [], stoppedManaging: [] };
  const slugs = await slugsOf(db, mapped);
  const slug = (id: string): string => slugs.get(id) ?? id;
  for (const teamId of mapped) {
    const shouldBeMember = plan.memberTeamIds.has(teamId);
    if (shouldBeMember && !members.has(teamId)) {
      await db.insert(teamMembers).values({ teamId, userId: user.id }).onConflictDoNothing();
      changes.joined.push(slug(teamId));
    } else if (!shouldBeMember && members.has(teamId)) {
      await db
        .delete(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, user.id)));
      changes.left.push(slug(teamId));
    }
    const shouldManage = plan.managedTeamIds.has(teamId);
    if (shouldManage && !managers.has(teamId)) {
      await db.insert(teamManagers).values({ teamId, userId: user.id }).onConflictDoNothing();
      changes.managing.push(slug(teamId));
    } else if (!shouldManage && managers.has(teamId)) {
      await db
        .delete(teamManagers)
        .where(and(eq(teamManagers.teamId, teamId), eq(teamManagers.userId, user.id)));
      changes.stoppedManaging.push(slug(teamId));
    }
  }
  if (!user.isBreakGlass && user.role !== plan.role) {
    await updateUser(db, user.id, { role: plan.role });
    changes.role = { from: user.role, to: plan.role };
  }
  const hasChanged =
    changes.role ||
    changes.joined.length ||
    changes.left.length ||
    changes.managing.length ||
    changes.stoppedManaging.length;
  if (hasChanged) {
    await recordAuditEvent(db, {
      type: 'sso.access-changed',
      subjectId: user.id,
      ip,
      detail: { ...changes },
    });
  }
  return changes;
}
