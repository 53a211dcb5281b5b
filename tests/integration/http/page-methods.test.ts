import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signInOverHttp } from '../../helpers/http.ts';
import { addPersonByCli } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

// A page is read with GET and its forms are sent with POST. Any other method is refused with a
// 405 naming those, before the page runs; endpoints (xAPI, APIs) keep their own methods.

const PASSWORD = 'switching order three-part';
let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: 'methods@utility.example',
    name: 'Method Tester',
    role: 'learner',
    password: PASSWORD,
  });
  cookie = await signInOverHttp(server.url, 'methods@utility.example', PASSWORD);
});

afterAll(async () => {
  await server?.dispose();
});

const send = (method: string, path: string): Promise<Response> =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, origin: server.url },
    redirect: 'manual',
  });

describe('methods a page does not take', () => {
  test.each([
    ['DELETE', '/courses/sql-for-grid-data/tables-and-select'],
    ['PUT', '/learn'],
    ['PATCH', '/account'],
    ['DELETE', '/'],
    ['OPTIONS', '/courses'],
  ])('%s %s answers 405 with the methods a page takes', async (method, path) => {
    const response = await send(method, path);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await response.text()).toContain(`${method} is not supported`);
  });

  test('reading pages is unchanged, and an unknown address is still a 404', async () => {
    expect((await send('GET', '/learn')).status).toBe(200);
    expect((await send('HEAD', '/courses')).status).toBe(200);
    expect((await send('DELETE', '/no-such-page')).status).toBe(404);
  });

  test('endpoints keep their own methods', async () => {
    const state = await fetch(
      `${server.url}/xapi/activities/state?activityId=${encodeURIComponent('https://utility.example/a')}&agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:methods@utility.example' }))}&stateId=s`,
      { method: 'DELETE', headers: { 'x-experience-api-version': '1.0.3' } },
    );
    expect(state.status).toBe(401);
    expect(state.headers.get('allow')).toBeNull();
  });
});
