import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import {
  readStateDocument,
  writeStateDocument,
} from '../../../src/lib/server/learning-record/server-documents.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import {
  DOCUMENT_RESOURCES,
  documentFetch,
  scopeOf,
  type DocumentResource,
} from '../../helpers/documents.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addCredential, type Credential, type XapiRequestOptions } from '../../helpers/xapi.ts';

let server: TestServer;
let db: Database;
let all: Credential;
let readOnly: Credential;
let writeOnly: Credential;
let learner: { cookie: string; agent: Record<string, unknown> };

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  all = addCredential(server.databaseUrl, 'all');
  readOnly = addCredential(server.databaseUrl, 'read');
  writeOnly = addCredential(server.databaseUrl, 'write');
  const user = await addUser(db, { displayName: 'Lee Learner' });
  learner = {
    cookie: `switchyard_session=${await signInAs(db, user.id)}`,
    agent: { objectType: 'Agent', account: { homePage: DEFAULT_RECORD_BASE, name: user.id } },
  };
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const VERSIONS = ['1.0.3', '2.0.0'] as const;
const CASES = VERSIONS.flatMap((version) =>
  DOCUMENT_RESOURCES.map((resource) => ({
    version,
    resource,
    label: `${resource.name} ${version}`,
  })),
);
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe.each(CASES)('$label', ({ version, resource }) => {
  const send = (
    method: string,
    params: Record<string, string>,
    options: XapiRequestOptions = {},
  ): Promise<Response> =>
    documentFetch(server.url, method, resource, params, { credential: all, version, ...options });
  const putJson = (params: Record<string, string>, body: unknown, headers = {}) =>
    send('PUT', params, { body, headers });
  const etagOf = async (params: Record<string, string>) =>
    (await send('GET', params)).headers.get('etag') ?? '';
  const is409OnPut = resource.kind !== 'state' || version === '2.0.0';

  test('"Returns (PUT | POST | DELETE): 204 No Content" and "Returns (GET): 200 OK, the document"', async () => {
    const params = resource.params();
    const put = await putJson(params, { x: 'foo' });
    expect(put.status).toBe(204);
    expect(put.headers.get('x-experience-api-version')).toBe(version);
    const get = await send('GET', params);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await get.json()).toEqual({ x: 'foo' });
  });

  test('"An LRS responding to a GET request MUST add an ETag HTTP header", "the SHA-1 digest of the contents", "MUST enclose the header in quotes"; "SHOULD* include a Last-Modified header"', async () => {
    const params = resource.params();
    const text = 'plain bytes \u00e9';
    await send('PUT', params, { rawBody: text, headers: { 'Content-Type': 'text/plain' } });
    const get = await send('GET', params);
    expect(get.headers.get('etag')).toBe(`"${sha1(text)}"`);
    expect(await get.text()).toBe(text);
    expect(get.headers.get('content-type')).toBe('text/plain');
    const modified = Date.parse(get.headers.get('last-modified') ?? '');
    expect(Math.abs(Date.now() - modified)).toBeLessThan(60_000);
  });

  test('"The LRS MUST respond to any HTTP HEAD request as it would have responded to an otherwise identical HTTP GET request except: The message-body MUST be omitted"', async () => {
    const params = resource.params();
    await putJson(params, { a: 1 });
    const [get, head] = [await send('GET', params), await send('HEAD', params)];
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(await head.text()).toBe('');
    const missing = await send('HEAD', resource.params());
    expect(missing.status).toBe(404);
  });

  test('"If the header precondition ... fails, the LRS MUST return HTTP status 412 Precondition Failed" and "MUST NOT make a modification to the resource"', async () => {
    const params = resource.params();
    await putJson(params, { v: 1 });
    const wrong = await putJson(params, { v: 2 }, { 'If-Match': `"${sha1('other')}"` });
    expect(wrong.status).toBe(412);
    const exists = await putJson(params, { v: 3 }, { 'If-None-Match': '*' });
    expect(exists.status).toBe(412);
    const absent = await putJson(resource.params(), { v: 4 }, { 'If-Match': `"${sha1('x')}"` });
    expect(absent.status).toBe(412);
    expect(await (await send('GET', params)).json()).toEqual({ v: 1 });
  });

  test('"MUST handle the If-Match header ... if it contains an ETag": the current ETag lets a PUT replace the document', async () => {
    const params = resource.params();
    await putJson(params, { v: 1 }, { 'If-None-Match': '*' });
    const etag = await etagOf(params);
    const replaced = await putJson(params, { v: 2 }, { 'If-Match': etag });
    expect(replaced.status).toBe(204);
    expect(await (await send('GET', params)).json()).toEqual({ v: 2 });
  });

  test(`"If a PUT request is received without either header for a resource that already exists, the LRS MUST return HTTP status 409 Conflict" (${is409OnPut ? 'applies' : 'State in 1.0.3 permits PUT without concurrency headers'})`, async () => {
    const params = resource.params();
    await putJson(params, { v: 1 });
    const again = await putJson(params, { v: 2 });
    if (is409OnPut) {
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: string }).error).toMatch(/If-Match/);
      expect(await (await send('GET', params)).json()).toEqual({ v: 1 });
    } else {
      expect(again.status).toBe(204);
      expect(await (await send('GET', params)).json()).toEqual({ v: 2 });
    }
  });

  test('"When an LRS receives a POST request with content type application/json for an existing document also of content type application/json, it MUST merge the posted document with the existing document"', async () => {
    const params = resource.params();
    expect((await send('POST', params, { body: { x: 'foo', y: 'bar' } })).status).toBe(204);
    expect((await send('POST', params, { body: { x: 'bash', z: 'faz' } })).status).toBe(204);
    expect(await (await send('GET', params)).json()).toEqual({ x: 'bash', y: 'bar', z: 'faz' });
  });

  test('"If the document being posted or any existing document does not have a Content-Type of application/json ... the LRS MUST respond with HTTP status code 400 Bad Request, and MUST NOT update the target document"', async () => {
    const params = resource.params();
    await send('POST', params, { body: { keep: true } });
    const text = await send('POST', params, {
      rawBody: 'x=1',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    const array = await send('POST', params, { body: [1, 2] });
    expect(array.status).toBe(400);
    const other = resource.params();
    await send('PUT', other, { rawBody: 'not json', headers: { 'Content-Type': 'text/plain' } });
    const intoText = await send('POST', other, { body: { a: 1 } });
    expect(intoText.status).toBe(400);
    expect(await (await send('GET', params)).json()).toEqual({ keep: true });
    expect(await (await send('GET', other)).text()).toBe('not json');
  });

  test('"Fetches ... ids of all ... entries" and "If since parameter is specified, this is limited to entries that have been stored or updated since the specified Timestamp (exclusive)"', async () => {
    const params = resource.params();
    const scope = scopeOf(resource, params);
    await putJson({ ...scope, [resource.idName]: 'first' }, { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await putJson({ ...scope, [resource.idName]: 'second' }, { n: 2 });
    const list = await send('GET', scope);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual(['first', 'second']);
    expect(list.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(list.headers.get('last-modified')).toBeTruthy();
    expect(await (await send('GET', { ...scope, since: between })).json()).toEqual(['second']);
    const bad = await send('GET', { ...scope, since: 'yesterday' });
    expect(bad.status).toBe(400);
  });

  test(`DELETE removes the document, then GET is 404${version === '2.0.0' && resource.kind !== 'state' ? ' (2.0.0: DELETE of an existing profile without If-Match is 409)' : ''}`, async () => {
    const params = resource.params();
    await putJson(params, { gone: 'soon' });
    if (version === '2.0.0' && resource.kind !== 'state') {
      const bare = await send('DELETE', params);
      expect(bare.status).toBe(409);
    }
    const stale = await send('DELETE', params, { headers: { 'If-Match': `"${sha1('stale')}"` } });
    expect(stale.status).toBe(412);
    const deleted = await send('DELETE', params, { headers: { 'If-Match': await etagOf(params) } });
    expect(deleted.status).toBe(204);
    expect((await send('GET', params)).status).toBe(404);
  });

  test('"The LRS MUST reject with 400 Bad Request status any requests that use any parameters which the LRS does not recognize" (and parameters matching in all but case)', async () => {
    const params = resource.params();
    for (const extra of [{ foo: 'bar' }, { [resource.idName.toUpperCase()]: 'x' }]) {
      const response = await send('GET', { ...params, ...extra });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-experience-api-version')).toBe(version);
    }
    const noId = await send('PUT', scopeOf(resource, params), { body: { a: 1 } });
    expect(noId.status).toBe(400);
  });

  test('requests that name no version, or one not supported, get 400 "including a short description of the problem"', async () => {
    const params = resource.params();
    const none = await send('GET', params, { version: null });
    expect(none.status).toBe(400);
    expect(none.headers.get('x-experience-api-version')).toBe('2.0.0');
    const old = await send('GET', params, { version: '1.1.0' });
    expect(old.status).toBe(400);
    expect(old.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  test('credential scopes: "read" may only read, "write" may only write (403 otherwise)', async () => {
    const params = resource.params();
    expect((await send('PUT', params, { credential: readOnly, body: { a: 1 } })).status).toBe(403);
    expect((await send('PUT', params, { credential: writeOnly, body: { a: 1 } })).status).toBe(204);
    expect((await send('GET', params, { credential: writeOnly })).status).toBe(403);
    expect((await send('GET', params, { credential: readOnly })).status).toBe(200);
  });

  if (resource.kind !== 'activity_profile') {
    test('"The LRS MUST NOT reject documents on the basis of not having prior knowledge of the Activity and/or Agent"; an agent parameter that is not an Agent as JSON is a 400', async () => {
      const params = resource.params();
      expect((await send('GET', { ...params, agent: 'mailto:x@y.example' })).status).toBe(400);
      expect((await send('GET', { ...params, agent: '{"name":"no identifier"}' })).status).toBe(
        400,
      );
      expect((await putJson(params, { fresh: true })).status).toBe(204);
    });
  }
});

describe.each(VERSIONS)('State %s: registration and multiple-document DELETE', (version) => {
  const state = DOCUMENT_RESOURCES[0] as DocumentResource;
  const send = (method: string, params: Record<string, string>, options: XapiRequestOptions = {}) =>
    documentFetch(server.url, method, state, params, { credential: all, version, ...options });

  test('"Stores, changes, fetches, or deletes the document ... in the context of the specified Activity, Agent, and registration (if specified)"', async () => {
    const params = state.params();
    const registration = crypto.randomUUID();
    await send('PUT', params, { body: { where: 'none' } });
    await send('PUT', { ...params, registration }, { body: { where: 'registered' } });
    expect(await (await send('GET', params)).json()).toEqual({ where: 'none' });
    expect(await (await send('GET', { ...params, registration })).json()).toEqual({
      where: 'registered',
    });
    const upper = { ...params, registration: registration.toUpperCase() };
    expect(await (await send('GET', upper)).json()).toEqual({ where: 'registered' });
    expect((await send('GET', { ...params, registration: 'not-a-uuid' })).status).toBe(400);
  });

  test('"Deletes all state data for this context (Activity + Agent [+ registration if specified])"', async () => {
    const params = state.params();
    const scope = scopeOf(state, params);
    const registration = crypto.randomUUID();
    for (const stateId of ['a', 'b']) {
      await send('PUT', { ...scope, stateId }, { body: { stateId } });
      await send('PUT', { ...scope, registration, stateId }, { body: { stateId } });
    }
    expect(await (await send('GET', { ...scope, registration })).json()).toEqual(['a', 'b']);
    expect((await send('DELETE', { ...scope, registration })).status).toBe(204);
    expect(await (await send('GET', { ...scope, registration })).json()).toEqual([]);
    expect(await (await send('GET', scope)).json()).toEqual(['a', 'b']);
    expect((await send('DELETE', scope)).status).toBe(204);
    expect(await (await send('GET', scope)).json()).toEqual([]);
  });
});

describe("a learner's browser session", () => {
  const [state, activityProfile, agentProfile] = DOCUMENT_RESOURCES as [
    DocumentResource,
    DocumentResource,
    DocumentResource,
  ];
  const asLearner = (
    method: string,
    resource: DocumentResource,
    params: Record<string, string>,
    options: XapiRequestOptions = {},
  ) => documentFetch(server.url, method, resource, params, { cookie: learner.cookie, ...options });

  test.each([state, agentProfile])(
    'reads and writes $name documents for its own agent only',
    async (resource) => {
      const own = resource.params(learner.agent);
      expect((await asLearner('PUT', resource, own, { body: { mine: true } })).status).toBe(204);
      expect(await (await asLearner('GET', resource, own)).json()).toEqual({ mine: true });
      const other = resource.params();
      const refused = await asLearner('PUT', resource, other, { body: { theirs: true } });
      expect(refused.status).toBe(403);
      expect((await asLearner('GET', resource, other)).status).toBe(403);
    },
  );

  test('may read but not write Activity Profile documents', async () => {
    const params = activityProfile.params();
    expect((await asLearner('PUT', activityProfile, params, { body: { a: 1 } })).status).toBe(403);
    expect((await asLearner('GET', activityProfile, params)).status).toBe(404);
  });

  test('is refused when the write comes from another origin, even for its own documents', async () => {
    const own = state.params(learner.agent);
    const response = await asLearner('PUT', state, own, {
      body: { forged: true },
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect((await asLearner('GET', state, own)).status).toBe(404);
  });
});

describe('CORS for browser clients on other origins', () => {
  const state = DOCUMENT_RESOURCES[0] as DocumentResource;

  test.each(['null', 'https://content.example'])(
    'a preflight from origin %s is answered with the xAPI methods and headers',
    async (origin) => {
      const response = await fetch(`${server.url}/xapi/activities/state`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers':
            'authorization, content-type, x-experience-api-version, if-match',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toMatch(/PUT.*DELETE/);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const name of [
        'authorization',
        'content-type',
        'x-experience-api-version',
        'if-match',
        'if-none-match',
      ]) {
        expect(allowed).toContain(name);
      }
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  test('a cross-origin answer exposes ETag, Last-Modified and the xAPI headers, and never allows credentials', async () => {
    const params = state.params();
    await documentFetch(server.url, 'PUT', state, params, {
      credential: all,
      body: { a: 1 },
      headers: { Origin: 'null' },
    });
    const response = await documentFetch(server.url, 'GET', state, params, {
      credential: all,
      headers: { Origin: 'null' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const name of [
      'etag',
      'last-modified',
      'x-experience-api-version',
      'x-experience-api-consistent-through',
    ]) {
      expect(exposed).toContain(name);
    }
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test("a cross-origin read that carries only the learner's cookie is not signed in", async () => {
    const own = state.params(learner.agent);
    const response = await documentFetch(server.url, 'GET', state, own, {
      cookie: learner.cookie,
      headers: { Origin: 'null' },
    });
    expect(response.status).toBe(401);
  });
});

describe('server-side document API', () => {
  test('writeStateDocument stores a JSON document that the State resource then serves', async () => {
    const agent = { objectType: 'Agent' as const, mbox: 'mailto:launch@utility.example' };
    const activityId = `https://switchyard.example/au/${crypto.randomUUID()}`;
    const registration = crypto.randomUUID();
    const address = { activityId, agent, registration, stateId: 'LMS.LaunchData' };
    await writeStateDocument(db, address, { json: { launchMode: 'Normal' } });
    await writeStateDocument(db, address, { json: { launchMode: 'Review' } });
    expect((await readStateDocument(db, address))?.contentType).toBe('application/json');
    const response = await documentFetch(
      server.url,
      'GET',
      DOCUMENT_RESOURCES[0] as DocumentResource,
      { activityId, agent: JSON.stringify(agent), registration, stateId: 'LMS.LaunchData' },
      { credential: all, version: '1.0.3' },
    );
    expect(await response.json()).toEqual({ launchMode: 'Review' });
  });
});
