import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { appendToLog } from '../../../src/lib/server/exercises/event-log.ts';
import { insertExercise } from '../../../src/lib/server/exercises/exercise.ts';
import { contentScenario } from '../../helpers/content.ts';
import { ExerciseLogBuilder } from '../../helpers/exercise-log.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { cmi5Api } from '../../helpers/cmi5-api.ts';
import { singleAuPackage } from '../../helpers/cmi5-packages.ts';
import {
  hostileCases,
  type Credentials,
  type HostileCase,
  type Sender,
  type Target,
} from '../../helpers/hostile-requests.ts';
import { insertTeam } from '../../helpers/manage.ts';
import { startTestProvider, type TestProvider } from '../../helpers/oidc-provider.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { sendRaw, type RawResponse } from '../../helpers/raw-http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addCredential } from '../../helpers/xapi.ts';

// Thousands of malformed, oversized, foreign and wrongly-authorised requests over every route
// family on one server: none may answer 5xx or leak a stack trace, and refused writes change nothing.

const CONCURRENCY = 6;
/**
 * Tables a refused request may still touch: sessions, sign-in throttling, audit of refusals and
 * SSO starts. The learning record is not among them: no page writes on GET.
 */
const MAY_CHANGE = new Set([
  'sessions',
  'sign_in_throttles',
  'trusted_devices',
  'audit_events',
  'oidc_sign_in_attempts',
]);
const STACK_TRACE =
  /\bat (?:async )?[\w$.<>\[\] ]+ \((?:file:|node:|\/)[^)]*:\d+:\d+\)|node:internal|\/src\/lib\/server\//;

let provider: TestProvider;
let server: TestServer;
let db: Database;
let credentials: Credentials;
let targets: Target[] = [];

async function tableCounts(): Promise<Map<string, number>> {
  const tables = await db.$client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
  );
  const counts = new Map<string, number>();
  for (const row of tables.rows) {
    const name = String(row['name']);
    const result = await db.$client.execute(`SELECT count(*) AS n FROM "${name}"`);
    counts.set(name, Number(result.rows[0]?.['n']));
  }
  return counts;
}

