import { trustedStatementSql } from '../completion/derive.ts';
import type { Database } from '../../../../db/client.ts';
import { VERBS } from '../../shared/courses/activity-ids.ts';
import { calendarMonth } from '../../shared/assignments/zoned-time.ts';
import type { ReportContext } from './matrix.ts';

/** Completions in one calendar month. */
export interface MonthCount {
  /** YYYY-MM in the organisation's time zone. */
  month: string;
  /** "Mar 2025". */
  label: string;
  count: number;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const MONTH_LABEL = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The last `count` calendar months up to the current one, oldest first. */
function recentMonths(context: ReportContext, count: number): MonthCount[] {
  const [year = 1970, month = 1] = calendarMonth(context.now, context.timeZone)
    .split('-')
    .map(Number);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return { month: date.toISOString().slice(0, 7), label: MONTH_LABEL.format(date), count: 0 };
  });
}

/**
 * Completions per month by the teams' members: every graded completed or passed statement (not voided) on
 * a course or simulation, so a recertification counts as a new completion. Counted per quarter hour
 * in SQL, then placed in months of the organisation's time zone.
 */
export async function completionTrend(
  db: Database,
  teamIds: string[],
  activityIds: string[],
  context: ReportContext,
  monthCount = 12,
): Promise<MonthCount[]> {
  const months = recentMonths(context, monthCount);
  if (!teamIds.length || !activityIds.length) return months;
  const since = Date.parse(`${months[0]?.month}-01T00:00:00Z`) - 24 * 60 * 60 * 1000;
  const result = await db.$client.execute({
    sql: `SELECT s.timestamp / ${QUARTER_HOUR_MS} AS bucket, count(*) AS n
      FROM statements s
      WHERE s.actor_key IN (SELECT DISTINCT 'account:' || ? || ' ' || user_id FROM team_members
          WHERE team_id IN (SELECT value FROM json_each(?)))
        AND s.object_id IN (SELECT value FROM json_each(?))
        AND s.verb IN (?, ?) AND s.is_voided = 0 AND s.timestamp >= ? AND ${trustedStatementSql('s')}
      GROUP BY bucket`,
    args: [
      context.origin,
      JSON.stringify(teamIds),
      JSON.stringify(activityIds),
      VERBS.completed.id,
      VERBS.passed.id,
      since,
    ],
  });
  const byMonth = new Map(months.map((entry) => [entry.month, entry]));
  for (const row of result.rows) {
    const month = calendarMonth(Number(row['bucket']) * QUARTER_HOUR_MS, context.timeZone);
    const entry = byMonth.get(month);
    if (entry) entry.count += Number(row['n']);
  }
  return months;
}
