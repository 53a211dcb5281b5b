import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema.ts';

/** The drizzle database Switchyard's modules take as their first argument. */
export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/** Options for opening a database: the URL and, for a libSQL server, its token. */
export interface OpenDatabaseOptions {
  url: string;
  authToken?: string | undefined;
}

/** Busy timeout for local files: a writer waits this long for another instead of failing at once. */
const BUSY_TIMEOUT_MS = 5000;

/** Opens a database; a local file gets its folder created, WAL mode and a busy timeout. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const isLocalFile = options.url.startsWith('file:');
  if (isLocalFile) {
    const path = options.url.slice('file:'.length).split('?')[0] ?? '';
    mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({
    url: options.url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    ...(isLocalFile ? { timeout: BUSY_TIMEOUT_MS } : {}),
  });
  if (isLocalFile) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  if (isLocalFile || options.url === ':memory:') await client.execute('PRAGMA foreign_keys = ON');
  return drizzle(client, { schema }) as Database;
}
