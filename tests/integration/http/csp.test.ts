import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { signInOverHttp } from '../../helpers/http.ts';
import { addPersonByCli } from '../../helpers/people.ts';

const HOSTILE_NAME = '<script>alert(1)</script>';
const PASSWORD = 'relay coordination study';
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  for (const [email, name, role] of [
    ['script@utility.example', HOSTILE_NAME, 'admin'],
    ['plain@utility.example', 'Plain Name', 'admin'],
  ] as const) {
    addPersonByCli(server.databaseUrl, { email, name, role, password: PASSWORD });
  }
});

afterAll(async () => {
  await server?.dispose();
});

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const PAGES = ['/learn', '/account', '/admin/users', '/manage', '/courses/sql-for-grid-data'];

describe('static files', () => {
  test('are served from the build, while xAPI paths go straight to the app', async () => {
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    const about = await fetch(`${server.url}/xapi/about`);
    expect(about.status).toBe(200);
    expect(about.headers.get('content-length')).toBe(String((await about.text()).length));
    expect(about.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('Content-Security-Policy', () => {
  test('a display name holding a script never becomes an allowed hash', async () => {
    const hostile = await signInOverHttp(server.url, 'script@utility.example', PASSWORD);
    const plain = await signInOverHttp(server.url, 'plain@utility.example', PASSWORD);
    for (const path of PAGES) {
      const mine = await fetch(`${server.url}${path}`, { headers: { cookie: hostile } });
      const theirs = await fetch(`${server.url}${path}`, { headers: { cookie: plain } });
      expect(mine.status, path).toBe(200);
      const html = await mine.text();
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      const policy = mine.headers.get('content-security-policy') ?? '';
      expect(policy, path).toMatch(/script-src 'self'/);
      expect(policy, path).not.toContain(hashOf('alert(1)'));
      // The policy comes from the build, not from what the page shows.
      expect(policy, path).toBe(theirs.headers.get('content-security-policy'));
      expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(policy, path).not.toMatch(/style-src [^;]*'unsafe-inline'/);
    }
  });

  test('every inline script a page ships is allowed by the build-time hashes', async () => {
    const cookie = await signInOverHttp(server.url, 'plain@utility.example', PASSWORD);
    const response = await fetch(`${server.url}/courses/sql-for-grid-data/filter-and-aggregate`, {
      headers: { cookie },
    });
    const policy = response.headers.get('content-security-policy') ?? '';
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((match) => match[1] ?? '')
      .filter((body) => body.trim() && !/^\s*[[{]/.test(body));
    expect(inline.length).toBeGreaterThan(0);
    for (const body of inline) expect(policy).toContain(hashOf(body));
  });
});
