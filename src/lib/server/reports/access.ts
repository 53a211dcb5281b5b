import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { teamManagers, teamMembers } from '../../../../db/schema.ts';
import { canManageTeam, getTeamBySlug, type TeamRow } from '../teams/team.ts';

/** Who is asking: the signed-in user. */
export interface Viewer {
  id: string;
  role: 'learner' | 'manager' | 'admin';
}

/** A team page or export request: the team, or why not. */
export type TeamAccess =
  { status: 'ok'; team: TeamRow } | { status: 'not-found' } | { status: 'forbidden' };

/** The team behind a slug when the viewer manages it (an admin manages every team). */
export async function resolveManagedTeam(
  db: Database,
  viewer: Viewer,
  slug: string,
): Promise<TeamAccess> {
  const team = await getTeamBySlug(db, slug);
  if (!team) return { status: 'not-found' };
  return (await canManageTeam(db, viewer, team.id))
    ? { status: 'ok', team }
    : { status: 'forbidden' };
}

/** True when the viewer may read a learner's transcript: an admin, or a manager of one of their teams. */
export async function canViewLearner(
  db: Database,
  viewer: Viewer,
  learnerId: string,
): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  if (viewer.role !== 'manager') return false;
  const [row] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(teamManagers, eq(teamManagers.teamId, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, learnerId), eq(teamManagers.userId, viewer.id)))
    .limit(1);
  return Boolean(row);
}
