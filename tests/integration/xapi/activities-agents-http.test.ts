import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { makeStatement, mboxAgent } from '../../helpers/statements.ts';
import { addCredential, xapiFetch, type Credential } from '../../helpers/xapi.ts';

let server: TestServer;
let db: Database;
let all: Credential;
let learner: { cookie: string; agent: Record<string, unknown> };

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  all = addCredential(server.databaseUrl, 'all');
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

describe.each(['1.0.3', '2.0.0'])('Activities and Agents resources, xAPI %s', (version) => {
  const get = (path: string, options = {}) =>
    xapiFetch(server.url, 'GET', path, { credential: all, version, ...options });

  test('"Loads the complete Activity Object specified": the definitions of trusted statements merged, later ones winning', async () => {
    const id = `https://switchyard.example/activities/${crypto.randomUUID()}`;
    const first = makeStatement({
      object: {
        id,
        definition: {
          name: { 'en-US': 'Breakers' },
          type: 'http://adlnet.gov/expapi/activities/lesson',
        },
      },
    });
    const second = makeStatement({
      object: {
        id,
        definition: {
          name: { 'fr-FR': 'Disjoncteurs' },
          description: { 'en-US': 'Opening under load' },
        },
      },
    });
    for (const statement of [first, second]) {
      expect(
        (
          await xapiFetch(server.url, 'POST', '/xapi/statements', {
            credential: all,
            body: statement,
          })
        ).status,
      ).toBe(200);
    }
    const own = makeStatement({
      actor: learner.agent,
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id, definition: { name: { 'en-US': 'Renamed by a browser' } } },
      context: undefined,
    });
    expect(
      (
        await xapiFetch(server.url, 'POST', '/xapi/statements', {
          cookie: learner.cookie,
          body: own,
        })
      ).status,
    ).toBe(200);
    const response = await get(`/xapi/activities?activityId=${encodeURIComponent(id)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(await response.json()).toEqual({
      objectType: 'Activity',
      id,
      definition: {
        name: { 'en-US': 'Breakers', 'fr-FR': 'Disjoncteurs' },
        description: { 'en-US': 'Opening under load' },
        type: 'http://adlnet.gov/expapi/activities/lesson',
      },
    });
  });

  test('"If an LRS does not have a canonical definition of the Activity to return, the LRS SHOULD* still return an Activity Object"; a bad or unknown parameter is a 400', async () => {
    const id = 'https://switchyard.example/activities/never-seen';
    expect(
      await (await get(`/xapi/activities?activityId=${encodeURIComponent(id)}`)).json(),
    ).toEqual({ objectType: 'Activity', id });
    expect((await get('/xapi/activities?activityId=not%20an%20iri')).status).toBe(400);
    expect((await get(`/xapi/activities?activityId=${encodeURIComponent(id)}&x=1`)).status).toBe(
      400,
    );
    expect(
      (await xapiFetch(server.url, 'PUT', '/xapi/activities', { credential: all, version })).status,
    ).toBe(405);
  });

  test('"Return a special, Person Object for a specified Agent"; "the LRS MUST still return a Person Object when queried"', async () => {
    const agent = mboxAgent('Ada Operator');
    const response = await get(`/xapi/agents?agent=${encodeURIComponent(JSON.stringify(agent))}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      objectType: 'Person',
      name: [agent.name],
      mbox: [agent.mbox],
    });
    const head = await xapiFetch(
      server.url,
      'HEAD',
      `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(agent))}`,
      { credential: all, version },
    );
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('/xapi/agents?agent=%7B%7D')).status).toBe(400);
  });

  test('a signed-in learner may look up only their own agent', async () => {
    const own = await xapiFetch(
      server.url,
      'GET',
      `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(learner.agent))}`,
      { cookie: learner.cookie, version },
    );
    expect(own.status, await own.clone().text()).toBe(200);
    const other = await xapiFetch(
      server.url,
      'GET',
      `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(mboxAgent('Someone')))}`,
      { cookie: learner.cookie, version },
    );
    expect(other.status).toBe(403);
  });
});
