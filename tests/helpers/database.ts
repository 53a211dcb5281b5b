import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';

/** A migrated database in a fresh temp folder, and a function that closes and removes it. */
export async function createTestDatabase(): Promise<{
  db: Database;
  url: string;
  dir: string;
  cleanup: () => void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = await openDatabase({ url });
  await migrateDatabase(db);
  return {
    db,
    url,
    dir,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
