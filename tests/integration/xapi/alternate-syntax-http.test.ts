import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { DOCUMENT_RESOURCES } from '../../helpers/documents.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { makeStatement } from '../../helpers/statements.ts';
import { addCredential, xapiFetch, type Credential } from '../../helpers/xapi.ts';

let server: TestServer;
let db: Database;
let all: Credential;
let readOnly: Credential;
let learner: { cookie: string; agent: Record<string, unknown> };

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  all = addCredential(server.databaseUrl, 'all');
  readOnly = addCredential(server.databaseUrl, 'read');
  const user = await addUser(db);
  learner = {
    cookie: `switchyard_session=${await signInAs(db, user.id)}`,
    agent: { objectType: 'Agent', account: { homePage: DEFAULT_RECORD_BASE, name: user.id } },
  };
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const basic = ({ key, secret }: Credential) =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** An alternate-syntax request: POST ?method=, headers and parameters in a form body. */
function alternate(
  path: string,
  method: string,
  form: Record<string, string>,
  init: { headers?: Record<string, string>; query?: string; httpMethod?: string } = {},
): Promise<Response> {
  return fetch(`${server.url}${path}?method=${method}${init.query ?? ''}`, {
    method: init.httpMethod ?? 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...init.headers },
    body: new URLSearchParams(form),
  });
}

/** The form of a 1.0.3 client that cannot set headers. */
const headersInForm = (credential = all) => ({
  Authorization: basic(credential),
  'X-Experience-API-Version': '1.0.3',
});

const state = DOCUMENT_RESOURCES[0]!;
const profile = DOCUMENT_RESOURCES[1]!;

