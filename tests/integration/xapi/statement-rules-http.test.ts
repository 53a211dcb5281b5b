import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { makeStatement, mboxAgent, VERB } from '../../helpers/statements.ts';
import { addCredential, xapiFetch, type Credential } from '../../helpers/xapi.ts';

let server: TestServer;
let all: Credential;

beforeAll(async () => {
  server = await startServer();
  all = addCredential(server.databaseUrl, 'all');
});

afterAll(async () => {
  await server?.dispose();
});

const oauthPair = [
  { objectType: 'Agent', account: { homePage: 'https://lms.example/oauth', name: 'app_7' } },
  mboxAgent('Ada Operator'),
];

/** A sub-statement object, with fields overridden. */
const sub = (overrides: Record<string, unknown> = {}) => ({
  objectType: 'SubStatement',
  actor: mboxAgent('Bea Engineer'),
  verb: { id: VERB.attempted },
  object: { id: 'https://vendor.example/modules/breaker-racking' },
  ...overrides,
});

type Case = [name: string, overrides: Record<string, unknown>, fragment?: string];

const accepted: Case[] = [
  [
    '"A Duration MUST be expressed using the format for Duration in ISO 8601:2004(E) section 4.4.3.2": PT4H35M59.14S',
    { result: { duration: 'PT4H35M59.14S' } },
  ],
  [
    '…with years, months and days: P3Y1M29DT4H35M59.14S',
    { result: { duration: 'P3Y1M29DT4H35M59.14S' } },
  ],
  ['…weeks alone: P4W', { result: { duration: 'P4W' } }],
  [
    '…in a sub-statement result: PT16559.14S',
    { object: sub({ result: { duration: 'PT16559.14S' } }), context: undefined },
  ],
  [
    '"Authority MUST be an Agent, except in 3-legged OAuth, where it MUST be a Group with two Agents": an Agent',
    { authority: mboxAgent('Vendor LMS') },
  ],
  ['…an anonymous Group of two Agents', { authority: { objectType: 'Group', member: oauthPair } }],
  [
    '"The revision property MUST only be used if the Statement\'s Object is an Activity": a sub-statement about an Activity may carry revision and platform',
    {
      object: sub({ context: { revision: '3', platform: 'Quest 3' } }),
      context: undefined,
    },
  ],
];

const refused: Case[] = [
  [
    '"weeks cannot be combined with other time periods. \'P4W1D\' is not valid"',
    { result: { duration: 'P4W1D' } },
    'weeks',
  ],
  [
    '…nor in a sub-statement result',
    { object: sub({ result: { duration: 'P4W1D' } }), context: undefined },
    'object.result.duration',
  ],
  ['…a duration that is not ISO 8601: PA1H0M0S', { result: { duration: 'PA1H0M0S' } }, 'duration'],
  [
    '…only the lowest-order component may have a fraction: PT1.5H30M',
    { result: { duration: 'PT1.5H30M' } },
    'last',
  ],
  [
    '"an authority Group […] with two Agents": a Group authority of one Agent',
    { authority: { objectType: 'Group', member: oauthPair.slice(0, 1) } },
    'exactly two',
  ],
  [
    '…of three Agents',
    { authority: { objectType: 'Group', member: [...oauthPair, mboxAgent('Cy')] } },
    'exactly two',
  ],
  [
    '…an identified Group, even of two Agents',
    {
      authority: { objectType: 'Group', mbox: 'mailto:crew@utility.example', member: oauthPair },
    },
    'anonymous',
  ],
  [
    '…an identified Group without members',
    { authority: { objectType: 'Group', openid: 'https://openid.example/crew' } },
    'anonymous',
  ],
  ...(['id', 'stored', 'version', 'authority'] as const).map((key): Case => [
    `"A SubStatement MUST NOT have the \\"id\\", \\"stored\\", \\"version\\" or \\"authority\\" properties": ${key}`,
    {
      object: sub({
        [key]: {
          id: crypto.randomUUID(),
          stored: '2026-03-01T09:30:00Z',
          version: '1.0.0',
          authority: mboxAgent('Vendor LMS'),
        }[key],
      }),
      context: undefined,
    },
    `must not have "${key}"`,
  ]),
  [
    '"A SubStatement MUST NOT contain a SubStatement of its own, i.e., cannot be nested"',
    { object: sub({ object: sub() }), context: undefined },
    'may not contain a SubStatement',
  ],
  [
    '"The revision property MUST only be used if the Statement\'s Object is an Activity": in a sub-statement about an Agent',
    {
      object: sub({ object: mboxAgent('Cy'), context: { revision: '3' } }),
      context: undefined,
    },
    'object.context.revision',
  ],
  [
    '"The platform property MUST only be used if the Statement\'s Object is an Activity": in a sub-statement about a StatementRef',
    {
      object: sub({
        object: { objectType: 'StatementRef', id: crypto.randomUUID() },
        context: { platform: 'Quest 3' },
      }),
      context: undefined,
    },
    'object.context.platform',
  ],
];

