import { openDatabase, type Database } from '../../../db/client.ts';
import { getConfig } from './config.ts';
import { DEFAULT_RECORD_BASE, resolveRecordBase } from './learning-record/record-base.ts';

/**
 * Held on globalThis so that the built site and the live exercise server, which `npm start`
 * loads from source beside it, share one handle (and so one writer queue) per process.
 */
const HANDLE = Symbol.for('switchyard.db');
type Holder = { [HANDLE]?: Promise<Database> };

async function open(): Promise<Database> {
  const config = getConfig();
  const db = await openDatabase({
    url: config.DATABASE_URL,
    authToken: config.DATABASE_AUTH_TOKEN,
  });
  await resolveRecordBase(db, config.PUBLIC_ORIGIN ?? DEFAULT_RECORD_BASE);
  return db;
}

/** The server's shared database handle, opened on first use from the configuration, its record base resolved. */
export function getDb(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[HANDLE] ??= open();
  return holder[HANDLE];
}
