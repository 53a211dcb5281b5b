import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { simAttempts, statements } from '../../../db/schema.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { signInOverHttp } from '../../helpers/http.ts';
import { perfectLog } from '../../unit/sim/fixtures.ts';
import { addPersonByCli } from '../../helpers/people.ts';

const LEARNER = { email: 'network.engineer@utility.example', password: 'isolate before you earth' };
let server: TestServer;
let db: Database;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Nia Network',
    role: 'learner',
    department: 'it',
    password: LEARNER.password,
  });
  cookie = await signInOverHttp(server.url, LEARNER.email, LEARNER.password);
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const post = (scenario: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/sims/${scenario}/attempts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/sims/<scenario>/attempts', () => {
  test('a correct T1 isolation log replays to passed with full score, recorded as statements', async () => {
    const attemptId = crypto.randomUUID();
    const response = await post('isolate-t1', {
      attemptId,
      startedAt: new Date().toISOString(),
      actions: perfectLog('isolate-t1'),
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.passed).toBe(true);
    expect(body.score).toBe(body.maxScore);
    const rows = await db.select().from(statements);
    const verbs = rows
      .filter((row) => row.objectId.endsWith('/sims/isolate-t1'))
      .map((row) => row.verb.split('/').pop());
    expect(verbs.sort()).toEqual(['attempted', 'passed']);
  });

  test('a score sent by the browser is ignored: the stored score is the replay’s', async () => {
    const attemptId = crypto.randomUUID();
    const log = perfectLog('isolate-t1');
    const [first, second, ...rest] = log;
    const wrongOrder = [{ ...second!, at: first!.at }, { ...first!, at: second!.at }, ...rest];
    const response = await post('isolate-t1', {
      attemptId,
      startedAt: new Date().toISOString(),
      actions: wrongOrder,
      score: 100,
      passed: true,
      maxScore: 100,
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    const [row] = await db.select().from(simAttempts).where(eq(simAttempts.id, attemptId));
    expect(row?.score).toBe(body.score);
    expect(row?.score).toBeLessThan(100);
  });

  test('resending the same attempt returns the stored result and writes nothing new', async () => {
    const attemptId = crypto.randomUUID();
    const body = {
      attemptId,
      startedAt: new Date().toISOString(),
      actions: perfectLog('restore-t1'),
    };
    expect((await post('restore-t1', body)).status).toBe(201);
    const count = (await db.select().from(statements)).length;
    const again = await post('restore-t1', body);
    expect(again.status).toBe(200);
    expect((await db.select().from(statements)).length).toBe(count);
  });

  test.each([
    ['an unknown device', { type: 'operate', device: 'NOPE-1', position: 'open' }],
    ['an impossible action', { type: 'teleport' }],
  ])('a log with %s is refused with 400 and a reason', async (_name, action) => {
    const before = (await db.select().from(simAttempts)).length;
    const response = await post('isolate-t1', {
      attemptId: crypto.randomUUID(),
      startedAt: new Date().toISOString(),
      actions: [{ at: 0, action }],
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/does not replay/);
    expect((await db.select().from(simAttempts)).length).toBe(before);
  });

  test.each([
    ['not JSON', '{nope', 400],
    ['no attempt id', { startedAt: new Date().toISOString(), actions: [] }, 400],
    ['an unknown scenario', null, 404],
  ] as const)('%s gets a clear 4xx', async (_name, body, status) => {
    const response =
      body === null
        ? await post('no-such-scenario', {
            attemptId: crypto.randomUUID(),
            startedAt: new Date().toISOString(),
            actions: [],
          })
        : await post('isolate-t1', body);
    expect(response.status).toBe(status);
    expect(typeof (await response.json()).error).toBe('string');
  });

  test('signed out gets 401; a foreign origin gets 403', async () => {
    const anonymous = await fetch(`${server.url}/api/sims/isolate-t1/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    expect((await post('isolate-t1', {}, { origin: 'https://evil.example' })).status).toBe(403);
  });
});
