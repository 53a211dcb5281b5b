import { formatDate } from '../../shared/assignments/status.ts';
import { getItemCatalog } from '../assignments/page-catalog.ts';
import { getDb } from '../db.ts';
import { resolveManagedTeam, type Viewer } from './access.ts';
import { csvResponse } from './csv.ts';
import { evidenceCsv, matrixCsv } from './exports.ts';
import { parseMatrixQuery, viewMatrix } from './matrix-view.ts';
import { currentReportContext } from './report-context.ts';
import { loadTeamMatrix } from './team-report.ts';
import { loadWaiverNotes } from '../cmi5/waiver-notes.ts';
import { loadAdherence } from '../exercises/adherence.ts';

const plain = (message: string, status: number) =>
  new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });

/**
 * A team's matrix or audit-evidence CSV, with the filters of the team page's query string (every
 * page of rows). Only the team's managers and administrators get it.
 */
export async function teamCsvResponse(
  kind: 'matrix' | 'evidence',
  request: { viewer: Viewer; slug: string; search: URLSearchParams },
): Promise<Response> {
  const db = await getDb();
  const access = await resolveManagedTeam(db, request.viewer, request.slug);
  if (access.status === 'not-found') return plain('No team has this address.', 404);
  if (access.status === 'forbidden') {
    return plain('You do not manage this team, so you cannot export its records.', 403);
  }
  const parsed = parseMatrixQuery(request.search);
  if (!parsed.ok) return plain(`Invalid filter: ${parsed.message}`, 400);
  const catalog = await getItemCatalog();
  const context = currentReportContext(db);
  const isEvidence = kind === 'evidence';
  const { matrix } = await loadTeamMatrix(db, access.team.id, catalog, context, {
    withEvidence: isEvidence,
    withCertificates: isEvidence,
  });
  const view = viewMatrix(matrix, { ...parsed.query, page: 1 }, Number.MAX_SAFE_INTEGER);
  const waivers = isEvidence
    ? await loadWaiverNotes(
        db,
        view.rows.map((row) => row.learner.id),
      )
    : undefined;
  const adherence = await loadAdherence(
    db,
    view.rows.map((row) => row.learner.id),
    context.now,
  );
  const body = isEvidence
    ? evidenceCsv(view, context.timeZone, waivers, adherence)
    : matrixCsv(view, context.timeZone, adherence);
  const day = formatDate(context.now, context.timeZone);
  return csvResponse(`${access.team.slug}-${kind}-${day}.csv`, body);
}