beforeAll(async () => {
  provider = await startTestProvider();
  server = await startServer({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
  });
  // The CLI blocks this process for seconds; meanwhile the server closes idle pooled connections.
  const xapi = addCredential(server.databaseUrl, 'all');
  const launch = addCredential(server.databaseUrl, 'launch');
  await fetch(`${server.url}/healthz`).catch(() => undefined);
  await provider.registerClient(`${server.url}/auth/oidc/callback`, `${server.url}/`);
  db = await openDatabase({ url: server.databaseUrl });
  const learner = await addUser(db, { role: 'learner' });
  const manager = await addUser(db, { role: 'manager' });
  const admin = await addUser(db, { role: 'admin' });
  const team = await insertTeam(db, 'hostile-team', [learner], [manager]);
  const basic = (c: { key: string; secret: string }) =>
    `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`;
  // On a busy machine the setup above can outlast the server's 5 s keep-alive: a request sent on
  // a pooled connection the server is closing fails with "other side closed". This one may;
  // the import after it then goes out on a fresh connection.
  await fetch(`${server.url}/healthz`).catch(() => undefined);
  const imported = await cmi5Api(
    server.url,
    launch,
    'POST',
    '/api/cmi5/courses',
    singleAuPackage(),
  );
  const course = ((await imported.json()) as { id: string }).id;
  const launched = await cmi5Api(
    server.url,
    launch,
    'POST',
    `/api/cmi5/courses/${course}/aus/0/launches`,
    {
      actor: { objectType: 'Agent', account: { homePage: DEFAULT_RECORD_BASE, name: learner.id } },
    },
  );
  const { url, registration, sessionId } = (await launched.json()) as {
    url: string;
    registration: string;
    sessionId: string;
  };
  const fetchPath = new URL(new URL(url).searchParams.get('fetch') ?? '/cmi5/fetch/x').pathname;
  const contentPath = new URL(url).pathname;
  const exercise = await insertExercise(db, {
    scenarioId: 'joint-isolate-t1',
    createdBy: manager.id,
    participants: [{ userId: learner.id, role: 'field' }],
  });
  // A played exercise (an inject, a pause, a note, the end), so the review replays a real log.
  const played = await insertExercise(db, {
    scenarioId: 'joint-isolate-t1',
    createdBy: manager.id,
    participants: [{ userId: learner.id, role: 'field' }],
  });
  const joint = contentScenario('joint-isolate-t1');
  const script = new ExerciseLogBuilder(joint.substation, joint.scenario);
  script.add('field', { kind: 'join', name: 'Field' });
  script.add('observer', { kind: 'inject', inject: 'telemetry-lost' });
  script.add('observer', { kind: 'pause', text: 'Hold' });
  script.add('observer', { kind: 'note', text: 'Noted' });
  script.add('observer', { kind: 'end' });
  for (const entry of script.log)
    await appendToLog(db, played.id, {
      ...entry,
      userId: entry.role === 'field' ? learner.id : manager.id,
    });
  credentials = {
    cookies: {
      learner: await signInAs(db, learner.id),
      manager: await signInAs(db, manager.id),
      admin: await signInAs(db, admin.id),
    },
    basic: { xapi: basic(xapi), launch: basic(launch) },
    origin: server.url,
    host: new URL(server.url).host,
  };
  const people: Sender[] = ['anonymous', 'learner', 'manager', 'admin'];
  const staff: Sender[] = ['anonymous', 'learner', 'admin'];
  const machines: Sender[] = ['anonymous', 'xapi', 'learner'];
  const lab = '/api/labs/sql-for-grid-data/filter-and-aggregate';
  targets = [
    ...[
      '/',
      '/courses',
      '/courses/sql-for-grid-data',
      '/courses/sql-for-grid-data/filter-and-aggregate',
      '/tracks/data-analytics',
      '/learn',
      '/account',
      '/no/such/page',
      '/setup',
      '/set-password',
    ].map((path): Target => ({
      family: 'pages',
      method: 'GET',
      path,
      senders: ['anonymous', 'learner'],
    })),
    ...['/login', '/account', '/setup', '/set-password', '/logout'].map((path): Target => ({
      family: 'auth',
      method: 'POST',
      path,
      body: 'form',
      senders: ['anonymous', 'learner'],
    })),
    { family: 'auth', method: 'GET', path: '/login', senders: ['anonymous', 'learner'] },
    { family: 'labs', method: 'POST', path: lab, body: 'json', senders: ['anonymous', 'learner'] },
    {
      family: 'labs',
      method: 'POST',
      path: '/api/labs/no-course/no-lesson',
      body: 'json',
      senders: ['learner'],
    },
    {
      family: 'datasets',
      method: 'GET',
      path: '/api/labs/datasets/alarm-log',
      senders: ['anonymous'],
    },
    {
      family: 'datasets',
      method: 'GET',
      path: '/api/labs/datasets/pv-plant+scada-week',
      senders: ['anonymous'],
    },
    {
      family: 'sims',
      method: 'POST',
      path: '/api/sims/isolate-t1/attempts',
      body: 'json',
      senders: ['anonymous', 'learner'],
    },
    { family: 'sims', method: 'GET', path: '/sims/isolate-t1', senders: ['anonymous', 'learner'] },
    { family: 'sims', method: 'GET', path: '/sims/isolate-t1/2d', senders: ['learner'] },
    {
      family: 'certificates',
      method: 'GET',
      path: '/certificates/SY-0000-0000',
      senders: ['anonymous'],
    },
    {
      family: 'certificates',
      method: 'GET',
      path: `/certificates/${'Z'.repeat(300)}`,
      senders: ['learner'],
    },
    ...['statements', 'activities/state', 'activities/profile', 'agents/profile'].flatMap(
      (resource): Target[] => [
        { family: 'xapi', method: 'GET', path: `/xapi/${resource}`, senders: machines },
        {
          family: 'xapi',
          method: 'PUT',
          path: `/xapi/${resource}`,
          body: resource === 'statements' ? 'json' : 'document',
          senders: machines,
        },
        {
          family: 'xapi',
          method: 'POST',
          path: `/xapi/${resource}`,
          body: resource === 'statements' ? 'multipart' : 'document',
          senders: machines,
        },
      ],
    ),
    { family: 'xapi', method: 'DELETE', path: '/xapi/activities/state', senders: machines },
    ...['activities', 'agents', 'about'].map((resource): Target => ({
      family: 'xapi',
      method: 'GET',
      path: `/xapi/${resource}`,
      senders: machines,
    })),
    {
      family: 'cmi5',
      method: 'POST',
      path: '/api/cmi5/courses',
      body: 'zip',
      senders: ['launch', 'xapi'],
    },
    { family: 'cmi5', method: 'POST', path: '/api/cmi5/courses', body: 'xml', senders: ['launch'] },
    {
      family: 'cmi5',
      method: 'DELETE',
      path: `/api/cmi5/courses/${crypto.randomUUID()}`,
      senders: ['launch', 'anonymous'],
    },
    {
      family: 'cmi5',
      method: 'POST',
      path: `/api/cmi5/courses/${course}/aus/99/launches`,
      body: 'json',
      senders: ['launch', 'learner'],
    },
    {
      family: 'cmi5',
      method: 'POST',
      path: `/api/cmi5/registrations/${registration}/aus/0/waive`,
      body: 'json',
      senders: ['launch'],
    },
    {
      family: 'cmi5',
      method: 'POST',
      path: `/api/cmi5/sessions/${crypto.randomUUID()}/abandon`,
      body: 'json',
      senders: ['launch'],
    },
    { family: 'cmi5', method: 'POST', path: `${fetchPath}x`, senders: ['anonymous'] },
    { family: 'cmi5', method: 'GET', path: `/cmi5/courses/${course}`, senders: ['learner'] },
    {
      family: 'cmi5',
      method: 'GET',
      path: `/cmi5/courses/${course}/launch`,
      senders: ['anonymous', 'manager'],
    },
    { family: 'cmi5', method: 'GET', path: contentPath, senders: ['anonymous'] },
    { family: 'sso', method: 'GET', path: '/auth/oidc/start', senders: ['anonymous'] },
    {
      family: 'sso',
      method: 'GET',
      path: '/auth/oidc/callback',
      senders: ['anonymous', 'learner'],
    },
    { family: 'sso', method: 'GET', path: '/auth/oidc/signed-out', senders: ['anonymous'] },
    {
      family: 'exercises',
      method: 'GET',
      path: `/exercises/${exercise.id}/live`,
      isUpgrade: true,
      senders: ['anonymous', 'manager', 'admin'],
    },
    {
      family: 'exercises',
      method: 'GET',
      path: `/exercises/${crypto.randomUUID()}/live`,
      isUpgrade: true,
      senders: ['learner'],
    },
    {
      family: 'exercises',
      method: 'POST',
      path: '/exercises',
      body: 'form',
      senders: ['learner', 'manager'],
    },
    { family: 'exercises', method: 'GET', path: `/exercises/${exercise.id}`, senders: ['manager'] },
    // The participant's page, the console, the review and watch-again, with their form posts.
    ...[
      `/exercises/${exercise.id}`,
      `/exercises/${exercise.id}/console`,
      `/exercises/${exercise.id}/review`,
      `/exercises/${played.id}/review`,
      `/exercises/${played.id}/console`,
      `/exercises/${played.id}/watch`,
      `/exercises/${crypto.randomUUID()}/review`,
      `/exercises/${'f'.repeat(36)}/console`,
    ].flatMap((path): Target[] => [
      { family: 'exercises', method: 'GET', path, senders: ['learner', 'anonymous', 'manager'] },
      { family: 'exercises', method: 'POST', path, body: 'form', senders: ['manager', 'learner'] },
    ]),
    { family: 'exercises', method: 'GET', path: '/exercises', senders: ['learner', 'anonymous'] },
    // The instructor console's socket: the field operator and strangers may not open it.
    {
      family: 'exercises',
      method: 'GET',
      path: `/exercises/${exercise.id}/console/live`,
      isUpgrade: true,
      senders: ['learner', 'anonymous'],
    },
    {
      family: 'exercises',
      method: 'GET',
      path: `/exercises/${crypto.randomUUID()}/console/live`,
      isUpgrade: true,
      senders: ['manager'],
    },
    // A learner's waivers, where a manager waives or revokes a requirement.
    {
      family: 'manage',
      method: 'GET',
      path: `/manage/learners/${learner.id}/waivers`,
      senders: people,
    },
    {
      family: 'manage',
      method: 'POST',
      path: `/manage/learners/${learner.id}/waivers`,
      body: 'form',
      senders: ['manager', 'learner'],
    },
    ...[
      '/admin/users',
      `/admin/users/${learner.id}`,
      '/admin/teams',
      `/admin/teams/${team.slug}`,
      '/admin/sso',
    ].flatMap((path): Target[] => [
      { family: 'admin', method: 'GET', path, senders: staff },
      { family: 'admin', method: 'POST', path, body: 'form', senders: staff },
    ]),
    { family: 'admin', method: 'GET', path: '/admin/audit', senders: staff },
    ...[
      '/manage',
      `/manage/teams/${team.slug}`,
      `/manage/learners/${learner.id}`,
      '/manage/imported-courses',
    ].flatMap((path): Target[] => [
      { family: 'manage', method: 'GET', path, senders: people },
      {
        family: 'manage',
        method: 'POST',
        path,
        body: path.endsWith('courses') ? 'zip' : 'form',
        senders: ['learner', 'manager'],
      },
    ]),
    ...['evidence.csv', 'matrix.csv'].map((file): Target => ({
      family: 'manage',
      method: 'GET',
      path: `/manage/teams/${team.slug}/${file}`,
      senders: people,
    })),
  ];
  void sessionId;
}, 120_000);

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
  await provider?.close();
});

