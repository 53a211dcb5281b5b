import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import { users } from '../../../db/schema.ts';
import { switchyardAuthority } from '../../../src/lib/server/completion/trust.ts';
import { userAgent } from '../../../src/lib/server/learning-record/actor-key.ts';
import { recordBase, setRecordBase } from '../../../src/lib/server/learning-record/record-base.ts';
import { storeStatements } from '../../../src/lib/server/learning-record/store-statements.ts';
import { completionTables, correctCheckForm, courseLessons } from '../../helpers/grading.ts';
import { runCli } from '../../helpers/http.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

const CIP = 'cip-004-role-based-training';
const dirs: string[] = [];
const servers: TestServer[] = [];

function tempDatabaseUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-identity-'));
  dirs.push(dir);
  return `file:${join(dir, 'switchyard.db')}`;
}

async function serve(env: Record<string, string>): Promise<TestServer> {
  const server = await startServer(env);
  servers.push(server);
  return server;
}

afterAll(async () => {
  for (const server of servers) await server.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the record base', () => {
  test('progress recorded under PUBLIC_ORIGIN A is still shown after a restart with PUBLIC_ORIGIN B', async () => {
    const a = await serve({ PUBLIC_ORIGIN: 'http://training-a.example' });
    const db = await openDatabase({ url: a.databaseUrl });
    try {
      const user = await addUser(db, { displayName: 'Ola Origin' });
      const cookie = `switchyard_session=${await signInAs(db, user.id)}`;
      const [lesson] = courseLessons(CIP);
      const passed = await fetch(`${a.url}/courses/${CIP}/${lesson!.slug}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
          origin: 'http://training-a.example',
        },
        body: correctCheckForm(lesson!.answers),
      });
      expect(passed.status).toBe(303);
      const progressOn = async (server: TestServer) =>
        (await (await fetch(`${server.url}/courses/${CIP}`, { headers: { cookie } })).text()).match(
          /(\d+) of (\d+) steps done/,
        )?.[1];
      expect(await progressOn(a)).toBe('1');
      await a.stop();

      const b = await serve({
        DATABASE_URL: a.databaseUrl,
        PUBLIC_ORIGIN: 'http://training-b.example',
      });
      expect(await progressOn(b)).toBe('1');
      const shown = runCli(a.databaseUrl, ['record', 'base']);
      expect(shown.stdout.trim()).toBe('http://training-a.example');
      const moved = runCli(a.databaseUrl, ['record', 'base', '--set', 'https://elsewhere.example']);
      expect(moved.status).toBe(1);
      expect(moved.stderr).toMatch(
        /already holds statements under http:\/\/training-a\.example; xAPI statements are immutable and external LRSs may hold copies/,
      );
    } finally {
      db.$client.close();
    }
  }, 240_000);

  test('record base --set changes an empty record only', async () => {
    const url = tempDatabaseUrl();
    expect(runCli(url, ['record', 'base']).stdout.trim()).toBe('http://localhost:4321');
    const set = runCli(url, ['record', 'base', '--set', 'https://training.example.com']);
    expect(set.status, set.stderr).toBe(0);
    expect(runCli(url, ['record', 'base']).stdout.trim()).toBe('https://training.example.com');
    const bad = runCli(url, ['record', 'base', '--set', 'https://training.example.com/path']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/must be an http\(s\) origin with no path/);
  }, 120_000);

  test('a database written before the base was stored adopts the base its statements use', async () => {
    const url = tempDatabaseUrl();
    const db = await openDatabase({ url });
    try {
      await migrateDatabase(db);
      const old = 'https://old-proxy.example';
      const set = await setRecordBase(db, old);
      expect(set.ok).toBe(true);
      const user = await addUser(db, { displayName: 'Lena Legacy' });
      const stored = await storeStatements(
        db,
        [
          {
            actor: userAgent(old, user.id, user.displayName),
            verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
            object: { objectType: 'Activity', id: `${old}/sims/isolate-t1` },
            result: { success: true, score: { scaled: 0.9 } },
            timestamp: '2026-01-05T10:00:00Z',
          },
        ],
        { authority: switchyardAuthority(old), siteOrigin: old, version: '1.0.3' },
      );
      expect(stored.ok).toBe(true);
      // Earlier versions also counted completions from any authority, e.g. an LMS feed's claim.
      await db.$client.execute({
        sql: `INSERT INTO completions (actor_key, activity_id, user_id, status, attempts, last_completed_at, updated_at)
          VALUES (?, ?, ?, 'completed', 0, 1, 1)`,
        args: [`account:${old} ${user.id}`, `${old}/courses/${CIP}`, user.id],
      });
      // What earlier versions left behind: no stored base, certificates without their snapshot.
      await db.$client.execute('DELETE FROM record_identity');
      await db.$client.execute(
        `INSERT INTO certificates (code, user_id, course_id, issued_at, expires_at, statement_id)
          VALUES ('aaaaa-bbbbb-ccccc-ddddd', ?, ?, ?, NULL, NULL)`,
        [user.id, CIP, Date.parse('2026-01-05T10:00:00Z')] as never,
      );
      const reopened = await openDatabase({ url });
      try {
        await migrateDatabase(reopened);
        expect(recordBase(reopened)).toBe(old);
        const identity = await reopened.$client.execute(
          'SELECT iri_base, source FROM record_identity',
        );
        expect(identity.rows[0]).toMatchObject({ iri_base: old, source: 'adopted' });
        const certificate = await reopened.$client.execute(
          'SELECT holder_name, issue_number FROM certificates',
        );
        expect(certificate.rows[0]).toMatchObject({ holder_name: 'Lena Legacy', issue_number: 1 });
        const completion = await reopened.$client.execute({
          sql: 'SELECT status FROM completions WHERE user_id = ? AND activity_id = ?',
          args: [user.id, `${old}/sims/isolate-t1`],
        });
        expect(completion.rows[0]).toMatchObject({ status: 'passed' });
        const forged = await reopened.$client.execute({
          sql: 'SELECT count(*) AS n FROM completions WHERE activity_id = ?',
          args: [`${old}/courses/${CIP}`],
        });
        expect(Number(forged.rows[0]?.['n'])).toBe(0);
      } finally {
        reopened.$client.close();
      }
    } finally {
      db.$client.close();
    }
  }, 120_000);
});

describe('the demo', () => {
  let url: string;

  beforeAll(() => {
    url = tempDatabaseUrl();
    const env = { ...process.env };
    delete env['PUBLIC_ORIGIN'];
    const loaded = runCli(url, ['demo']);
    expect(loaded.status, loaded.stderr).toBe(0);
  }, 180_000);

  test('loaded by the CLI without PUBLIC_ORIGIN, it shows its story on a server started with one', async () => {
    const server = await serve({ DATABASE_URL: url, PUBLIC_ORIGIN: 'https://training.example' });
    const db = await openDatabase({ url });
    try {
      const [manager] = await db
        .select({ id: users.id })
        .from(users)
        .where((await import('drizzle-orm')).eq(users.role, 'manager'))
        .limit(1);
      const cookie = `switchyard_session=${await signInAs(db, manager!.id)}`;
      const teams = await db.$client.execute({
        sql: 'SELECT t.slug FROM teams t JOIN team_managers m ON m.team_id = t.id WHERE m.user_id = ?',
        args: [manager!.id],
      });
      const slug = String(teams.rows[0]?.['slug']);
      const csv = await (
        await fetch(`${server.url}/manage/teams/${slug}/matrix.csv`, { headers: { cookie } })
      ).text();
      const cells = csv.split(/,|\r\n/);
      expect(cells.filter((cell) => cell.startsWith('Completed')).length).toBeGreaterThan(5);
      expect(cells.filter((cell) => cell === 'Overdue').length).toBeLessThan(cells.length / 4);
    } finally {
      db.$client.close();
    }
  }, 240_000);

  test('rebuild-completion on a copy of the demo database reproduces its completions and certificates', async () => {
    const copy = join(dirs.at(-1)!, 'copy.db');
    const backup = runCli(url, ['backup', copy]);
    expect(backup.status, backup.stderr).toBe(0);
    const db = await openDatabase({ url: `file:${copy}` });
    try {
      const before = await completionTables(db);
      expect(before.completions.length).toBeGreaterThan(500);
      expect(before.certificates.length).toBeGreaterThan(50);
      const rebuilt = runCli(`file:${copy}`, ['rebuild-completion']);
      expect(rebuilt.status, rebuilt.stderr).toBe(0);
      expect(rebuilt.stdout).toContain(`${before.certificates.length} certificates`);
      expect(await completionTables(db)).toEqual(before);
    } finally {
      db.$client.close();
    }
  }, 180_000);
});
