import type { InValue } from '@libsql/client';
import type { Database } from '../../../../db/client.ts';
import { actorKey } from './actor-key.ts';
import type { StatementQuery } from './query-params.ts';
import type { RefKind } from './refs.ts';

/** Most statements one page returns (also what limit=0 means). */
export const MAX_PAGE_SIZE = 500;
/** Index entries counted per filter to pick the most selective one to drive a query. */
const SELECTIVITY_PROBE = 2000;

/** Where the previous page stopped, and the newest seq the first page saw (pages stay stable). */
export interface PageCursor {
  last: number;
  head: number;
}

/** One page of a query: stored statement bodies (JSON text) and where the next page starts. */
export interface QueryPage {
  bodies: string[];
  next: PageCursor | null;
}

function filtersOf(query: StatementQuery): [RefKind, string][] {
  const filters: [RefKind, string][] = [];
  if (query.registration) filters.push(['registration', query.registration]);
  const agentKey = query.agent ? actorKey(query.agent) : null;
  if (agentKey) filters.push([query.relatedAgents ? 'related_agent' : 'agent', agentKey]);
  if (query.activity) {
    filters.push([query.relatedActivities ? 'related_activity' : 'activity', query.activity]);
  }
  if (query.verb) filters.push(['verb', query.verb]);
  return filters;
}

/** Highest seq stored at or before `ms` (stored never decreases with seq), or 0. */
async function seqAtOrBefore(db: Database, ms: number): Promise<number> {
  const result = await db.$client.execute({
    sql: 'SELECT seq FROM statements WHERE stored <= ? ORDER BY stored DESC, seq DESC LIMIT 1',
    args: [ms],
  });
  return Number(result.rows[0]?.['seq'] ?? 0);
}

/** Orders filters so the one with the fewest index entries drives the scan. */
async function bySelectivity(db: Database, filters: [RefKind, string][]) {
  if (filters.length < 2) return filters;
  const counts = await db.$client.batch(
    filters.map(([kind, ref]) => ({
      sql: 'SELECT count(*) AS n FROM (SELECT 1 FROM statement_refs WHERE kind = ? AND ref = ? LIMIT ?)',
      args: [kind, ref, SELECTIVITY_PROBE],
    })),
    'read',
  );
  const sized = filters.map((filter, index) => ({
    filter,
    size: Number(counts[index]?.rows[0]?.['n'] ?? 0),
  }));
  // A stable sort keeps the static order (registration, agent, activity, verb) among equals.
  return sized.sort((a, b) => a.size - b.size).map(({ filter }) => filter);
}

/** The newest seq in the record (0 when empty). */
export async function headSeq(db: Database): Promise<number> {
  const result = await db.$client.execute('SELECT max(seq) AS seq FROM statements');
  return Number(result.rows[0]?.['seq'] ?? 0);
}

/**
 * Runs a query: non-voided statements matching every filter (a statement targeting a matching
 * statement matches too), newest first unless ascending, paged by seq so pages never shift.
 */
export async function queryStatements(
  db: Database,
  query: StatementQuery,
  cursor?: PageCursor,
): Promise<QueryPage> {
  const head = cursor?.head ?? (await headSeq(db));
  let lower = query.since !== undefined ? await seqAtOrBefore(db, query.since) : 0;
  let upper =
    query.until !== undefined ? Math.min(head, await seqAtOrBefore(db, query.until)) : head;
  if (cursor && query.ascending) lower = Math.max(lower, cursor.last);
  if (cursor && !query.ascending) upper = Math.min(upper, cursor.last - 1);
  const limit = query.limit > 0 ? Math.min(query.limit, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
  if (upper <= lower) return { bodies: [], next: null };

  const order = query.ascending ? 'ASC' : 'DESC';
  const filters = await bySelectivity(db, filtersOf(query));
  const args: InValue[] = [];
  let sql: string;
  const [driver, ...others] = filters;
  if (!driver) {
    sql = `SELECT s.seq, s.body FROM statements s WHERE s.seq > ? AND s.seq <= ? AND s.is_voided = 0
      ORDER BY s.seq ${order} LIMIT ?`;
    args.push(lower, upper, limit + 1);
  } else {
    // CROSS JOIN fixes the join order: scan the driver's index range, probe the others by key.
    const joins = others
      .map(
        (_, i) =>
          `CROSS JOIN statement_refs f${i} ON f${i}.kind = ? AND f${i}.ref = ? AND f${i}.seq = d.seq`,
      )
      .join(' ');
    sql = `SELECT s.seq, s.body FROM statement_refs d ${joins}
      CROSS JOIN statements s ON s.seq = d.seq
      WHERE d.kind = ? AND d.ref = ? AND d.seq > ? AND d.seq <= ? AND s.is_voided = 0
      ORDER BY d.seq ${order} LIMIT ?`;
    for (const [kind, ref] of others) args.push(kind, ref);
    args.push(driver[0], driver[1], lower, upper, limit + 1);
  }
  const result = await db.$client.execute({ sql, args });
  const rows = result.rows.slice(0, limit);
  const last = rows.at(-1);
  const hasMore = result.rows.length > limit && last !== undefined;
  return {
    bodies: rows.map((row) => String(row['body'])),
    next: hasMore ? { last: Number(last['seq']), head } : null,
  };
}

/** One statement by id: its body and actor key, if it exists with the voided state asked for. */
export async function getStatement(
  db: Database,
  id: string,
  isVoided: boolean,
): Promise<{ body: string; actorKey: string; stored: number } | null> {
  const result = await db.$client.execute({
    sql: 'SELECT body, actor_key, stored FROM statements WHERE id = ? AND is_voided = ?',
    args: [id.toLowerCase(), isVoided ? 1 : 0],
  });
  const row = result.rows[0];
  if (!row) return null;
  return {
    body: String(row['body']),
    actorKey: String(row['actor_key']),
    stored: Number(row['stored']),
  };
}
