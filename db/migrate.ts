import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { getConfig } from '../src/lib/server/config.ts';
import {
  DEFAULT_RECORD_BASE,
  resolveRecordBase,
} from '../src/lib/server/learning-record/record-base.ts';
import { summaryRebuildStatements } from '../src/lib/server/completion/summaries.ts';
import type { Database } from './client.ts';

/** The committed drizzle-kit migrations, found from this module so any working directory works. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Certificates issued before they kept what they certified get their holder's name (as it is now)
 * and their place in the learner's sequence for the course, so the unique index covers them too.
 */
const CERTIFICATE_BACKFILL = [
  `UPDATE certificates SET holder_name = (SELECT display_name FROM users WHERE users.id = certificates.user_id)
    WHERE holder_name IS NULL`,
  `UPDATE certificates SET issue_number = (SELECT count(*) FROM certificates c
      WHERE c.user_id = certificates.user_id AND c.course_id = certificates.course_id
        AND (c.issued_at < certificates.issued_at OR (c.issued_at = certificates.issued_at AND c.code <= certificates.code)))
    WHERE issue_number IS NULL AND NOT EXISTS (SELECT 1 FROM certificates n
      WHERE n.user_id = certificates.user_id AND n.course_id = certificates.course_id AND n.issue_number IS NOT NULL)`,
];

/**
 * Applies pending migrations, brings data written by earlier versions up to date, and resolves the
 * learning record's IRI base (a record made before the base was stored adopts the one its statements
 * use). Running it again changes nothing.
 */
export async function migrateDatabase(db: Database, folder = MIGRATIONS_FOLDER): Promise<void> {
  await migrate(db, { migrationsFolder: folder });
  // Only write when there is something to bring up to date: every CLI command runs this.
  const legacy = await db.$client.execute(
    'SELECT 1 FROM certificates WHERE holder_name IS NULL OR issue_number IS NULL LIMIT 1',
  );
  if (legacy.rows.length > 0) await db.$client.batch(CERTIFICATE_BACKFILL, 'write');
  // A rebuild pauses the completion summaries inside its transaction; a pause seen from outside one
  // was left by a bulk writer that stopped midway: the summaries are rebuilt, which resumes them.
  const paused = await db.$client.execute('SELECT 1 FROM completion_rebuilds LIMIT 1');
  if (paused.rows.length > 0) await db.$client.batch(summaryRebuildStatements(), 'write');
  await resolveRecordBase(db, getConfig().PUBLIC_ORIGIN ?? DEFAULT_RECORD_BASE);
}
