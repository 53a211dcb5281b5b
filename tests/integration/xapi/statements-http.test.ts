import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';

/** A course of this deployment's own, under the record base: browsers may not assert verdicts on it. */
const SWITCHYARD_COURSE = `${DEFAULT_RECORD_BASE}/courses/substation-fundamentals`;
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { makeStatement, mboxAgent, VERB, voiding } from '../../helpers/statements.ts';
import {
  addCredential,
  xapiFetch,
  type Credential,
  type XapiRequestOptions,
} from '../../helpers/xapi.ts';

let server: TestServer;
let db: Database;
let all: Credential;
let readOnly: Credential;
let writeOnly: Credential;
let learner: { id: string; cookie: string; agent: Record<string, unknown> };

const call = (method: string, path: string, options?: XapiRequestOptions) =>
  xapiFetch(server.url, method, path, options);
const rowsWithId = async (id: string) =>
  Number(
    (
      await db.$client.execute({
        sql: 'SELECT count(*) AS n FROM statements WHERE id = ?',
        args: [id],
      })
    ).rows[0]?.['n'],
  );

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  all = addCredential(server.databaseUrl, 'all');
  readOnly = addCredential(server.databaseUrl, 'read');
  writeOnly = addCredential(server.databaseUrl, 'write');
  const user = await addUser(db, { displayName: 'Lee Learner' });
  learner = {
    id: user.id,
    cookie: `switchyard_session=${await signInAs(db, user.id)}`,
    agent: { objectType: 'Agent', account: { homePage: DEFAULT_RECORD_BASE, name: user.id } },
  };
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

