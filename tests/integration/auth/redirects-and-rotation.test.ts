import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { auditEvents, sessions } from '../../../db/schema.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { postForm, signInOverHttp } from '../../helpers/http.ts';
import { addPersonByCli } from '../../helpers/people.ts';

const VICTIM = { email: 'victim@utility.example', password: 'distance relay zone two' };
const PERSON = { email: 'rotate@utility.example', password: 'sectionaliser reclose count' };
let server: TestServer;
let db: Database;

beforeAll(async () => {
  // The test client stands in for a reverse proxy, so X-Forwarded-For picks the address.
  server = await startServer({ TRUSTED_PROXIES: '127.0.0.1,::1' });
  addPersonByCli(server.databaseUrl, { ...PERSON, name: 'Ro Tate', role: 'learner' });
  addPersonByCli(server.databaseUrl, { ...VICTIM, name: 'Vic Tim', role: 'admin' });
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const HOSTILE_NEXT = [
  '/%09/evil.test',
  '/%0a/evil.test',
  '/%0d%0a/evil.test',
  '//evil.test',
  '/%2F/evil.test',
  '/\\evil.test',
  '/%5cevil.test',
  '\\\\evil.test',
  'https://evil.test/',
  'http:evil.test',
  '%2F%2Fevil.test',
  '/%00/evil.test',
  'javascript:alert(1)',
  '/%E2%80%AE/evil.test',
  '/\u3000/evil.test',
];

function isOnSite(location: string | null): boolean {
  if (!location) return true;
  return new URL(location, server.url).origin === server.url;
}

describe('next= after sign-in', () => {
  test.each(HOSTILE_NEXT)('GET /login?next=%s signed in stays on the site', async (value) => {
    const cookie = await signInOverHttp(server.url, PERSON.email, PERSON.password);
    const response = await fetch(`${server.url}/login?next=${value}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(isOnSite(response.headers.get('location'))).toBe(true);
  });

  test.each(HOSTILE_NEXT)('POST /login with next=%s stays on the site', async (value) => {
    const before = (await db.select().from(sessions)).length;
    const response = await postForm(
      `${server.url}/login`,
      { ...PERSON, next: decodeURIComponent(value.replaceAll('%5c', '\\')) },
      { origin: server.url },
    );
    expect(response.status).toBe(302);
    expect(isOnSite(response.headers.get('location'))).toBe(true);
    // A session row exists only with the cookie that names it.
    expect(response.headers.get('set-cookie')).toMatch(/^switchyard_session=/);
    expect((await db.select().from(sessions)).length).toBe(before + 1);
  });

  test('an on-site destination is kept', async () => {
    const response = await postForm(
      `${server.url}/login`,
      { ...PERSON, next: '/courses/sql-for-grid-data?from=mail#top' },
      { origin: server.url },
    );
    expect(response.headers.get('location')).toBe('/courses/sql-for-grid-data?from=mail#top');
  });
});

describe('session rotation', () => {
  test('signing in again in the same browser ends the previous session', async () => {
    const first = await signInOverHttp(server.url, PERSON.email, PERSON.password);
    const again = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: server.url,
        cookie: first,
      },
      body: new URLSearchParams(PERSON),
    });
    expect(again.status).toBe(302);
    const second = (again.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(second).not.toBe(first);
    const old = await fetch(`${server.url}/account`, {
      headers: { cookie: first },
      redirect: 'manual',
    });
    expect(old.status).toBe(302);
    const current = await fetch(`${server.url}/account`, { headers: { cookie: second } });
    expect(current.status).toBe(200);
  });

  test('a password change replaces the current session too', async () => {
    const cookie = await signInOverHttp(server.url, PERSON.email, PERSON.password);
    const next = 'transformer tap changer drift';
    const response = await postForm(
      `${server.url}/account`,
      { action: 'password', current: PERSON.password, next, confirm: next },
      { cookie, origin: server.url },
    );
    expect(response.status).toBe(303);
    const fresh = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(fresh).toMatch(/^switchyard_session=[a-z2-7]{32}$/);
    expect(fresh).not.toBe(cookie);
    const old = await fetch(`${server.url}/account`, { headers: { cookie }, redirect: 'manual' });
    expect(old.status).toBe(302);
    expect((await fetch(`${server.url}/account`, { headers: { cookie: fresh } })).status).toBe(200);
    PERSON.password = next;
  });
});

describe('sign-in throttle over HTTP', () => {
  const attempt = (password: string, forwardedFor: string, cookie?: string) =>
    fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: server.url,
        'x-forwarded-for': forwardedFor,
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams({ email: VICTIM.email, password }),
    });

  test('six wrong passwords from six other addresses do not lock the person out of their usual browser', async () => {
    const usual = await attempt(VICTIM.password, '198.51.100.20');
    expect(usual.status).toBe(302);
    const device = usual.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('switchyard_device='));
    expect(device).toMatch(/^switchyard_device=[a-z2-7]{32}$/);
    const statuses = [];
    for (let i = 1; i <= 6; i++)
      statuses.push((await attempt('wrong guess', `203.0.113.${i}`)).status);
    expect(statuses.at(-1)).toBe(429);
    // A browser the person never used is locked out for now ...
    expect((await attempt(VICTIM.password, '198.51.100.99')).status).toBe(429);
    // ... but their usual browser signs in.
    const again = await attempt(VICTIM.password, '198.51.100.20', device);
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('/manage');
  });

  test('X-Forwarded-For decides the address only from a trusted proxy', async () => {
    const rows = await db.select().from(auditEvents);
    const addresses = new Set(rows.map((row) => row.ip));
    expect(addresses).toContain('203.0.113.5');
    expect(addresses).toContain('198.51.100.20');
  });
});