describe.each(['1.0.3', '2.0.0'])('Statement rules, xAPI %s', (version) => {
  const post = (statement: Record<string, unknown>) =>
    xapiFetch(server.url, 'POST', '/xapi/statements', {
      credential: all,
      version,
      body: statement,
    });
  const get = (query: string) =>
    xapiFetch(server.url, 'GET', `/xapi/statements?${query}`, { credential: all, version });

  test.each(accepted)('accepts: %s', async (_name, overrides) => {
    const response = await post(makeStatement(overrides));
    expect(response.status, await response.clone().text()).toBe(200);
  });

  test.each(refused)('400: %s', async (_name, overrides, fragment) => {
    const statement = makeStatement(overrides);
    const response = await post(statement);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain(fragment);
    expect((await get(`statementId=${String(statement['id'])}`)).status).toBe(404);
  });

  test('"The LRS SHOULD overwrite the authority […] based on the credentials used": a two-Agent Group is validated, then replaced', async () => {
    const statement = makeStatement({ authority: { objectType: 'Group', member: oauthPair } });
    expect((await post(statement)).status).toBe(200);
    const stored = await (await get(`statementId=${String(statement['id'])}`)).json();
    expect(stored.authority).toEqual({
      objectType: 'Agent',
      name: 'test all',
      account: { homePage: expect.stringMatching(/\/xapi\/credentials$/), name: all.key },
    });
  });

  test('context agents in a sub-statement need 2.0.0, as in a statement', async () => {
    const statement = makeStatement({
      object: sub({
        context: { contextAgents: [{ objectType: 'contextAgent', agent: mboxAgent('Cy') }] },
      }),
      context: undefined,
    });
    const response = await post(statement);
    expect(response.status).toBe(version === '2.0.0' ? 200 : 400);
    if (version !== '2.0.0') expect((await response.json()).error).toContain('object.context');
  });

  test('"format=ids: only include minimum information necessary in Agent, Activity, Verb and Group Objects to identify them", inside a sub-statement too', async () => {
    const statement = makeStatement({
      object: sub({
        actor: { ...mboxAgent('Bea Engineer'), name: 'Bea Engineer' },
        verb: { id: VERB.attempted, display: { 'en-US': 'attempted' } },
        object: {
          objectType: 'Activity',
          id: 'https://vendor.example/modules/breaker-racking',
          definition: { name: { 'en-US': 'Racking a breaker' } },
        },
        context: {
          instructor: mboxAgent('Ivy Instructor'),
          team: { objectType: 'Group', name: 'Crew 4', member: [mboxAgent('Dan')] },
          contextActivities: {
            parent: [
              { id: 'https://vendor.example/courses/mv', definition: { name: { en: 'MV' } } },
            ],
          },
        },
      }),
      context: undefined,
    });
    expect((await post(statement)).status).toBe(200);
    const read = await get(`statementId=${String(statement['id'])}&format=ids`);
    const { actor, object } = await read.json();
    expect(actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ada.operator@utility.example' });
    expect(object).toEqual({
      objectType: 'SubStatement',
      actor: { objectType: 'Agent', mbox: 'mailto:bea.engineer@utility.example' },
      verb: { id: VERB.attempted },
      object: { id: 'https://vendor.example/modules/breaker-racking' },
      context: {
        instructor: { objectType: 'Agent', mbox: 'mailto:ivy.instructor@utility.example' },
        team: {
          objectType: 'Group',
          member: [{ objectType: 'Agent', mbox: 'mailto:dan@utility.example' }],
        },
        contextActivities: { parent: [{ id: 'https://vendor.example/courses/mv' }] },
      },
    });
  });
});
