import type { Config } from '../lib/server/config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { ensureSetupToken } from '../lib/server/auth/onboarding.ts';

/** Brings the database up to date; returns a first-run setup token when there is no administrator yet. */
export async function prepareDatabase(config: Config): Promise<{ setupToken: string | null }> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    authToken: config.DATABASE_AUTH_TOKEN,
  });
  try {
    await migrateDatabase(db);
    return { setupToken: await ensureSetupToken(db) };
  } finally {
    db.$client.close();
  }
}
