import type { InStatement, InValue, Row, Transaction } from '@libsql/client';
import { admitBatches, type WriteOutcome } from './admit.ts';
import { IN_JSON, readState } from './read-state.ts';
import { isCompletionVerb, recomputeCompletions } from '../completion/derive.ts';
import { storedBody, type PreparedStatement } from './prepare.ts';
import type { Ref } from './refs.ts';
import { TargetRefs } from './target-refs.ts';

const json = (values: unknown[]) => JSON.stringify(values);
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

/**
 * Writes a group of batches in the open write transaction: every batch is admitted or refused on
 * its own, and the admitted statements go in with a fixed number of SQL statements for the group.
 */
export async function writeGroup(
  tx: Transaction,
  batches: PreparedStatement[][],
  now: number,
): Promise<WriteOutcome[]> {
  const state = await readState(tx, batches.flat());
  const { outcomes, fresh } = admitBatches(batches, state);
  if (fresh.length === 0) return outcomes;
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
    ...(voidedIds.size > 0
      ? [
          {
            sql: `UPDATE statements SET is_voided = 1 WHERE id ${IN_JSON} AND voids_id IS NULL AND is_voided = 0`,
            args: [json([...voidedIds])],
          },
        ]
      : []),
    ...recomputeCompletions([...pairs.values()], now, voidedIds.size > 0),
  ]);
  return outcomes;
}
