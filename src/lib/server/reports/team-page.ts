import type { Database } from '../../../../db/client.ts';
import {
  catalogActivityIds,
  listAssignableItems,
  type ItemCatalog,
  type ResolvedItem,
} from '../assignments/item-catalog.ts';
import { describeAssignments, type TeamAssignment } from '../assignments/assignment.ts';
import type { TeamRow } from '../teams/team.ts';
import { completionTrend, type MonthCount } from './completion-trend.ts';
import { crossSkillCoverage, domainActivities, type CoverageGroup } from './cross-skill.ts';
import {
  summarizeMatrix,
  type MatrixSummary,
  type ReportContext,
  type TeamMatrix,
} from './matrix.ts';
import { loadAdherence, type AdherenceRecord } from '../exercises/adherence.ts';
import { viewMatrix, type MatrixQuery, type MatrixView } from './matrix-view.ts';
import { addCertificates, loadTeamMatrix, loadTeamSummaries } from './team-report.ts';
import type { MemberRecord } from './team-records.ts';

/** Everything the team page shows. */
export interface TeamPage {
  team: TeamRow;
  members: MemberRecord[];
  matrix: TeamMatrix;
  /** Each shown learner's latest COM-002 adherence assessment. */
  adherence: Map<string, AdherenceRecord>;
  view: MatrixView;
  summary: MatrixSummary;
  assignments: TeamAssignment[];
  assignable: ResolvedItem[];
  trend: MonthCount[];
  coverage: CoverageGroup[];
}

/** Names of people by id, in one statement. */
async function namesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const result = await db.$client.execute({
    sql: 'SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each(?))',
    args: [JSON.stringify(ids)],
  });
  return new Map(result.rows.map((row) => [String(row['id']), String(row['display_name'])]));
}

/**
 * The team page's data in six SQL statements whatever the team's size: members and assignments,
 * completions, certificates of the rows shown, the completion trend and the assigners' names.
 */
export async function loadTeamPage(
  db: Database,
  team: TeamRow,
  query: MatrixQuery,
  catalog: ItemCatalog,
  context: ReportContext,
): Promise<TeamPage> {
  const activities = domainActivities(context.origin, catalog);
  const everyActivity = catalogActivityIds(context.origin, catalog);
  const { records, matrix } = await loadTeamMatrix(db, team.id, catalog, context, {
    extraActivityIds: [...activities.keys()],
  });
  const view = viewMatrix(matrix, query);
  await addCertificates(db, matrix, view.pageRows);
  const adherence = await loadAdherence(
    db,
    view.pageRows.map((row) => row.learner.id),
    context.now,
  );
  const trend = await completionTrend(db, [team.id], everyActivity, context);
  const names = await namesOf(db, [...new Set(records.assignments.map((row) => row.createdBy))]);
  for (const member of records.members) names.set(member.id, member.displayName);
  const assignments = describeAssignments(records.assignments, catalog, names);
  return {
    team,
    members: records.members,
    matrix,
    view,
    summary: summarizeMatrix(matrix),
    adherence,
    assignments,
    assignable: listAssignableItems(context.origin, catalog),
    trend,
    coverage: crossSkillCoverage(records.members, records, activities),
  };
}

/** The overview of a manager's teams: a summary per team, and trend and coverage across them. */
export async function loadOverview(
  db: Database,
  teams: TeamRow[],
  catalog: ItemCatalog,
  context: ReportContext,
): Promise<{
  summaries: Map<string, MatrixSummary>;
  trend: MonthCount[];
  coverage: CoverageGroup[];
}> {
  const teamIds = teams.map((team) => team.id);
  const activities = domainActivities(context.origin, catalog);
  const { records, summaries } = await loadTeamSummaries(db, teamIds, catalog, context, [
    ...activities.keys(),
  ]);
  const trend = await completionTrend(
    db,
    teamIds,
    catalogActivityIds(context.origin, catalog),
    context,
  );
  return { summaries, trend, coverage: crossSkillCoverage(records.members, records, activities) };
}

/** Teams per page of the overview: an administrator of a large utility sees them a page at a time. */
export const TEAMS_PER_PAGE = 25;

/** One page of teams from `?page=N` (a missing or malformed number is the first page). */
export function pageOfTeams<T>(
  teams: T[],
  search: URLSearchParams,
): { teams: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(teams.length / TEAMS_PER_PAGE));
  const asked = Number(search.get('page') ?? '1');
  const page = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), pageCount) : 1;
  return {
    teams: teams.slice((page - 1) * TEAMS_PER_PAGE, page * TEAMS_PER_PAGE),
    page,
    pageCount,
  };
}
