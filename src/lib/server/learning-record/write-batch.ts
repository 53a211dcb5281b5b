import type { Client, InStatement, InValue, Row, Transaction } from '@libsql/client';
import { isCompletionVerb, recomputeCompletions } from './completions.ts';
import { storedBody, type PreparedStatement } from './prepare.ts';
import type { Ref } from './refs.ts';
import { TargetRefs } from './target-refs.ts';

/** What a write of one batch came to. */
export type WriteOutcome =
  | { ok: true; ids: string[]; storedCount: number }
  | { ok: false; reason: 'invalid' | 'conflict'; message: string };

const json = (values: unknown[]) => JSON.stringify(values);
const IN_JSON = 'IN (SELECT value FROM json_each(?))';
/** Rows per multi-row INSERT, to stay well under SQLite's bound-parameter limit. */
const ROWS_PER_INSERT = 500;

function insertStatements(rows: InValue[][]): InStatement[] {
  const statements: InStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    statements.push({
      sql: `INSERT INTO statements (seq, id, actor_key, verb, object_id, voids_id, target_id, user_id,
        registration, timestamp, stored, is_voided, body, fingerprint)
        VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?,?,0,?,?)').join(',')}`,
      args: chunk.flat(),
    });
  }
  return statements;
}

/** Reads what the batch depends on, in one round trip inside the write transaction. */
async function readState(tx: Transaction, batch: PreparedStatement[]) {
  const ids = batch.map((p) => p.id);
  const targetIds = [...new Set(batch.flatMap((p) => (p.targetId ? [p.targetId] : [])))];
  const candidates = [...new Set(batch.flatMap((p) => (p.userCandidate ? [p.userCandidate] : [])))];
  const [existing, targets, users, head, targeting] = await tx.batch([
    { sql: `SELECT id, fingerprint FROM statements WHERE id ${IN_JSON}`, args: [json(ids)] },
    {
      sql: `SELECT id, actor_key, verb, object_id, voids_id, target_id, body FROM statements WHERE id ${IN_JSON}`,
      args: [json(targetIds)],
    },
    { sql: `SELECT id FROM users WHERE id ${IN_JSON}`, args: [json(candidates)] },
    'SELECT seq, stored FROM statements ORDER BY seq DESC LIMIT 1',
    {
      // Statements already stored that target one of these, directly or through a chain.
      sql: `WITH RECURSIVE t(root, seq, id, voids_id) AS (
          SELECT target_id, seq, id, voids_id FROM statements WHERE target_id ${IN_JSON}
          UNION SELECT t.root, s.seq, s.id, s.voids_id FROM statements s JOIN t ON s.target_id = t.id)
        SELECT root, seq, voids_id FROM t`,
      args: [json(ids)],
    },
  ]);
  return {
    fingerprints: new Map(existing!.rows.map((r) => [String(r['id']), String(r['fingerprint'])])),
    targets: new Map(targets!.rows.map((r) => [String(r['id']), r])),
    users: new Set(users!.rows.map((r) => String(r['id']))),
    headSeq: Number(head!.rows[0]?.['seq'] ?? 0),
    headStored: Number(head!.rows[0]?.['stored'] ?? 0),
    targeting: targeting!.rows,
  };
}

/** Writes a prepared batch in the open write transaction; nothing is written unless all is well. */
export async function writeInTransaction(
  tx: Transaction,
  batch: PreparedStatement[],
  now: number,
): Promise<WriteOutcome> {
  const ids = batch.map((p) => p.id);
  const state = await readState(tx, batch);
  for (const p of batch) {
    const known = state.fingerprints.get(p.id);
    if (known !== undefined && known !== p.fingerprint) {
      return {
        ok: false,
        reason: 'conflict',
        message: `statement ${p.id} is already stored with different content; statements never change (void it and send a new one)`,
      };
    }
  }
  const fresh = batch.filter((p) => !state.fingerprints.has(p.id));
  if (fresh.length === 0) return { ok: true, ids, storedCount: 0 };
  for (const p of fresh) {
    const target = p.voidsId ? state.targets.get(p.voidsId) : undefined;
    if (target && target['voids_id'] !== null) {
      return {
        ok: false,
        reason: 'invalid',
        message: `statement ${p.id} voids ${p.voidsId}, which is itself a voiding statement and cannot be voided`,
      };
    }
  }

  const freshById = new Map(fresh.map((p) => [p.id, p]));
  const lookup = new TargetRefs(tx, freshById, state.targets);
  const stored = Math.max(now, state.headStored);
  const refRows: [number, string, string][] = [];
  const addRefs = (seq: number, refs: Ref[]) => {
    for (const { kind, ref } of refs) refRows.push([seq, kind, ref]);
  };
  const statementRows: InValue[][] = [];
  for (const [index, p] of fresh.entries()) {
    const seq = state.headSeq + index + 1;
    const userId = p.userCandidate && state.users.has(p.userCandidate) ? p.userCandidate : null;
    statementRows.push([
      seq,
      p.id,
      p.actorKey,
      p.verb,
      p.objectId,
      p.voidsId,
      p.targetId,
      userId,
      p.registration,
      p.timestamp ?? stored,
      stored,
      storedBody(p, stored),
      p.fingerprint,
    ]);
    addRefs(seq, p.refs);
    if (p.targetId) addRefs(seq, await lookup.refsOf(p.targetId));
  }

  // Statements already stored that target a new one now match its filters too.
  const voidedIds = new Set(fresh.flatMap((p) => (p.voidsId ? [p.voidsId] : [])));
  for (const row of state.targeting) {
    const root = String(row['root']);
    const p = freshById.get(root);
    if (!p) continue;
    addRefs(Number(row['seq']), await lookup.refsOf(root));
    if (row['voids_id'] === root && !p.voidsId) voidedIds.add(root);
  }

  const pairs = new Map<string, [string, string]>();
  const addPair = (actor: string, verb: string, object: string, target: unknown) => {
    if (isCompletionVerb(verb) && target === null)
      pairs.set(`${actor}\n${object}`, [actor, object]);
  };
  for (const p of fresh) addPair(p.actorKey, p.verb, p.objectId, p.targetId);
  for (const id of voidedIds) {
    const p = freshById.get(id);
    const row: Row | undefined = state.targets.get(id);
    if (p) addPair(p.actorKey, p.verb, p.objectId, p.targetId);
    else if (row)
      addPair(
        String(row['actor_key']),
        String(row['verb']),
        String(row['object_id']),
        row['target_id'],
      );
  }

  await tx.batch([
    ...insertStatements(statementRows),
    {
      sql: `INSERT OR IGNORE INTO statement_refs (seq, kind, ref) SELECT json_extract(value, '$[0]'),
        json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)`,
      args: [json(refRows)],
    },
    {
      sql: `UPDATE statements SET is_voided = 1 WHERE id ${IN_JSON} AND voids_id IS NULL AND is_voided = 0`,
      args: [json([...voidedIds])],
    },
    ...recomputeCompletions([...pairs.values()], now),
  ]);
  return { ok: true, ids, storedCount: fresh.length };
}

/** Runs one batch in its own write transaction and commits it only when it succeeded. */
export async function writeBatch(
  client: Client,
  batch: PreparedStatement[],
  now: number,
): Promise<WriteOutcome> {
  const tx = await client.transaction('write');
  try {
    const outcome = await writeInTransaction(tx, batch, now);
    if (outcome.ok) await tx.commit();
    else await tx.rollback();
    return outcome;
  } finally {
    tx.close();
  }
}
