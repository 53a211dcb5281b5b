import type { InStatement } from '@libsql/client';
import { COMPLETION_STATUSES, type CompletionStatus } from './status.ts';

/**
 * Completion summaries: every completion row of a learner packed into one row of
 * completion_summaries, so that a report of thousands of learners reads one row per learner, with
 * activities named by small integers (activity_keys), instead of an index range per learner joined
 * on activity ids. Triggers on completions (migration 0011) rewrite a learner's summary in the
 * transaction that writes their rows: a summary is never older than the rows it packs.
 * rebuild-completion rebuilds summaries in bulk with the view the triggers use.
 *
 * Entry layout, big-endian, SUMMARY_ENTRY_BYTES each, in the order of completions_user_idx (the
 * order a learner's rows are read one by one, so rows that tie under the rules resolve alike):
 *   activity key u32 | status initial u8 | flags u8 | best score i32 | last completion i64
 * flags: 1 when there is a score, 2 when there is a last completion. Scores are whole basis points
 * (four decimal places). The evidence column lists "firstCompletedAt,lastStatementId" per entry,
 * in the same order, separated by ';'.
 *
 * The summary keeps each row as it is (several actors can name one learner): which row counts, and
 * what it means, stay the rules of status.ts and item.ts, applied by the reader.
 */

export const SUMMARY_ENTRY_BYTES = 18;
export const SUMMARY_SCORE_SCALE = 10_000;
const HAS_SCORE = 1;
const HAS_LAST = 2;
/** Separates the entries of the evidence column, and an entry's two fields. */
const EVIDENCE_ENTRY = ';';
const EVIDENCE_FIELD = ',';

/**
 * Status codes of packed readers: 0 for no row, else the status's rank + 1 (COMPLETION_STATUSES is
 * worst first), so codes compare as ranks do.
 */
export const STATUS_OF_CODE: readonly (CompletionStatus | undefined)[] = [
  undefined,
  ...COMPLETION_STATUSES,
];
/** Status initial (char code) -> status code. */
const CODE_OF_INITIAL = new Uint8Array(128);
COMPLETION_STATUSES.forEach((status, rank) => {
  CODE_OF_INITIAL[status.charCodeAt(0)] = rank + 1;
});
if (
  new Set(COMPLETION_STATUSES.map((status) => status.charAt(0))).size !== COMPLETION_STATUSES.length
) {
  throw new Error('completion statuses must have distinct initials for packed summaries');
}

/** The status code of a status initial's char code (0 when it names no status). */
export function statusCodeOfInitial(charCode: number): number {
  return CODE_OF_INITIAL[charCode] ?? 0;
}

/** Where a summary's entries go: one call per entry whose activity is wanted. */
export interface SummaryTarget {
  put(
    cell: number,
    status: number,
    score: number,
    lastCompletedAt: number,
    firstCompletedAt: number,
    statementId: string | undefined,
  ): void;
}

/**
 * Reads one learner's summary: each entry whose activity key has a column (columnOfKey[key] >= 0)
 * goes to target.put at cell base + column, with NaN for a missing score or time. The evidence
 * column, when given, supplies first completions and statement ids; without it they are NaN and
 * undefined.
 */
export function readSummary(
  packed: ArrayBuffer,
  evidence: string | null,
  columnOfKey: Int32Array,
  base: number,
  target: SummaryTarget,
): void {
  const view = new DataView(packed);
  const entries = Math.floor(packed.byteLength / SUMMARY_ENTRY_BYTES);
  let at = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    const offset = entry * SUMMARY_ENTRY_BYTES;
    const key = view.getUint32(offset);
    const column = key < columnOfKey.length ? (columnOfKey[key] ?? -1) : -1;
    // The evidence of the entry, read even when skipped to keep its place.
    let first = NaN;
    let statementId: string | undefined;
    if (evidence !== null) {
      let end = evidence.indexOf(EVIDENCE_ENTRY, at);
      if (end < 0) end = evidence.length;
      if (column >= 0) {
        const comma = evidence.indexOf(EVIDENCE_FIELD, at);
        const split = comma < 0 || comma > end ? end : comma;
        first = split > at ? Number(evidence.slice(at, split)) : NaN;
        statementId = end > split + 1 ? evidence.slice(split + 1, end) : undefined;
      }
      at = end + 1;
    }
    if (column < 0) continue;
    const flags = view.getUint8(offset + 5);
    target.put(
      base + column,
      statusCodeOfInitial(view.getUint8(offset + 4)) || 1,
      flags & HAS_SCORE ? view.getInt32(offset + 6) / SUMMARY_SCORE_SCALE : NaN,
      flags & HAS_LAST
        ? view.getInt32(offset + 10) * 4_294_967_296 + view.getUint32(offset + 14)
        : NaN,
      first,
      statementId,
    );
  }
}

/** SQL that reads the keys of some activities: rows of (key, position in the JSON list). */
export function activityKeysSql(activityIdsJson: string): InStatement {
  return {
    sql: `SELECT k.key, w.key FROM json_each(?) w JOIN activity_keys k ON k.activity_id = w.value`,
    args: [activityIdsJson],
  };
}

/**
 * Summaries stand aside while a rebuild rewrites completion rows in one transaction (a trigger per
 * row would rewrite each learner's summary once per row): the rebuild pauses them first, then
 * rebuilds them all (summaryRebuildStatements), which resumes them, before it commits.
 */
export function pauseSummariesStatement(now: number): InStatement {
  return {
    sql: 'INSERT OR REPLACE INTO completion_rebuilds (id, started_at) VALUES (1, ?)',
    args: [now],
  };
}

/** Every summary rebuilt from the completion rows, and the triggers resumed. */
export function summaryRebuildStatements(): InStatement[] {
  return [
    'DELETE FROM completion_summaries',
    `INSERT INTO activity_keys (activity_id) SELECT DISTINCT activity_id FROM completions
      WHERE user_id IS NOT NULL AND activity_id NOT IN (SELECT activity_id FROM activity_keys)
      ORDER BY activity_id`,
    `INSERT INTO completion_summaries (user_id, packed, evidence)
      SELECT user_id, packed, evidence FROM completion_summary_rows`,
    'DELETE FROM completion_rebuilds',
  ];
}
