import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { statements } from '../../../db/schema.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { signInOverHttp } from '../../helpers/http.ts';
import { readCourse } from '../../helpers/content.ts';
import { labDataDir, labDataKey } from '../../../src/lib/server/labs/lab-data-files.ts';
import { addPersonByCli } from '../../helpers/people.ts';

// A lab of the analytics track: per-feeder summary of good-quality SCADA rows.
const COURSE = 'sql-for-grid-data';
const LESSON = 'filter-and-aggregate';
const lab = readCourse(COURSE).lessons.find((lesson) => lesson.slug === LESSON)!.data.lab;
const LEARNER = { email: 'control.room@utility.example', password: 'quality flags before peaks' };
const WRONG =
  'SELECT feeder, COUNT(*) AS good_samples, ROUND(AVG(mw), 3) AS avg_mw, MAX(mw) AS peak_mw FROM scada_analogs GROUP BY feeder ORDER BY feeder';

/** Queries a learner could send to hurt the server; each must be refused quickly. */
const HOSTILE: [string, string][] = [
  ['ATTACH another database', "ATTACH DATABASE '/tmp/other.db' AS other"],
  ['ATTACH after a SELECT', "SELECT 1; ATTACH DATABASE ':memory:' AS other"],
  ['load_extension', "SELECT load_extension('/tmp/evil.so')"],
  ['a PRAGMA write', 'PRAGMA writable_schema = ON'],
  ['a PRAGMA that lifts read-only mode', 'PRAGMA query_only = 0'],
  [
    'an endless recursive CTE',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n',
  ],
  ['a billion-row cross join', 'SELECT count(*) FROM scada_analogs a, scada_analogs b'],
  ['a 100 MB string', "SELECT length(printf('%.*c', 100000000, 'x')) AS n"],
  ['a 100 MB blob', 'SELECT hex(zeroblob(50000000)) AS h'],
];

let server: TestServer;
let db: Database;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Cora Control',
    role: 'learner',
    department: 'ot',
    password: LEARNER.password,
  });
  cookie = await signInOverHttp(server.url, LEARNER.email, LEARNER.password);
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/labs/${COURSE}/${LESSON}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function labStatementVerbs(): Promise<string[]> {
  const rows = await db
    .select({ verb: statements.verb })
    .from(statements)
    .where(and(eq(statements.objectId, `http://localhost:4321/courses/${COURSE}/${LESSON}#lab`)))
    .orderBy(statements.seq);
  return rows.map((row) => row.verb.split('/').pop() ?? '');
}

async function healthzMs(): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, ms: performance.now() - started };
}

describe('POST /api/labs/<course>/<lesson>', () => {
  test('a wrong answer fails with a reason, returns its result, and is recorded as answered then failed', async () => {
    const response = await post({ query: WRONG });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.passed).toBe(false);
    expect(body.reason).toMatch(/\w/);
    expect(body.columns).toEqual(['feeder', 'good_samples', 'avg_mw', 'peak_mw']);
    expect(body.rowCount).toBe(4);
    expect(body.rows).toHaveLength(4);
    expect(await labStatementVerbs()).toEqual(['answered', 'failed']);
  });

  test('the reference answer passes and the lesson page shows the lab passed', async () => {
    const response = await post({ query: lab.check.reference });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ passed: true, rowCount: 4 });
    expect(await labStatementVerbs()).toEqual(['answered', 'failed', 'answered', 'passed']);
    const page = await fetch(`${server.url}/courses/${COURSE}/${LESSON}`, { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain('Lab passed.');
  });

  test('a query SQLite cannot run is refused with a reason and its position, and not recorded', async () => {
    const before = await labStatementVerbs();
    const response = await post({ query: 'SELECT feeder, max(mw),\nFROM scada_analogs' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = await response.json();
    expect(body.error).toMatch(/"FROM"/);
    expect(body.position).toMatchObject({ line: 2, column: 1 });
    expect(await labStatementVerbs()).toEqual(before);
  });

  test.each(HOSTILE)(
    '%s is refused with a 4xx and a reason within 3 s while /healthz stays ok',
    async (_name, query) => {
      // Measure from a warm grader: after a killed query the runner reloads the data first.
      expect((await post({ query: WRONG })).status).toBe(200);
      const started = performance.now();
      const pending = post({ query });
      const health = [];
      // Probe the server while the query is being handled.
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        health.push(await healthzMs());
      }
      const response = await pending;
      const elapsed = performance.now() - started;
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(body.error).toMatch(/\w{3}/);
      expect(elapsed).toBeLessThan(3_000);
      for (const probe of [...health, await healthzMs()]) {
        expect(probe.status).toBe(200);
        expect(probe.ms).toBeLessThan(1_000);
      }
    },
  );

  test('a query longer than 20,000 characters is refused', async () => {
    const response = await post({ query: `SELECT 1 AS x -- ${'x'.repeat(20_001)}` });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/20,000/);
  });

  test('a body without a query is refused with a message', async () => {
    const response = await post({ sql: 'SELECT 1' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/query/);
  });

  test('a lesson that is not a lab answers 404', async () => {
    const response = await fetch(`${server.url}/api/labs/${COURSE}/tables-and-select`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie },
      body: JSON.stringify({ query: 'SELECT 1' }),
    });
    expect(response.status).toBe(404);
  });

  test('a signed-out request is refused with 401', async () => {
    const response = await fetch(`${server.url}/api/labs/${COURSE}/${LESSON}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ query: lab.check.reference }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/Sign in/);
  });

  test('a request from another origin is refused with 403', async () => {
    const response = await post({ query: lab.check.reference }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  test('without JavaScript the form post is graded and the lesson page shows the verdict', async () => {
    const response = await fetch(`${server.url}/api/labs/${COURSE}/${LESSON}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie },
      body: new URLSearchParams({ query: WRONG }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/courses/${COURSE}/${LESSON}?lab=checked#lab`);
    const page = await (
      await fetch(`${server.url}/courses/${COURSE}/${LESSON}`, { headers: { cookie } })
    ).text();
    expect(page).toContain('data-testid="lab-last-check"');
    expect(page).toContain('Not yet.');
  });
});

describe('GET /api/labs/datasets/<name>', () => {
  test('serves the file built with the server, gzipped, revalidating by ETag', async () => {
    const response = await fetch(`${server.url}/api/labs/datasets/scada-week`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 15))).toBe('SQLite format 3');
    expect(bytes).toEqual(new Uint8Array(readFileSync(join(labDataDir(), 'scada-week.sqlite'))));
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${server.url}/api/labs/datasets/scada-week`, {
      headers: { 'if-none-match': `"other", ${etag}` },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('serves a combination a lab uses, without signing in', async () => {
    const response = await fetch(
      `${server.url}/api/labs/datasets/${labDataKey(['asset-register', 'asset-health'])}`,
    );
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  test.each([
    ['a dataset that does not exist', 'no-such-data'],
    ['an encoded path', '..%2Fsecrets'],
    ['a real dataset no lab loads alone', 'asset-register'],
    ['a combination no lab loads', 'pv-plant+scada-week'],
    ['an unsorted spelling of a used combination', 'asset-register+asset-health'],
    ['an inherited property name', '__proto__'],
  ])('answers 404 with a reason for %s', async (_name, segment) => {
    const response = await fetch(`${server.url}/api/labs/datasets/${segment}`);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/No lab uses/);
  });
});
