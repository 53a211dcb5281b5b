import type { AstroGlobal } from 'astro';
import type { Database } from '../../../../db/client.ts';
import { getItemCatalog } from '../assignments/page-catalog.ts';
import { ACTION_NOTICES, handleTeamAction } from '../assignments/team-actions.ts';
import { readForm } from '../http/request.ts';
import { resolveManagedTeam } from './access.ts';
import type { ReportContext } from './matrix.ts';
import { parseMatrixQuery, type MatrixQuery } from './matrix-view.ts';
import { currentReportContext } from './report-context.ts';
import { loadTeamPage, type TeamPage } from './team-page.ts';

/** What a manager's team page shows, after any post it answered. */
export interface TeamPageState {
  page: TeamPage;
  query: MatrixQuery;
  report: ReportContext;
  error: string;
  notice: string;
  /** The refused form's fields, shown again. */
  values: Record<string, string>;
}

/**
 * Answers a request for a team's page: an unknown team is a 404 and someone who does not manage
 * it a 403; a post assigns or archives (a redirect with its notice), then the filtered matrix.
 */
export async function teamPageFromRequest(
  Astro: AstroGlobal,
  db: Database,
): Promise<{ redirect: string } | { rewrite: '/404' | '/403' } | TeamPageState> {
  const viewer = Astro.locals.user!;
  const access = await resolveManagedTeam(db, viewer, Astro.params['slug'] ?? '');
  if (access.status !== 'ok') return { rewrite: access.status === 'forbidden' ? '/403' : '/404' };
  const { team } = access;
  const catalog = await getItemCatalog();
  const form = Astro.request.method === 'POST' ? await readForm(Astro.request) : null;
  const result = form ? await handleTeamAction(db, viewer, team, form, catalog) : null;
  if (result?.ok) return { redirect: `/manage/teams/${team.slug}?notice=${result.notice}` };
  const parsed = parseMatrixQuery(Astro.url.searchParams);
  const error = result?.message || (parsed.ok ? '' : `Filter not applied: ${parsed.message}`);
  if (error) Astro.response.status = 400;
  const query = parsed.ok ? parsed.query : {};
  const report = currentReportContext(db);
  const noticeKey = Astro.url.searchParams.get('notice') ?? '';
  return {
    page: await loadTeamPage(db, team, query, catalog, report),
    query,
    report,
    error,
    notice: ACTION_NOTICES[noticeKey as keyof typeof ACTION_NOTICES] ?? '',
    values: result ? (form ?? {}) : {},
  };
}
