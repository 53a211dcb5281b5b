import { sql } from 'drizzle-orm';
import { getDb } from './db.ts';

/** True when the database answers a query within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    const query = db.run(sql`SELECT count(*) FROM __drizzle_migrations`);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('database timeout')), 2000).unref(),
    );
    await Promise.race([query, timeout]);
    return true;
  } catch {
    return false;
  }
}
