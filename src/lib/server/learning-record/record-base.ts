import type { Database } from '../../../../db/client.ts';
import { rebuildCompletionStatements } from '../completion/derive.ts';

/**
 * The learning record's IRI base: activity ids (`<base>/courses/...`) and learners' xAPI accounts
 * (`{homePage: <base>, name: <user id>}`) are named under it. It is fixed when the record receives
 * its first statement (PUBLIC_ORIGIN if set, else the default) and stored in the database, so
 * changing PUBLIC_ORIGIN later changes cookies and origin checks, not the record.
 */

/** Default base when PUBLIC_ORIGIN is not set. */
export const DEFAULT_RECORD_BASE = 'http://localhost:4321';

const BASES = Symbol.for('switchyard.recordBase');
type Holder = { [BASES]?: WeakMap<object, string> };
// On globalThis: the built site and the live exercise server are two copies of this module.
const resolved = ((globalThis as Holder)[BASES] ??= new WeakMap<object, string>());

/** The record base of an opened database (see resolveRecordBase, which every opener runs). */
export function recordBase(db: Database): string {
  const base = resolved.get(db);
  if (base === undefined) {
    throw new Error(
      'the learning record base was read before resolveRecordBase ran on this database',
    );
  }
  return base;
}

async function hasStatements(db: Database): Promise<boolean> {
  const result = await db.$client.execute('SELECT 1 FROM statements LIMIT 1');
  return result.rows.length > 0;
}

/**
 * The base the stored statements already use: the home page of Switchyard's own authority on the
 * first statement it wrote, else of the first learner account linked to a user; null when neither.
 */
export async function baseOfStoredStatements(db: Database): Promise<string | null> {
  const result = await db.$client.execute(`SELECT base FROM (
      SELECT rtrim(json_extract(body, '$.authority.account.homePage'), '/') AS base, 0 AS pass, seq
        FROM statements WHERE json_extract(body, '$.authority.account.name') = 'system'
      UNION ALL
      SELECT json_extract(body, '$.actor.account.homePage'), 1, seq
        FROM statements WHERE user_id IS NOT NULL
    ) WHERE base IS NOT NULL AND base != '' ORDER BY pass, seq LIMIT 1`);
  const base = result.rows[0]?.['base'];
  return typeof base === 'string' ? base : null;
}

async function writeBase(db: Database, base: string, source: 'config' | 'set' | 'adopted') {
  await db.$client.execute({
    sql: `INSERT INTO record_identity (id, iri_base, source, updated_at) VALUES (1, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET iri_base = excluded.iri_base, source = excluded.source,
        updated_at = excluded.updated_at`,
    args: [base, source, Date.now()],
  });
}

/**
 * Reads (and if need be fixes) the record base of a database, and remembers it for recordBase.
 * A record with statements keeps its stored base, or adopts the one its statements use (databases
 * made before the base was stored, whose completion rows are then derived again under the trust
 * rules). An empty record follows `configured`, unless an operator set it.
 */
export async function resolveRecordBase(db: Database, configured: string): Promise<string> {
  const row = (
    await db.$client.execute('SELECT iri_base, source FROM record_identity WHERE id = 1')
  ).rows[0];
  const stored = typeof row?.['iri_base'] === 'string' ? row['iri_base'] : null;
  let base: string;
  if (await hasStatements(db)) {
    base = stored ?? (await baseOfStoredStatements(db)) ?? configured;
    if (!stored) {
      await writeBase(db, base, 'adopted');
      // Completion rows written before the trust rules counted any authority: derive them again.
      await db.$client.batch(rebuildCompletionStatements(Date.now()), 'write');
    }
  } else if (stored && row?.['source'] === 'set') {
    base = stored;
  } else {
    base = configured;
    if (stored !== configured) await writeBase(db, base, 'config');
  }
  resolved.set(db, base);
  return base;
}

/** The outcome of setting the base: the new base, or why it cannot change. */
export type SetRecordBaseResult = { ok: true; base: string } | { ok: false; message: string };

/** Sets the record base, only while the record holds no statement. */
export async function setRecordBase(db: Database, iri: string): Promise<SetRecordBaseResult> {
  let url: URL;
  try {
    url = new URL(iri);
  } catch {
    return {
      ok: false,
      message: `"${iri}" is not an absolute IRI such as https://training.example.com`,
    };
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    return {
      ok: false,
      message: `"${iri}" must be an http(s) origin with no path, such as https://training.example.com`,
    };
  }
  if (await hasStatements(db)) {
    return {
      ok: false,
      message: `the learning record already holds statements under ${recordBase(db)}; xAPI statements are immutable and external LRSs may hold copies, so the base cannot change`,
    };
  }
  await writeBase(db, url.origin, 'set');
  resolved.set(db, url.origin);
  return { ok: true, base: url.origin };
}