describe('acceptance 1: store, read back, replay, conflict, version header', () => {
  const statement = makeStatement({ id: undefined });
  let id = '';

  test('POST with Basic credentials returns the assigned id', async () => {
    const response = await call('POST', '/xapi/statements', { credential: all, body: statement });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(response.headers.get('x-experience-api-consistent-through')).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
    id = ((await response.json()) as string[])[0] ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('GET returns it with stored, authority and version set', async () => {
    const response = await call('GET', `/xapi/statements?statementId=${id}`, { credential: all });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      id,
      verb: statement['verb'],
      version: '2.0.0',
      authority: { objectType: 'Agent', name: 'test all' },
    });
    expect(Date.parse(body.stored)).toBeGreaterThan(0);
    expect(response.headers.get('last-modified')).toBe(new Date(body.stored).toUTCString());
  });

  test('PUT of the same statement gives 204 and no second row', async () => {
    const response = await call('PUT', `/xapi/statements?statementId=${id}`, {
      credential: all,
      body: { ...statement, id },
    });
    expect(response.status).toBe(204);
    expect(await rowsWithId(id)).toBe(1);
  });

  test('the same id with other content gives 409', async () => {
    const response = await call('PUT', `/xapi/statements?statementId=${id}`, {
      credential: all,
      body: { ...statement, id, verb: { id: VERB.passed } },
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toContain('different content');
  });

  test.each(['GET', 'POST', 'PUT'])('%s without the version header gives 400', async (method) => {
    const response = await call(
      method,
      method === 'PUT' ? `/xapi/statements?statementId=${id}` : '/xapi/statements',
      {
        credential: all,
        version: null,
        ...(method === 'GET' ? {} : { body: makeStatement() }),
      },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await response.json()).error).toContain('X-Experience-API-Version');
  });
});

describe('the Statement resource', () => {
  test('answers 1.0.3 clients in 1.0.3 and stamps version 1.0.0', async () => {
    const statement = makeStatement();
    const response = await call('POST', '/xapi/statements', {
      credential: all,
      body: [statement],
      version: '1.0.3',
    });
    expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
    const stored = await call('GET', `/xapi/statements?statementId=${statement['id']}`, {
      credential: all,
      version: '1.0',
    });
    expect((await stored.json()).version).toBe('1.0.0');
  });

  test('refuses versions it does not speak', async () => {
    const response = await call('GET', '/xapi/statements', { credential: all, version: '0.95' });
    expect(response.status).toBe(400);
  });

  test('hides voided statements except by voidedStatementId', async () => {
    const target = makeStatement();
    await call('POST', '/xapi/statements', {
      credential: all,
      body: [target, voiding(target['id'] as string)],
    });
    expect(
      (await call('GET', `/xapi/statements?statementId=${target['id']}`, { credential: all }))
        .status,
    ).toBe(404);
    const voided = await call('GET', `/xapi/statements?voidedStatementId=${target['id']}`, {
      credential: all,
    });
    expect(voided.status).toBe(200);
    expect((await voided.json()).id).toBe(target['id']);
  });

  test('pages a query through more links until every statement is seen', async () => {
    const actor = mboxAgent(`Pager ${Date.now()}`);
    const batch = Array.from({ length: 7 }, () => makeStatement({ actor }));
    expect((await call('POST', '/xapi/statements', { credential: all, body: batch })).status).toBe(
      200,
    );
    const seen: string[] = [];
    let path = `/xapi/statements?limit=3&agent=${encodeURIComponent(JSON.stringify(actor))}`;
    for (let pages = 0; path && pages < 10; pages += 1) {
      const page = await (await call('GET', path, { credential: all })).json();
      seen.push(...page.statements.map((s: { id: string }) => s.id));
      path = page.more;
    }
    expect(seen).toEqual(batch.map((s) => s['id']).reverse());
  });

  test('attachments=true answers multipart/mixed with the statements as the first part', async () => {
    const response = await call('GET', '/xapi/statements?limit=1&attachments=true', {
      credential: all,
    });
    expect(response.status).toBe(200);
    const type = response.headers.get('content-type') ?? '';
    const boundary = /boundary=(\S+)/.exec(type)?.[1] ?? '';
    expect(type).toMatch(/^multipart\/mixed; boundary=/);
    const [, first] = (await response.text()).split(`--${boundary}`);
    const json = first?.split('\r\n\r\n')[1] ?? '';
    expect(JSON.parse(json).statements).toHaveLength(1);
  });

  test('answers every request, refusals included, with X-Experience-API-Consistent-Through', async () => {
    for (const response of [
      await call('GET', '/xapi/statements'),
      await call('GET', '/xapi/statements', { credential: all, version: null }),
      await call('DELETE', '/xapi/statements', { credential: all }),
    ]) {
      expect(response.headers.get('x-experience-api-consistent-through')).toMatch(/^\d{4}-/);
    }
  });

  test('HEAD answers like GET without a body', async () => {
    const response = await call('HEAD', '/xapi/statements?limit=1', { credential: all });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    expect(await response.text()).toBe('');
  });

  test('refuses a body over the size limit with 413', async () => {
    const response = await call('POST', '/xapi/statements', {
      credential: all,
      rawBody: `[${'1,'.repeat(1_200_000)}1]`,
    });
    expect(response.status).toBe(413);
  });

  test('/xapi/about lists the versions, without credentials or version header', async () => {
    const response = await fetch(`${server.url}/xapi/about`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(await response.json()).toEqual({ version: ['1.0.3', '2.0.0'], extensions: {} });
  });
});

describe('credentials', () => {
  test('no credentials gives 401 with a Basic challenge', async () => {
    const response = await call('GET', '/xapi/statements');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
  });

  test('a wrong secret gives 401', async () => {
    const response = await call('GET', '/xapi/statements', {
      credential: { key: all.key, secret: 'guess' },
    });
    expect(response.status).toBe(401);
  });

  test('read scope cannot write and write scope cannot read (403)', async () => {
    expect(
      (await call('POST', '/xapi/statements', { credential: readOnly, body: makeStatement() }))
        .status,
    ).toBe(403);
    expect((await call('GET', '/xapi/statements', { credential: writeOnly })).status).toBe(403);
    expect((await call('GET', '/xapi/statements', { credential: readOnly })).status).toBe(200);
    expect(
      (await call('POST', '/xapi/statements', { credential: writeOnly, body: makeStatement() }))
        .status,
    ).toBe(200);
  });
});

describe('a signed-in learner', () => {
  test('writes statements about themselves', async () => {
    const statement = makeStatement({ actor: learner.agent, verb: { id: VERB.experienced } });
    const response = await call('POST', '/xapi/statements', {
      cookie: learner.cookie,
      body: [statement],
    });
    expect(response.status).toBe(200);
    const stored = await call('GET', `/xapi/statements?statementId=${statement['id']}`, {
      credential: all,
    });
    expect((await stored.json()).authority).toMatchObject({ account: { name: learner.id } });
  });

  test.each([
    ['about someone else', { actor: mboxAgent('Someone Else') }],
    [
      'voiding a statement',
      {
        actor: 'self',
        verb: { id: VERB.voided },
        object: { objectType: 'StatementRef', id: crypto.randomUUID() },
        context: undefined,
      },
    ],
    [
      'awarding themselves a pass',
      { actor: 'self', verb: { id: VERB.passed }, object: { id: SWITCHYARD_COURSE } },
    ],
    [
      'claiming success',
      { actor: 'self', result: { success: true }, object: { id: SWITCHYARD_COURSE } },
    ],
  ])('may not write a statement %s (403)', async (_name, overrides) => {
    const statement = makeStatement({
      ...overrides,
      actor: overrides.actor === 'self' ? learner.agent : overrides.actor,
    });
    const response = await call('POST', '/xapi/statements', {
      cookie: learner.cookie,
      body: statement,
    });
    expect(response.status).toBe(403);
    expect(await rowsWithId(statement['id'] as string)).toBe(0);
  });

  test('reads only their own statements', async () => {
    const response = await call('GET', '/xapi/statements', { cookie: learner.cookie });
    expect(response.status).toBe(200);
    const { statements } = await response.json();
    expect(statements.length).toBeGreaterThan(0);
    expect(
      statements.every(
        (s: { actor: { account?: { name: string } } }) => s.actor.account?.name === learner.id,
      ),
    ).toBe(true);
    const others = encodeURIComponent(JSON.stringify(mboxAgent('Ada Operator')));
    expect(
      (await call('GET', `/xapi/statements?agent=${others}`, { cookie: learner.cookie })).status,
    ).toBe(403);
  });

  test("cannot fetch someone else's statement by id", async () => {
    const statement = makeStatement();
    await call('POST', '/xapi/statements', { credential: all, body: statement });
    const response = await call('GET', `/xapi/statements?statementId=${statement['id']}`, {
      cookie: learner.cookie,
    });
    expect(response.status).toBe(404);
  });
});
