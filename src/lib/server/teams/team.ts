import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { teamManagers, teamMembers, teams, users } from '../../../../db/schema.ts';
import { now } from '../clock.ts';

/** A new team. */
export const NewTeamSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,48}$/,
      'Use 2 to 49 lowercase letters, digits and hyphens for the slug.',
    ),
  name: z.string().trim().min(2, 'Enter a team name.').max(120, 'Use at most 120 characters.'),
  kind: z.enum(['it', 'ot', 'mixed'], { message: 'Choose IT, OT or mixed.' }),
});

export type NewTeam = z.output<typeof NewTeamSchema>;
export type TeamRow = typeof teams.$inferSelect;

/** Creates a team; fails when the slug is taken. */
export async function createTeam(
  db: Database,
  input: NewTeam,
): Promise<{ ok: true; team: TeamRow } | { ok: false; reason: 'slug-taken' }> {
  if (await getTeamBySlug(db, input.slug)) return { ok: false, reason: 'slug-taken' };
  const team = { id: crypto.randomUUID(), ...input, createdAt: now() };
  await db.insert(teams).values(team);
  return { ok: true, team };
}

/** A team by slug. */
export async function getTeamBySlug(db: Database, slug: string): Promise<TeamRow | null> {
  const [row] = await db.select().from(teams).where(eq(teams.slug, slug));
  return row ?? null;
}

/** All teams by name. */
export function listTeams(db: Database): Promise<TeamRow[]> {
  return db.select().from(teams).orderBy(asc(teams.name));
}

/** The teams a manager manages (every team for an admin). */
export async function listManagedTeams(
  db: Database,
  user: { id: string; role: string },
): Promise<TeamRow[]> {
  if (user.role === 'admin') return listTeams(db);
  const rows = await db
    .select({ team: teams })
    .from(teamManagers)
    .innerJoin(teams, eq(teams.id, teamManagers.teamId))
    .where(eq(teamManagers.userId, user.id))
    .orderBy(asc(teams.name));
  return rows.map((row) => row.team);
}

/** True when the user may manage the team (its manager, or an admin). */
export async function canManageTeam(
  db: Database,
  user: { id: string; role: string },
  teamId: string,
): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'manager') return false;
  const [row] = await db
    .select({ teamId: teamManagers.teamId })
    .from(teamManagers)
    .where(and(eq(teamManagers.teamId, teamId), eq(teamManagers.userId, user.id)));
  return Boolean(row);
}

/** Renames a team. */
export async function renameTeam(db: Database, teamId: string, name: string): Promise<void> {
  await db.update(teams).set({ name }).where(eq(teams.id, teamId));
}

/** Adds a learner to a team (no-op when already a member). */
export async function addMember(db: Database, teamId: string, userId: string): Promise<void> {
  await db.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing();
}

/** Removes a learner from a team. */
export async function removeMember(db: Database, teamId: string, userId: string): Promise<void> {
  await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
}

/** Makes a user a manager of a team (no-op when already). */
export async function addManager(db: Database, teamId: string, userId: string): Promise<void> {
  await db.insert(teamManagers).values({ teamId, userId }).onConflictDoNothing();
}

/** Removes a manager from a team. */
export async function removeManager(db: Database, teamId: string, userId: string): Promise<void> {
  await db
    .delete(teamManagers)
    .where(and(eq(teamManagers.teamId, teamId), eq(teamManagers.userId, userId)));
}

/** A team's members and managers. */
export async function getTeamPeople(
  db: Database,
  teamId: string,
): Promise<{ members: (typeof users.$inferSelect)[]; managers: (typeof users.$inferSelect)[] }> {
  const members = await db
    .select({ user: users })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.displayName));
  const managers = await db
    .select({ user: users })
    .from(teamManagers)
    .innerJoin(users, eq(users.id, teamManagers.userId))
    .where(eq(teamManagers.teamId, teamId))
    .orderBy(asc(users.displayName));
  return { members: members.map((row) => row.user), managers: managers.map((row) => row.user) };
}

/** Team ids a user belongs to. */
export async function teamIdsOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return rows.map((row) => row.teamId);
}

/** Teams by ids. */
export function getTeamsByIds(db: Database, ids: string[]): Promise<TeamRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.select().from(teams).where(inArray(teams.id, ids)).orderBy(asc(teams.name));
}