async function runAll(
  cases: HostileCase[],
): Promise<{ hostile: HostileCase; response: RawResponse }[]> {
  const results: { hostile: HostileCase; response: RawResponse }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const hostile = cases[next++]!;
      results.push({ hostile, response: await sendRaw(server.port, hostile.request) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe('hostile requests over every route family', () => {
  test('none answers 5xx or shows a stack trace, and refused writes change nothing', async () => {
    const cases = targets.flatMap((target) =>
      target.senders.flatMap((sender) => hostileCases(target, sender, credentials)),
    );
    const before = await tableCounts();
    const started = performance.now();
    const results = await runAll(cases);
    const seconds = (performance.now() - started) / 1000;
    const byFamily = new Map<string, Record<string, number>>();
    for (const { hostile, response } of results) {
      const counts = byFamily.get(hostile.family) ?? {
        requests: 0,
        '2xx': 0,
        '3xx': 0,
        '4xx': 0,
        '5xx': 0,
        closed: 0,
      };
      counts.requests = (counts.requests ?? 0) + 1;
      const key = response.status === 0 ? 'closed' : `${String(response.status)[0]}xx`;
      counts[key] = (counts[key] ?? 0) + 1;
      byFamily.set(hostile.family, counts);
    }
    console.log(`${results.length} hostile requests in ${seconds.toFixed(1)} s`);
    console.table(Object.fromEntries([...byFamily].sort()));
    const failures = results
      .filter(
        ({ hostile, response }) =>
          response.status >= 500 ||
          STACK_TRACE.test(response.body) ||
          (response.status === 0 && !hostile.mayClose) ||
          // No sender here is a participant of the exercise, so no socket may open.
          response.status === 101,
      )
      .map(
        ({ hostile, response }) =>
          `${response.status} ${hostile.name} ${response.body.slice(0, 200)}`,
      );
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(2_000);
    expect([...byFamily.keys()].sort()).toEqual([
      'admin',
      'auth',
      'certificates',
      'cmi5',
      'datasets',
      'exercises',
      'labs',
      'manage',
      'pages',
      'sims',
      'sso',
      'xapi',
    ]);
    const after = await tableCounts();
    const changed = [...after]
      .filter(([name, count]) => !MAY_CHANGE.has(name) && before.get(name) !== count)
      .map(([name, count]) => `${name}: ${before.get(name)} -> ${count}`);
    expect(changed).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
