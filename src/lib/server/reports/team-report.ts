import type { Database } from '../../../../db/client.ts';
import type { ItemCatalog } from '../assignments/item-catalog.ts';
import {
  buildTeamMatrix,
  recordsScope,
  summarizeMatrix,
  type MatrixSummary,
  type ReportContext,
  type TeamMatrix,
} from './matrix.ts';
import { loadTeamRecords, type TeamRecords } from './team-records.ts';

/** Options of a team report: evidence columns, and extra activities to read (for coverage charts). */
export interface TeamReportOptions {
  withEvidence?: boolean;
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
  return { records, matrix: buildTeamMatrix(records, teamId, catalog, context) };
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
    {
      withCertificates: false,
    },
  );
  const summaries = new Map(
    teamIds.map((teamId) => [
      teamId,
      summarizeMatrix(buildTeamMatrix(records, teamId, catalog, context)),
    ]),
  );
  return { records, summaries };
}
