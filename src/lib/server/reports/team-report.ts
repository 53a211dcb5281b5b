import type { Database } from '../../../../db/client.ts';
import type { ItemCatalog } from '../assignments/item-catalog.ts';
import {
  buildTeamMatrix,
  fillCertificates,
  matrixCourseIds,
  recordsScope,
  summarizeMatrix,
  type MatrixRow,
  type MatrixSummary,
  type ReportContext,
  type TeamMatrix,
} from './matrix.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import {
  loadCertificates,
  loadTeamRecords,
  type MemberRecord,
  type TeamRecords,
} from './team-records.ts';

/** Options of a team report: evidence columns, everyone's certificates, extra activities (charts). */
export interface TeamReportOptions {
  withEvidence?: boolean;
  withCertificates?: boolean;
  extraActivityIds?: string[];
}

/** One team's records and matrix, in a fixed number of SQL statements whatever its size. */
export async function loadTeamMatrix(
  db: Database,
  teamId: string,
  catalog: ItemCatalog,
  context: ReportContext,
  options: TeamReportOptions = {},
): Promise<{ records: TeamRecords; matrix: TeamMatrix }> {
  const records = await loadTeamRecords(
    db,
    [teamId],
    recordsScope(context, catalog, options.extraActivityIds ?? []),
    { withEvidence: options.withEvidence ?? false },
  );
  const matrix = buildTeamMatrix(records, teamId, catalog, context);
  if (options.withCertificates) await addCertificates(db, matrix, matrix.rows);
  return { records, matrix };
}

/** Reads and fills the certificates of some rows of a matrix (one more statement). */
export async function addCertificates(
  db: Database,
  matrix: TeamMatrix,
  rows: readonly MatrixRow[],
): Promise<void> {
  const certificates = await loadCertificates(
    db,
    rows.map((row) => row.learner.id),
    matrixCourseIds(matrix),
  );
  fillCertificates(matrix, rows, certificates);
}

/** Summaries of several teams (a manager's overview), read together in a fixed number of statements. */
export async function loadTeamSummaries(
  db: Database,
  teamIds: string[],
  catalog: ItemCatalog,
  context: ReportContext,
  extraActivityIds: string[] = [],
): Promise<{ records: TeamRecords; summaries: Map<string, MatrixSummary> }> {
  const records = await loadTeamRecords(
    db,
    teamIds,
    recordsScope(context, catalog, extraActivityIds),
  );
  const summaries = new Map(
    [...splitByTeam(records, teamIds)].map(([teamId, own]) => [
      teamId,
      summarizeMatrix(buildTeamMatrix(own, teamId, catalog, context)),
    ]),
  );
  return { records, summaries };
}

/** Each team's share of records read for many teams (members, then the assignments that concern them). */
function splitByTeam(records: TeamRecords, teamIds: string[]): Map<string, TeamRecords> {
  const members = new Map(teamIds.map((teamId) => [teamId, [] as MemberRecord[]]));
  for (const member of records.members) {
    for (const teamId of member.teamIds) members.get(teamId)?.push(member);
  }
  const byTeam = new Map<string, AssignmentRow[]>();
  const byUser = new Map<string, AssignmentRow[]>();
  for (const row of records.assignments) {
    const [key, map] = row.teamId ? [row.teamId, byTeam] : [row.userId ?? '', byUser];
    map.set(key, [...(map.get(key) ?? []), row]);
  }
  return new Map(
    teamIds.map((teamId) => {
      const own = members.get(teamId) ?? [];
      const assignments = [
        ...(byTeam.get(teamId) ?? []),
        ...own.flatMap((member) => byUser.get(member.id) ?? []),
      ];
      return [teamId, { ...records, members: own, assignments }];
    }),
  );
}
