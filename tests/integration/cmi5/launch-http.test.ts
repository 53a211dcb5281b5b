import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { cmi5Api } from '../../helpers/cmi5-api.ts';
import { startAu } from '../../helpers/cmi5-au-client.ts';
import { masteryPackage, singleAuPackage, twoAuPackage } from '../../helpers/cmi5-packages.ts';
import { insertTeam } from '../../helpers/manage.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addCredential, type Credential } from '../../helpers/xapi.ts';

let server: TestServer;
let db: Database;
let launch: Credential;
const ids: Record<string, string> = {};
const agentOf = (userId: string) => ({
  objectType: 'Agent',
  account: { homePage: DEFAULT_RECORD_BASE, name: userId },
});
const external = (name: string) => ({
  objectType: 'Agent',
  account: { homePage: 'https://hr.utility.example', name },
});
const api = (method: string, path: string, body?: Record<string, unknown> | Uint8Array) =>
  cmi5Api(server.url, launch, method, path, body);
const launchAu = async (course: string, index: number, body: Record<string, unknown>) => {
  const response = await api('POST', `/api/cmi5/courses/${course}/aus/${index}/launches`, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { url: string; registration: string; sessionId: string };
};
const verbsOf = async (registration: string) =>
  (
    await db.$client.execute({
      sql: `SELECT json_extract(s.body, '$.verb.id') AS verb FROM statement_refs r JOIN statements s ON s.seq = r.seq
        WHERE r.kind = 'registration' AND r.ref = ? ORDER BY s.seq`,
      args: [registration],
    })
  ).rows.map((row) => String(row['verb']).split('/').pop());

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  launch = addCredential(server.databaseUrl, 'launch');
  for (const [name, bytes] of [
    ['single', singleAuPackage('Arc Flash Awareness')],
    ['mastery', masteryPackage()],
    ['two', twoAuPackage()],
  ] as const) {
    const response = await api('POST', '/api/cmi5/courses', bytes);
    ids[name] = ((await response.json()) as { id: string }).id;
  }
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

describe('launch', () => {
  test('records launched and LMS.LaunchData before the AU loads; the URL carries the five parameters', async () => {
    const launched = await launchAu(ids['mastery']!, 0, { actor: external('hr-1001') });
    const params = new URL(launched.url).searchParams;
    expect([...params.keys()].sort()).toEqual([
      'activityId',
      'actor',
      'endpoint',
      'fetch',
      'registration',
    ]);
    expect(params.get('activityId')).not.toMatch(/vendor\.example/);
    expect(await verbsOf(launched.registration)).toEqual(['launched']);
    const au = await startAu(launched.url);
    expect(au.stateStatus).toBe(200);
    expect(au.launchData).toMatchObject({
      launchMode: 'Normal',
      moveOn: 'Passed',
      masteryScore: 0.75,
      launchParameters: 'score=0.9',
      contextTemplate: {
        extensions: {
          'https://w3id.org/xapi/cmi5/context/extensions/sessionid': launched.sessionId,
        },
      },
    });
    const preferences = await fetch(
      `${au.launch.endpoint}agents/profile?agent=${encodeURIComponent(JSON.stringify(au.launch.actor))}&profileId=cmi5LearnerPreferences`,
      { headers: au.headers },
    );
    expect(await preferences.json()).toMatchObject({ languagePreference: 'en-US' });
  });

  test('acceptance 4: a fetch URL used twice answers error code 1, as cmi5 8.2.3 prescribes', async () => {
    const launched = await launchAu(ids['single']!, 0, { actor: external('hr-1002') });
    const fetchUrl = new URL(launched.url).searchParams.get('fetch') ?? '';
    const first = await fetch(fetchUrl, { method: 'POST' });
    expect(first.status).toBe(200);
    expect(Object.keys(await first.json())).toEqual(['auth-token']);
    const second = await fetch(fetchUrl, { method: 'POST' });
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toMatch(/application\/json/);
    expect(await second.json()).toEqual({
      'error-code': '1',
      'error-text': 'The authorization token has already been returned.',
    });
  });
});

describe('the statement rules of cmi5', () => {
  test('initialized first, pass against the mastery score, once per registration, nothing after terminated', async () => {
    const launched = await launchAu(ids['mastery']!, 0, { actor: external('hr-1003') });
    const au = await startAu(launched.url);
    const mastery = { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 0.75 };
    const passed = (scaled: number) =>
      au.statement('passed', {
        result: { success: true, score: { scaled }, duration: 'PT5S' },
        context: {
          ...au.launchData.contextTemplate,
          registration: au.launch.registration,
          extensions: { ...au.launchData.contextTemplate.extensions, ...mastery },
          contextActivities: {
            ...au.launchData.contextTemplate.contextActivities,
            category: [
              { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' },
              { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' },
            ],
          },
        },
      });
    const early = await au.send(passed(0.9));
    expect(early.status).toBe(403);
    expect((await early.json()).error ?? '').toMatch(/initialized.*first/);
    expect((await au.send(au.statement('initialized'))).status).toBe(200);
    const low = await au.send(passed(0.5));
    expect(low.status).toBe(403);
    expect(JSON.stringify(await low.json())).toMatch(/at least the mastery score 0.75/);
    expect((await au.send(passed(0.9))).status).toBe(200);
    const again = await au.send(passed(0.95));
    expect(again.status).toBe(403);
    expect(
      (await au.send(au.statement('terminated', { result: { duration: 'PT9S' } }))).status,
    ).toBe(200);
    // The token lasts as long as the session (cmi5 8.2.1): after terminated it is refused.
    const after = await au.send(au.statement('experienced'));
    expect(after.status).toBe(401);
    expect(JSON.stringify(await after.json())).toMatch(/session has ended/);
    expect(await verbsOf(launched.registration)).toEqual([
      'launched',
      'initialized',
      'passed',
      'satisfied',
      'completed',
      'terminated',
    ]);
  });

  test('a statement without the session id is refused', async () => {
    const launched = await launchAu(ids['single']!, 0, { actor: external('hr-1004') });
    const au = await startAu(launched.url);
    const bare = au.statement('initialized');
    bare.context = {
      registration: au.launch.registration,
      contextActivities: bare.context.contextActivities,
    } as never;
    const response = await au.send(bare);
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toMatch(/session id/);
  });

  test('Review mode cannot complete anything', async () => {
    const launched = await launchAu(ids['two']!, 0, {
      actor: external('hr-1005'),
      launchMode: 'Review',
    });
    const au = await startAu(launched.url);
    expect(au.launchData.launchMode).toBe('Review');
    expect((await au.send(au.statement('initialized'))).status).toBe(200);
    const completed = await au.send(
      au.statement('completed', { result: { completion: true, duration: 'PT3S' } }),
    );
    expect(completed.status).toBe(403);
    expect(JSON.stringify(await completed.json())).toMatch(/Review mode/);
  });

  test('acceptance 4: a token cannot write another learner’s statements or state (403)', async () => {
    const mine = await launchAu(ids['single']!, 0, { actor: external('hr-2001') });
    const theirs = await launchAu(ids['single']!, 0, { actor: external('hr-2002') });
    const au = await startAu(mine.url);
    const other = await startAu(theirs.url);
    const forged = { ...other.statement('initialized') };
    const asOther = await au.send(forged);
    expect(asOther.status).toBe(403);
    const otherRegistration = au.statement('initialized');
    otherRegistration.context = { ...otherRegistration.context, registration: theirs.registration };
    expect((await au.send(otherRegistration)).status).toBe(403);
    const query = new URLSearchParams({
      stateId: 'bookmark',
      activityId: other.launch.activityId,
      agent: JSON.stringify(other.launch.actor),
      registration: theirs.registration,
    });
    const state = await fetch(`${au.launch.endpoint}activities/state?${query}`, {
      method: 'PUT',
      headers: { ...au.headers, 'Content-Type': 'application/json' },
      body: '{"page":3}',
    });
    expect(state.status).toBe(403);
    const launchData = new URLSearchParams({
      stateId: 'LMS.LaunchData',
      activityId: au.launch.activityId,
      agent: JSON.stringify(au.launch.actor),
      registration: mine.registration,
    });
    const overwrite = await fetch(`${au.launch.endpoint}activities/state?${launchData}`, {
      method: 'PUT',
      headers: { ...au.headers, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(overwrite.status).toBe(403);
  });
});

describe('certificates of imported courses', () => {
  test('passing the AU satisfies the course and issues its certificate in the same transaction, shown to the learner, the public and the evidence CSV', async () => {
    const learner = await addUser(db, { displayName: 'Kim Switchman' });
    const manager = await addUser(db, { displayName: 'Ana Supervisor', role: 'manager' });
    const team = await insertTeam(db, `cert-${Date.now()}`, [learner], [manager]);
    const managerCookie = `switchyard_session=${await signInAs(db, manager.id)}`;
    const assign = await fetch(`${server.url}/manage/teams/${team.slug}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: managerCookie,
        Origin: server.url,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        action: 'assign',
        requestId: crypto.randomUUID(),
        item: `course:${ids['single']}`,
        assignee: 'team',
        dueDate: '2099-01-31',
        note: '',
      }),
    });
    expect(assign.status).toBe(303);
    const launched = await launchAu(ids['single']!, 0, { actor: agentOf(learner.id) });
    const au = await startAu(launched.url);
    expect((await au.send(au.statement('initialized'))).status).toBe(200);
    const passed = await au.send(
      au.statement('passed', { result: { success: true, duration: 'PT30S' } }),
    );
    expect(passed.status).toBe(200);
    const rows = (
      await db.$client.execute({
        sql: `SELECT c.code, c.issued_at, c.holder_name, c.course_title, c.course_version, s.verb,
            json_extract(s.body, '$.authority.account.name') AS authority, k.last_completed_at, k.reported_by
          FROM certificates c JOIN statements s ON s.id = c.statement_id
          JOIN completions k ON k.user_id = c.user_id AND k.activity_id = s.object_id
          WHERE c.user_id = ? AND c.course_id = ?`,
        args: [learner.id, ids['single']!],
      })
    ).rows;
    expect(rows).toHaveLength(1);
    const certificate = rows[0]!;
    expect(certificate).toMatchObject({
      holder_name: 'Kim Switchman',
      course_title: 'Arc Flash Awareness',
      course_version: '1',
      verb: 'http://adlnet.gov/expapi/verbs/completed',
      authority: 'imported-content',
      reported_by: 'imported-content',
    });
    // One transaction, one server clock: the completion and its certificate carry the same instant.
    expect(Number(certificate['issued_at'])).toBe(Number(certificate['last_completed_at']));
    const code = String(certificate['code']);
    expect(await verbsOf(launched.registration)).toEqual([
      'launched',
      'initialized',
      'passed',
      'satisfied',
    ]);
    // The AU terminates and launches again: nothing is satisfied or certified twice.
    expect(
      (await au.send(au.statement('terminated', { result: { duration: 'PT31S' } }))).status,
    ).toBe(200);
    const again = await launchAu(ids['single']!, 0, { actor: agentOf(learner.id) });
    expect(again.registration).toBe(launched.registration);
    const count = await db.$client.execute({
      sql: 'SELECT count(*) AS n FROM certificates WHERE user_id = ?',
      args: [learner.id],
    });
    expect(Number(count.rows[0]?.['n'])).toBe(1);

    const learnerCookie = `switchyard_session=${await signInAs(db, learner.id)}`;
    const home = await (
      await fetch(`${server.url}/learn`, { headers: { Cookie: learnerCookie } })
    ).text();
    expect(home).toContain(`href="/certificates/${code}"`);
    expect(home).toMatch(
      /Arc Flash Awareness\s*<\/a>\s*<span class="muted"[^>]*>\s*\(reported by imported content\)/,
    );
    const verify = await fetch(`${server.url}/certificates/${code}`);
    expect(verify.status).toBe(200);
    const page = await verify.text();
    expect(page).toContain('Kim Switchman');
    expect(page).toContain('Arc Flash Awareness');
    expect(page).toMatch(
      /data-testid="certificate-reported-by"[^>]*>\s*reported by imported content/,
    );
    const evidence = await (
      await fetch(`${server.url}/manage/teams/${team.slug}/evidence.csv`, {
        headers: { Cookie: managerCookie },
      })
    ).text();
    const [, row] = evidence.trim().split('\r\n');
    expect(row).toContain('Kim Switchman');
    expect(row).toContain(code);
    expect(row).toContain('reported by imported content');
  });
});

describe('learner preferences', () => {
  test('the learner sets language and audio on the account page; units read them from cmi5LearnerPreferences and may not change them', async () => {
    const learner = await addUser(db, { displayName: 'Noor Linesman' });
    const cookie = `switchyard_session=${await signInAs(db, learner.id)}`;
    const save = (fields: Record<string, string>) =>
      fetch(`${server.url}/account`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Cookie: cookie,
          Origin: server.url,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ action: 'preferences', ...fields }),
      });
    const saved = await save({ languagePreference: 'fr-CA, en-US', audioPreference: 'off' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account?saved=preferences');
    const refused = await save({ languagePreference: 'french please', audioPreference: 'on' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Give languages as tags such as en-US or fr-CA');
    const page = await (
      await fetch(`${server.url}/account`, { headers: { Cookie: cookie } })
    ).text();
    expect(page).toMatch(/id="languagePreference"[^>]*value="fr-CA,en-US"/);
    expect(page).toMatch(/value="off"[^>]*checked/);

    const launched = await launchAu(ids['single']!, 0, { actor: agentOf(learner.id) });
    const au = await startAu(launched.url);
    const url = `${au.launch.endpoint}agents/profile?agent=${encodeURIComponent(JSON.stringify(au.launch.actor))}&profileId=cmi5LearnerPreferences`;
    const read = await fetch(url, { headers: au.headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      languagePreference: 'fr-CA,en-US',
      audioPreference: 'off',
    });
    const write = await fetch(url, {
      method: 'PUT',
      headers: { ...au.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ languagePreference: 'de-DE', audioPreference: 'on' }),
    });
    expect(write.status).toBe(403);
    expect(await (await fetch(url, { headers: au.headers })).json()).toEqual({
      languagePreference: 'fr-CA,en-US',
      audioPreference: 'off',
    });
  });
});

describe('abandoned sessions', () => {
  test('the next launch abandons a session left open; the API abandons one too', async () => {
    const first = await launchAu(ids['single']!, 0, { actor: external('hr-3001') });
    const au = await startAu(first.url);
    expect((await au.send(au.statement('initialized'))).status).toBe(200);
    const second = await launchAu(ids['single']!, 0, { actor: external('hr-3001') });
    expect(second.registration).toBe(first.registration);
    expect(await verbsOf(first.registration)).toEqual([
      'launched',
      'initialized',
      'abandoned',
      'launched',
    ]);
    expect((await au.send(au.statement('experienced'))).status).toBe(401);
    const abandon = await api('POST', `/api/cmi5/sessions/${second.sessionId}/abandon`);
    expect(abandon.status).toBe(200);
    expect((await api('POST', `/api/cmi5/sessions/${second.sessionId}/abandon`)).status).toBe(409);
  });
});
