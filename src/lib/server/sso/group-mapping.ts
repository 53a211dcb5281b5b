import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { ssoGroupMappings, teams } from '../../../../db/schema.ts';
import type { SessionUser } from '../auth/session.ts';
import { ROLES } from '../auth/user.ts';

type Role = SessionUser['role'];

/** One mapping with its team's slug and name for display. */
export interface GroupMapping {
  id: string;
  groupName: string;
  teamId: string | null;
  teamSlug: string | null;
  teamName: string | null;
  role: Role | null;
}

/** What a person's groups give them. */
export interface AccessPlan {
  /** At least one of their groups is mapped. */
  isMapped: boolean;
  role: Role;
  memberTeamIds: Set<string>;
  managedTeamIds: Set<string>;
  /** Every team some mapping names: membership in these follows the groups. */
  mappedTeamIds: Set<string>;
}

/** Every mapping, by group name. */
export async function listGroupMappings(db: Database): Promise<GroupMapping[]> {
  const rows = await db
    .select({ mapping: ssoGroupMappings, teamSlug: teams.slug, teamName: teams.name })
    .from(ssoGroupMappings)
    .leftJoin(teams, eq(teams.id, ssoGroupMappings.teamId))
    .orderBy(asc(ssoGroupMappings.groupName));
  return rows.map(({ mapping, teamSlug, teamName }) => ({
    id: mapping.id,
    groupName: mapping.groupName,
    teamId: mapping.teamId,
    teamSlug,
    teamName,
    role: mapping.role,
  }));
}

/**
 * Plans access from groups: the highest mapped role (learner when none is named); a mapping with a
 * team makes a learner a member, and a manager or admin a manager, of that team.
 */
export function planAccess(
  mappings: readonly GroupMapping[],
  groups: readonly string[],
): AccessPlan {
  const held = new Set(groups);
  const matched = mappings.filter((mapping) => held.has(mapping.groupName));
  const rank = (role: Role): number => ROLES.indexOf(role);
  const role = matched.reduce<Role>(
    (best, mapping) => (mapping.role && rank(mapping.role) > rank(best) ? mapping.role : best),
    'learner',
  );
  const memberTeamIds = new Set<string>();
  const managedTeamIds = new Set<string>();
  for (const mapping of matched) {
    if (!mapping.teamId) continue;
    if (mapping.role === 'manager' || mapping.role === 'admin') managedTeamIds.add(mapping.teamId);
    else memberTeamIds.add(mapping.teamId);
  }
  const mappedTeamIds = new Set(
    mappings.flatMap((mapping) => (mapping.teamId ? [mapping.teamId] : [])),
  );
  return { isMapped: matched.length > 0, role, memberTeamIds, managedTeamIds, mappedTeamIds };
}

/** The groups in an ID token's claim: a list of strings, or one string. */
export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** True when the provider left the groups out and pointed elsewhere (Entra ID's group overage). */
export function hasGroupOverage(claims: Record<string, unknown>, claim: string): boolean {
  if (claims[claim] !== undefined) return false;
  const names = claims['_claim_names'];
  const isPointedElsewhere =
    typeof names === 'object' && names !== null && claim in (names as Record<string, unknown>);
  return isPointedElsewhere || claims['hasgroups'] === true;
}
