import type { Database } from '../../../../db/client.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { withWriteLock } from '../learning-record/write-lock.ts';
import { certificateExtension, certificatesFromStatements } from './certificates.ts';
import { rebuildCompletionStatements } from './derive.ts';
import { pauseSummariesStatement, summaryRebuildStatements } from './summaries.ts';

/** How many rows a rebuild wrote. */
export interface RebuildCounts {
  completions: number;
  certificates: number;
}

/**
 * Recomputes every completion row, every learner's completion summary and every certificate from
 * the learning record, with the same SQL the live path runs (`switchyard rebuild-completion`), in
 * one transaction. Certificates issued before certificates were carried by their completion
 * statement have nothing to be rebuilt from, so they are kept as they are.
 */
export async function rebuildCompletionsAndCertificates(
  db: Database,
  now: number,
): Promise<RebuildCounts> {
  const base = recordBase(db);
  const carried = `json_extract(body, '$.result.extensions."${certificateExtension(base)}".code') IS NOT NULL`;
  return withWriteLock(db, async () => {
    const results = await db.$client.batch(
      [
        pauseSummariesStatement(now),
        ...rebuildCompletionStatements(now),
        ...summaryRebuildStatements(),
        `DELETE FROM certificates WHERE statement_id IN (SELECT id FROM statements WHERE ${carried})`,
        certificatesFromStatements(base, 'true'),
        'SELECT (SELECT count(*) FROM completions) AS completions, (SELECT count(*) FROM certificates) AS certificates',
      ],
      'write',
    );
    const counts = results.at(-1)?.rows[0];
    return {
      completions: Number(counts?.['completions'] ?? 0),
      certificates: Number(counts?.['certificates'] ?? 0),
    };
  });
}
