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
import { loadCertificates, loadTeamRecords, type TeamRecords } from './team-records.ts';

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
    teamIds.map((teamId) => [
      teamId,
      summarizeMatrix(buildTeamMatrix(records, teamId, catalog, context)),
    ]),
  );
  return { records, summaries };
}
