import { openDatabase, type Database } from '../../../db/client.ts';
import { getConfig } from './config.ts';

let pending: Promise<Database> | undefined;

/** The server's shared database handle, opened on first use from the configuration. */
export function getDb(): Promise<Database> {
  if (!pending) {
    const config = getConfig();
    pending = openDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  }
  return pending;
}
