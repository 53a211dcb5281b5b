import type { Row, Transaction } from '@libsql/client';
import type { PreparedStatement } from './prepare.ts';

const json = (values: unknown[]) => JSON.stringify(values);
/** `IN` over a JSON array parameter: one bound value whatever the list's length. */
export const IN_JSON = 'IN (SELECT value FROM json_each(?))';

/** What a write depends on, read inside its write transaction. */
export interface WriteState {
  /** Fingerprints of statements already stored under the incoming ids. */
  fingerprints: Map<string, string>;
  /** Stored statements the incoming ones target (StatementRef objects), by id. */
  targets: Map<string, Row>;
  /** Which candidate user ids are real users. */
  users: Set<string>;
  headSeq: number;
  headStored: number;
  /** Stored statements targeting an incoming one, directly or through a chain (root = incoming id). */
  targeting: Row[];
}

/** Reads everything the statements depend on, in one round trip. */
export async function readState(
  tx: Transaction,
  statements: PreparedStatement[],
): Promise<WriteState> {
  const ids = statements.map((p) => p.id);
  const targetIds = [...new Set(statements.flatMap((p) => (p.targetId ? [p.targetId] : [])))];
  const candidates = [
    ...new Set(statements.flatMap((p) => (p.userCandidate ? [p.userCandidate] : []))),
  ];
  const [existing, targets, users, head, targeting] = await tx.batch([
    { sql: `SELECT id, fingerprint FROM statements WHERE id ${IN_JSON}`, args: [json(ids)] },
    {
      sql: `SELECT id, actor_key, verb, object_id, voids_id, target_id, body FROM statements WHERE id ${IN_JSON}`,
      args: [json(targetIds)],
    },
    { sql: `SELECT id FROM users WHERE id ${IN_JSON}`, args: [json(candidates)] },
    'SELECT seq, stored FROM statements ORDER BY seq DESC LIMIT 1',
    {
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
