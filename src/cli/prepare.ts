import type { Config } from '../lib/server/config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';

/** Brings the database up to date before the server takes requests. */
export async function prepareDatabase(config: Config): Promise<void> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    authToken: config.DATABASE_AUTH_TOKEN,
  });
  try {
    await migrateDatabase(db);
  } finally {
    db.$client.close();
  }
}
