import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addPersonByCli } from '../../helpers/people.ts';
import { FORM_BODY_LIMIT } from '../../../src/lib/server/http/body-limits.ts';

const LEARNER = { email: 'limits@utility.example', password: 'breaker failure relay scheme' };
let server: TestServer;
let db: Database;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, { ...LEARNER, name: 'Lim Its', role: 'learner' });
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

/** Sends `total` bytes as a chunked body; resolves with the status, or 'closed' when the server hung up first. */
function chunkedPost(path: string, total: number, type: string): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const url = new URL(path, server.url);
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': type, 'transfer-encoding': 'chunked' },
    });
    let settled = false;
    const settle = (value: number | 'closed') => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve(value);
    };
    request.on('response', (response) => {
      response.resume();
      settle(response.statusCode ?? 0);
    });
    request.on('error', () => settle('closed'));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < total && !settled) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!settled) request.end();
    };
    pump();
  });
}

describe('request body limits', () => {
  test.each([
    ['/login', 'application/x-www-form-urlencoded'],
    ['/login', 'multipart/form-data; boundary=x'],
    ['/account', 'application/x-www-form-urlencoded'],
    ['/api/labs/sql-for-grid-data/filter-and-aggregate', 'application/json'],
    ['/xapi/statements', 'application/json'],
  ])('a 20 MB chunked post to %s gets 413 or a closed connection', async (path, type) => {
    const outcome = await chunkedPost(path, 20 * 1024 * 1024, type);
    expect([413, 'closed']).toContain(outcome);
  });

  test('a declared oversize form gets a 413 sentence before sign-in is tried', async () => {
    const before = await db.select().from(auditEvents);
    const body = new URLSearchParams({
      email: LEARNER.email,
      password: LEARNER.password,
      filler: 'x'.repeat(FORM_BODY_LIMIT),
    });
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than the 32 KB this address accepts/);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await db.select().from(auditEvents)).toEqual(before);
  });

  test('a chunked form under the limit still signs in', async () => {
    const body = new URLSearchParams({ email: LEARNER.email, password: LEARNER.password });
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new Blob([body.toString()]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toMatch(/^switchyard_session=/);
  });

  test('a JSON API answers 413 as JSON', async () => {
    const response = await fetch(`${server.url}/api/labs/sql-for-grid-data/filter-and-aggregate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/shorten the query/);
  });
});
