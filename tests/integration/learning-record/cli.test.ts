import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { openDatabase } from '../../../db/client.ts';
import { backup } from '../../../src/cli/backup.ts';
import { parseConfig } from '../../../src/lib/server/config.ts';
import { storeStatements } from '../../../src/lib/server/learning-record/store-statements.ts';
import { switchyardAuthority } from '../../../src/lib/server/completion/trust.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { verifyXapiCredential } from '../../../src/lib/server/xapi-credentials/credentials.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { runCli } from '../../helpers/http.ts';
import { VERB, makeStatement, mboxAgent } from '../../helpers/statements.ts';

let db: Database;
let url: string;
let dir: string;
let cleanup: () => void;
const authority = mboxAgent('LMS feed');

beforeAll(async () => {
  ({ db, url, dir, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

describe('switchyard xapi-credential add', () => {
  test('prints key= and secret= on lines of their own and keeps only a hash', async () => {
    const run = runCli(url, [
      'xapi-credential',
      'add',
      '--name',
      'Quest headsets',
      '--scope',
      'read',
    ]);
    expect(run.status).toBe(0);
    const key = /^key=(\S+)$/m.exec(run.stdout)?.[1] ?? '';
    const secret = /^secret=(\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(43);
    const row = await db.$client.execute({
      sql: 'SELECT * FROM xapi_credentials WHERE key = ?',
      args: [key],
    });
    expect(row.rows[0]).toMatchObject({ name: 'Quest headsets', scope: 'read' });
    expect(JSON.stringify(row.rows[0])).not.toContain(secret);
    expect(await verifyXapiCredential(db, key, secret)).toMatchObject({ key, scope: 'read' });
    expect(await verifyXapiCredential(db, key, `${secret}x`)).toBeNull();
  });

  test.each([
    [['--scope', 'all'], '--name'],
    [['--name', 'x', '--scope', 'admin'], '--scope'],
    [['--name', 'x', '--colour', 'red'], 'colour'],
  ])('refuses %j with one line naming the problem', (args, fragment) => {
    const run = runCli(url, ['xapi-credential', 'add', ...args]);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(fragment);
  });
});

describe('switchyard xapi-credential revoke', () => {
  test('revokes a live credential once, and says so when there is none', async () => {
    const added = runCli(url, ['xapi-credential', 'add', '--name', 'Old LMS']);
    const key = /^key=(\S+)$/m.exec(added.stdout)?.[1] ?? '';
    const secret = /^secret=(\S+)$/m.exec(added.stdout)?.[1] ?? '';
    const run = runCli(url, ['xapi-credential', 'revoke', '--key', key]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Revoked ${key}`);
    expect(await verifyXapiCredential(db, key, secret)).toBeNull();
    const again = runCli(url, ['xapi-credential', 'revoke', '--key', key]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('No live xAPI credential');
  });
});

describe('switchyard rebuild-completion', () => {
  test('recomputes completion rows from the statements', async () => {
    const actor = mboxAgent('Rita Rebuild');
    await storeStatements(
      db,
      [makeStatement({ actor, verb: { id: VERB.passed }, result: { score: { scaled: 0.8 } } })],
      { authority: switchyardAuthority(DEFAULT_RECORD_BASE) },
    );
    await db.$client.execute('DELETE FROM completions');
    const run = runCli(url, ['rebuild-completion']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Rebuilt \d+ completion rows and \d+ certificates/);
    const row = await db.$client.execute({
      sql: 'SELECT status, best_score FROM completions WHERE actor_key = ?',
      args: [`mbox:${actor.mbox}`],
    });
    expect(row.rows[0]).toMatchObject({ status: 'passed', best_score: 0.8 });
  });
});

describe('switchyard backup', () => {
  test('copies a database that is being written to, consistently, and never overwrites', async () => {
    let isWriting = true;
    let written = 0;
    const writer = (async () => {
      while (isWriting) {
        await storeStatements(db, [makeStatement(), makeStatement()], { authority });
        written += 2;
      }
    })();
    const target = join(dir, 'copies', 'backup.db');
    // The CLI runs in its own process while this one keeps writing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = written;
    const run = await promisify(execFile)(process.execPath, ['src/cli/bin.mjs', 'backup', target], {
      env: { ...process.env, DATABASE_URL: url },
    });
    const during = written - before;
    isWriting = false;
    await writer;
    expect(run.stdout).toContain('Backed up');
    expect(during).toBeGreaterThan(0);
    const copy = await openDatabase({ url: `file:${target}` });
    const check = await copy.$client.execute('PRAGMA integrity_check');
    const counts = await copy.$client.execute(
      'SELECT (SELECT count(*) FROM statements) AS s, (SELECT count(DISTINCT seq) FROM statement_refs) AS r',
    );
    copy.$client.close();
    expect(check.rows[0]?.[0]).toBe('ok');
    expect(counts.rows[0]?.['s']).toBe(counts.rows[0]?.['r']);
    const again = runCli(url, ['backup', target]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  });

  test('refuses a libSQL server with one clear line', async () => {
    const parsed = parseConfig({ DATABASE_URL: 'libsql://switchyard.example.turso.io' });
    if (!parsed.ok) throw new Error(parsed.message);
    const target = join(dir, 'remote.db');
    const attempt = backup({
      db,
      config: parsed.config,
      args: [target],
      readStdin: async () => '',
      print: () => undefined,
    });
    await expect(attempt).rejects.toThrow(/local database file.*libSQL server/);
    expect(existsSync(target)).toBe(false);
  });
});
