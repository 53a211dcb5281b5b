import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { sessions, teams } from '../../../db/schema.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { postForm, runCli, signInOverHttp } from '../../helpers/http.ts';
import { addPersonByCli } from '../../helpers/people.ts';

const ADMIN = { email: 'Chief.Admin@Utility.example', password: 'protection relay settings' };
const LEARNER = { email: 'learner@utility.example', password: 'volt var curve example' };
let server: TestServer;
let db: Database;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: ADMIN.email,
    name: 'Chief Admin',
    role: 'admin',
    password: ADMIN.password + '\n',
  });
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Lee Learner',
    role: 'learner',
    password: LEARNER.password,
  });
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const login = (email: string, password: string) =>
  fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });

describe('sign-in over HTTP', () => {
  test('the first start printed a one-time setup link', () => {
    expect(server.output()).toMatch(/\/setup\?token=[a-z2-7]{32}/);
  });

  test('an admin created with the CLI signs in: 302 and an HttpOnly, SameSite=Lax cookie', async () => {
    const response = await login(ADMIN.email.toLowerCase(), ADMIN.password);
    expect(response.status).toBe(302);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^switchyard_session=[a-z2-7]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
  });

  test('the session token is stored only as its hash', async () => {
    const cookie = await signInOverHttp(server.url, ADMIN.email, ADMIN.password);
    const token = cookie.split('=')[1] ?? '';
    const rows = await db.select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(token);
  });

  test('a wrong password gets the same page and status as an unknown email', async () => {
    const wrong = await login(LEARNER.email, 'not the right one at all');
    const unknown = await login('ghost@utility.example', 'not the right one at all');
    expect(wrong.status).toBe(unknown.status);
    const normalise = (html: string, email: string) => html.replaceAll(email, 'EMAIL');
    expect(normalise(await wrong.text(), LEARNER.email)).toBe(
      normalise(await unknown.text(), 'ghost@utility.example'),
    );
  });

  test('the 6th rapid failure for one account is throttled with 429 and a retry time', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await login('target@utility.example', 'wrong password here')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await login('target@utility.example', 'wrong password here');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sixth.text()).toMatch(/Try again in \d+ seconds/);
  });

  test('sign-out deletes the session; the old cookie no longer works', async () => {
    const cookie = await signInOverHttp(server.url, LEARNER.email, LEARNER.password);
    const before = await fetch(`${server.url}/account`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(before.status).toBe(200);
    const out = await postForm(`${server.url}/logout`, {}, { cookie, origin: server.url });
    expect(out.status).toBe(303);
    const after = await fetch(`${server.url}/account`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toContain('/login');
  });

  test('bad input to the sign-in form is a 400, never a 500', async () => {
    for (const body of [
      '',
      'email=',
      'password=x',
      '%%%',
      'email=' + 'a'.repeat(5000) + '&password=x',
    ]) {
      const response = await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBeLessThan(500);
    }
    const json = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":1}',
    });
    expect(json.status).toBe(400);
  });
});

describe('roles and origin checks', () => {
  test('a learner gets 403 on /admin/users and /manage', async () => {
    const cookie = await signInOverHttp(server.url, LEARNER.email, LEARNER.password);
    for (const path of ['/admin/users', '/admin/teams', '/admin/audit', '/manage']) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(response.status, path).toBe(403);
    }
  });

  test('a signed-out visitor is sent to sign in', async () => {
    const response = await fetch(`${server.url}/admin/users`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers');
  });

  test('a write with a foreign Origin gets 403 and changes nothing (forms and JSON)', async () => {
    const cookie = await signInOverHttp(server.url, ADMIN.email, ADMIN.password);
    const before = await db.select().from(teams);
    const form = await postForm(
      `${server.url}/admin/teams`,
      { slug: 'evil-team', name: 'Evil', kind: 'it' },
      { cookie, origin: 'https://evil.example' },
    );
    expect(form.status).toBe(403);
    const json = await fetch(`${server.url}/admin/teams`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'evil-team', name: 'Evil', kind: 'it' }),
    });
    expect(json.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/admin/teams`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'slug=evil-team&name=Evil&kind=it',
    });
    expect(noOrigin.status).toBe(403);
    const logout = await postForm(
      `${server.url}/logout`,
      {},
      { cookie, origin: 'https://evil.example' },
    );
    expect(logout.status).toBe(403);
    expect(await db.select().from(teams)).toEqual(before);
    const same = await postForm(
      `${server.url}/admin/teams`,
      { slug: 'real-team', name: 'Real team', kind: 'ot' },
      { cookie, origin: server.url },
    );
    expect(same.status).toBe(303);
    expect((await db.select().from(teams)).map((team) => team.slug)).toContain('real-team');
  });
});

describe('CLI', () => {
  test('team add, user add with a team, and clear one-line errors', () => {
    expect(
      runCli(server.databaseUrl, [
        'team',
        'add',
        '--slug',
        'cyber',
        '--name',
        'Cyber security',
        '--kind',
        'it',
        '--manager',
        ADMIN.email,
      ]).status,
    ).toBe(0);
    const duplicate = runCli(server.databaseUrl, [
      'team',
      'add',
      '--slug',
      'cyber',
      '--name',
      'Again',
      '--kind',
      'it',
    ]);
    expect(duplicate.status).not.toBe(0);
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1);
    expect(duplicate.stderr).toContain('--slug');
    const badKind = runCli(server.databaseUrl, [
      'team',
      'add',
      '--slug',
      'x-team',
      '--name',
      'X team',
      '--kind',
      'scada',
    ]);
    expect(badKind.stderr).toContain('--kind');
    const weak = runCli(
      server.databaseUrl,
      [
        'user',
        'add',
        '--email',
        'weak@utility.example',
        '--name',
        'W',
        '--role',
        'learner',
        '--password-stdin',
      ],
      'password',
    );
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('12 characters');
    const badRole = runCli(
      server.databaseUrl,
      [
        'user',
        'add',
        '--email',
        'r@utility.example',
        '--name',
        'R',
        '--role',
        'root',
        '--password-stdin',
      ],
      'a long enough passphrase',
    );
    expect(badRole.stderr).toContain('--role');
    const reset = runCli(
      server.databaseUrl,
      ['user', 'reset-password', '--email', LEARNER.email, '--password-stdin'],
      'new learner passphrase',
    );
    expect(reset.status).toBe(0);
  }, 120_000);
});
