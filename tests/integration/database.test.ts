import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createTestDatabase } from '../helpers/database.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migrateDatabase', () => {
  test('creates every table and is idempotent', async () => {
    const { db, cleanup } = await createTestDatabase();
    cleanups.push(cleanup);
    const before = await db.all<{ name: string; sql: string }>(
      sql`SELECT name, sql FROM sqlite_master ORDER BY name`,
    );
    await migrateDatabase(db);
    await migrateDatabase(db);
    const after = await db.all<{ name: string; sql: string }>(
      sql`SELECT name, sql FROM sqlite_master ORDER BY name`,
    );
    expect(after).toEqual(before);
    const names = before.map((row) => row.name);
    for (const table of [
      'users',
      'sessions',
      'teams',
      'statements',
      'completions',
      'assignments',
    ]) {
      expect(names).toContain(table);
    }
  });

  test('opens local files in WAL mode with a busy timeout', async () => {
    const { db, cleanup } = await createTestDatabase();
    cleanups.push(cleanup);
    const mode = await db.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
    expect(mode[0]?.journal_mode).toBe('wal');
    const timeout = await db.all<{ timeout: number }>(sql`PRAGMA busy_timeout`);
    expect(Number(Object.values(timeout[0] ?? {})[0])).toBeGreaterThan(0);
  });

  test('keeps data across a close and reopen', async () => {
    const { db, url, cleanup } = await createTestDatabase();
    cleanups.push(cleanup);
    await db.run(
      sql`INSERT INTO teams (id, slug, name, kind, created_at) VALUES ('t1', 'ops', 'Grid operations', 'ot', 0)`,
    );
    db.$client.close();
    const reopened = await openDatabase({ url });
    const rows = await reopened.all<{ slug: string }>(sql`SELECT slug FROM teams`);
    reopened.$client.close();
    expect(rows).toEqual([{ slug: 'ops' }]);
  });
});

describe('switchyard migrate (CLI)', () => {
  test('runs twice with exit code 0 and leaves the schema unchanged', async () => {
    const { db, url, cleanup } = await createTestDatabase();
    cleanups.push(cleanup);
    db.$client.close();
    const run = () =>
      execFileSync(process.execPath, ['src/cli/bin.mjs', 'migrate'], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
      });
    expect(run()).toContain('up to date');
    expect(run()).toContain('up to date');
  });

  test('exits non-zero with one line naming DATABASE_URL when it is invalid', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['src/cli/bin.mjs', 'migrate'], {
        env: { ...process.env, DATABASE_URL: 'nonsense' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      status = failure.status;
      stderr = failure.stderr;
    }
    expect(status).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DATABASE_URL');
  });
});
