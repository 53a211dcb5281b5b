import type { Row, Transaction } from '@libsql/client';
import type { PreparedStatement } from './prepare.ts';
import { statementRefs, type Ref } from './refs.ts';
import type { Statement } from './statement-schema.ts';

/** How far a chain of statements targeting statements is followed (a targets b targets c ...). */
const MAX_CHAIN = 16;

/**
 * Finds the filter keys of targeted statements, in the batch or in the database, following
 * chains: the spec makes a statement that targets another match every filter its target matches.
 */
export class TargetRefs {
  readonly #tx: Transaction;
  readonly #batch: Map<string, PreparedStatement>;
  readonly #stored: Map<string, Row>;

  constructor(tx: Transaction, batch: Map<string, PreparedStatement>, stored: Map<string, Row>) {
    this.#tx = tx;
    this.#batch = batch;
    this.#stored = stored;
  }

  /** All keys of statement `id`: its own and, recursively, those of what it targets. */
  async refsOf(id: string, seen = new Set<string>()): Promise<Ref[]> {
    if (seen.has(id) || seen.size >= MAX_CHAIN) return [];
    seen.add(id);
    const prepared = this.#batch.get(id);
    if (prepared) {
      const inherited = prepared.targetId ? await this.refsOf(prepared.targetId, seen) : [];
      return [...prepared.refs, ...inherited];
    }
    const row = await this.#row(id);
    if (!row) return [];
    const own = statementRefs(JSON.parse(String(row['body'])) as Statement);
    const targetId = row['target_id'];
    const inherited = typeof targetId === 'string' ? await this.refsOf(targetId, seen) : [];
    return [...own, ...inherited];
  }

  async #row(id: string): Promise<Row | undefined> {
    const known = this.#stored.get(id);
    if (known) return known;
    const result = await this.#tx.execute({
      sql: 'SELECT id, target_id, body FROM statements WHERE id = ?',
      args: [id],
    });
    const row = result.rows[0];
    if (row) this.#stored.set(id, row);
    return row;
  }
}
