import { openDatabase, type Database } from '../../../db/client.ts';
import { getConfig } from './config.ts';

/**
 * Held on globalThis so that the built site and the live exercise server, which `npm start`
 * loads from source beside it, share one handle (and so one writer queue) per process.
 */
const HANDLE = Symbol.for('switchyard.db');
type Holder = { [HANDLE]?: Promise<Database> };

/** The server's shared database handle, opened on first use from the configuration. */
export function getDb(): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[HANDLE]) {
    const config = getConfig();
    holder[HANDLE] = openDatabase({
      url: config.DATABASE_URL,
      authToken: config.DATABASE_AUTH_TOKEN,
    });
  }
  return holder[HANDLE];
}