describe('xAPI 1.0.3: "The LRS MUST support the [alternate request] syntax" (Communication 1.3.s3.b15)', () => {
  test('"An LRS accepts a valid POST request containing a GET request returning 200 OK and the StatementResult Object"', async () => {
    const response = await alternate('/xapi/statements', 'GET', { ...headersInForm(), limit: '1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(await response.json()).toMatchObject({ statements: expect.any(Array), more: '' });
  });

  test('"An LRS accepts an alternate request syntax PUT issued as a POST", with headers as form parameters (1.3.s3.b7); the credential becomes the authority', async () => {
    const statement = makeStatement();
    const id = String(statement['id']);
    const response = await alternate('/xapi/statements', 'PUT', {
      ...headersInForm(),
      statementId: id,
      content: JSON.stringify(statement),
    });
    expect(response.status).toBe(204);
    const read = await xapiFetch(server.url, 'GET', `/xapi/statements?statementId=${id}`, {
      credential: all,
      version: '1.0.3',
    });
    expect(await read.json()).toMatchObject({ id, authority: { name: 'test all' } });
  });

  test('"the LRS treats the listed form parameters […] as header parameters": a form version of 0.8 gets 400', async () => {
    const response = await alternate('/xapi/statements', 'PUT', {
      ...headersInForm(),
      'X-Experience-API-Version': '0.8',
      statementId: crypto.randomUUID(),
      content: JSON.stringify(makeStatement()),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain('X-Experience-API-Version');
  });

  test.each([
    [
      '"All xAPI requests issued MUST be POST": a PUT with method=POST',
      () => alternate('/xapi/statements', 'POST', headersInForm(), { httpMethod: 'PUT' }),
      'only as POST',
    ],
    [
      '"[the client] MUST NOT include any other query string parameters on the request"',
      () =>
        alternate(
          '/xapi/statements',
          'PUT',
          { ...headersInForm(), content: JSON.stringify(makeStatement()) },
          { query: `&statementId=${crypto.randomUUID()}` },
        ),
      'only method',
    ],
    [
      '"[content MUST be included] as a form parameter called \\"content\\"": a PUT without content',
      () =>
        alternate('/xapi/statements', 'PUT', {
          ...headersInForm(),
          statementId: crypto.randomUUID(),
        }),
      '"content"',
    ],
    [
      '…a form that is not URL-encoded',
      () =>
        fetch(`${server.url}/xapi/statements?method=PUT`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...headersInForm(), content: '{}' }),
        }),
      'x-www-form-urlencoded',
    ],
    [
      '"Storing binary data is not supported with this syntax": multipart content',
      () =>
        alternate('/xapi/statements', 'POST', {
          ...headersInForm(),
          'Content-Type': 'multipart/mixed; boundary=x',
          content: '--x--',
        }),
      'fileUrl',
    ],
    [
      'an unknown method',
      () => alternate('/xapi/statements', 'PATCH', headersInForm()),
      'method must be',
    ],
  ])('400: %s', async (_name, send, fragment) => {
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect((await response.json()).error).toContain(fragment);
  });

  test.each([
    ['no credentials at all: 401', () => ({}), 401],
    [
      'a wrong secret in the form: 401',
      () => ({ Authorization: basic({ ...all, secret: 'x' }) }),
      401,
    ],
    ['a read-only credential writing: 403', () => ({ Authorization: basic(readOnly) }), 403],
  ])(
    'credentials in the form are checked like headers, and nothing is stored: %s',
    async (_n, auth, status) => {
      const statement = makeStatement();
      const response = await alternate('/xapi/statements', 'POST', {
        'X-Experience-API-Version': '1.0.3',
        ...auth(),
        content: JSON.stringify(statement),
      });
      expect(response.status).toBe(status);
      const read = await xapiFetch(
        server.url,
        'GET',
        `/xapi/statements?statementId=${String(statement['id'])}`,
        { credential: all, version: '1.0.3' },
      );
      expect(read.status).toBe(404);
    },
  );

  test('body limits hold: statements in content over 2 MB get 413 and nothing is stored', async () => {
    const statement = makeStatement({ result: { response: 'x'.repeat(2.1 * 1024 * 1024) } });
    const response = await alternate('/xapi/statements', 'POST', {
      ...headersInForm(),
      content: JSON.stringify(statement),
    });
    expect(response.status).toBe(413);
  });

  test('body limits hold: a document form over the 2 MB document limit gets 413', async () => {
    const response = await alternate(state.path, 'PUT', {
      ...headersInForm(),
      ...state.params(),
      content: 'x'.repeat(2.1 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  test('State: PUT, GET (with ETag) and DELETE through the form, parameters taken from it (1.3.s3.b14)', async () => {
    const params = state.params();
    const put = await alternate(state.path, 'PUT', {
      ...headersInForm(),
      ...params,
      'Content-Type': 'application/json',
      content: '{"slide":4}',
    });
    expect(put.status).toBe(204);
    const get = await alternate(state.path, 'GET', { ...headersInForm(), ...params });
    expect(get.status).toBe(200);
    expect(get.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(await get.json()).toEqual({ slide: 4 });
    const removed = await alternate(state.path, 'DELETE', { ...headersInForm(), ...params });
    expect(removed.status).toBe(204);
    expect((await alternate(state.path, 'GET', { ...headersInForm(), ...params })).status).toBe(
      404,
    );
  });

  test('Activity Profile: If-Match in the form is a precondition (412 on mismatch)', async () => {
    const params = profile.params();
    const create = await alternate(profile.path, 'PUT', {
      ...headersInForm(),
      ...params,
      'If-None-Match': '*',
      'Content-Type': 'text/plain',
      content: 'first',
    });
    expect(create.status).toBe(204);
    const stale = await alternate(profile.path, 'PUT', {
      ...headersInForm(),
      ...params,
      'If-Match': `"${'0'.repeat(40)}"`,
      'Content-Type': 'text/plain',
      content: 'second',
    });
    expect(stale.status).toBe(412);
  });

  test('a signed-in learner writes their own State from our own pages; from another origin the cookie is refused', async () => {
    const params = state.params(learner.agent);
    const form = { 'X-Experience-API-Version': '1.0.3', ...params, content: '{"slide":1}' };
    const own = await alternate(state.path, 'PUT', form, {
      headers: { Cookie: learner.cookie, Origin: server.url },
    });
    expect(own.status).toBe(204);
    const foreign = await alternate(state.path, 'PUT', form, {
      headers: { Cookie: learner.cookie, Origin: 'https://elsewhere.example' },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('xAPI 2.0.0 removed the alternate request syntax: "The LRS does NOT allow Alternate Request Syntax in xAPI 2.0"', () => {
  test.each([
    [
      'a GET in the form, version in the header',
      'GET',
      { 'X-Experience-API-Version': '2.0.0' },
      {},
    ],
    [
      'a PUT in the form, version in the form',
      'PUT',
      {},
      { 'X-Experience-API-Version': '2.0.0', content: JSON.stringify(makeStatement()) },
    ],
  ])('400: %s', async (_name, method, headers, form) => {
    const response = await alternate(
      '/xapi/statements',
      method,
      { Authorization: basic(all), ...form },
      { headers },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await response.json()).error).toContain('no alternate request syntax');
  });
});
