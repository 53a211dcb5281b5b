import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { cmi5Api } from '../../helpers/cmi5-api.ts';
import { startAu } from '../../helpers/cmi5-au-client.ts';
import { multiAuPackage, twoAuPackage } from '../../helpers/cmi5-packages.ts';
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
const api = (method: string, path: string, body?: Record<string, unknown> | Uint8Array) =>
  cmi5Api(server.url, launch, method, path, body);
const launchAu = async (course: string, index: number, body: Record<string, unknown>) => {
  const response = await api('POST', `/api/cmi5/courses/${course}/aus/${index}/launches`, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { url: string; registration: string; sessionId: string };
};
/** The verbs of a registration's statements that are not voided, in order. */
const verbsOf = async (registration: string) =>
  (
    await db.$client.execute({
      sql: `SELECT json_extract(s.body, '$.verb.id') AS verb FROM statement_refs r JOIN statements s ON s.seq = r.seq
        WHERE r.kind = 'registration' AND r.ref = ? AND s.is_voided = 0 ORDER BY s.seq`,
      args: [registration],
    })
  ).rows.map((row) => String(row['verb']).split('/').pop());
const registrationOf = async (userId: string, course: string) =>
  String(
    (
      await db.$client.execute({
        sql: 'SELECT id FROM cmi5_registrations WHERE user_id = ? AND course_id = ?',
        args: [userId, course],
      })
    ).rows[0]?.['id'] ?? '',
  );
const waiverPage = (learnerId: string) => `${server.url}/manage/learners/${learnerId}/waivers`;
/** Posts a form of the waiver page as the holder of `cookie`. */
const post = (
  learnerId: string,
  cookie: string,
  fields: Record<string, string>,
  origin = server.url,
) =>
  fetch(waiverPage(learnerId), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Cookie: cookie,
      Origin: origin,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
const countAudit = async (type: string, subject: string) =>
  Number(
    (
      await db.$client.execute({
        sql: 'SELECT count(*) AS n FROM audit_events WHERE type = ? AND subject_id = ?',
        args: [type, subject],
      })
    ).rows[0]?.['n'],
  );

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  launch = addCredential(server.databaseUrl, 'launch');
  for (const [name, bytes] of [
    ['two', twoAuPackage()],
    ['multi', multiAuPackage()],
  ] as const) {
    const response = await api('POST', '/api/cmi5/courses', bytes);
    ids[name] = ((await response.json()) as { id: string }).id;
  }
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

describe('acceptance 3: waivers', () => {
  test('waiving the remaining AU of a two-AU course satisfies it; the waiver and reason are in the evidence CSV', async () => {
    const learner = await addUser(db, { displayName: 'Robin Lineworker' });
    const manager = await addUser(db, { displayName: 'Morgan Manager', role: 'manager' });
    const team = await insertTeam(db, `crew-${Date.now()}`, [learner], [manager]);
    const cookie = `switchyard_session=${await signInAs(db, manager.id)}`;
    const assign = await fetch(`${server.url}/manage/teams/${team.slug}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: cookie,
        Origin: server.url,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        action: 'assign',
        requestId: crypto.randomUUID(),
        item: `course:${ids['two']}`,
        assignee: 'team',
        dueDate: '2099-01-31',
        note: '',
      }),
    });
    expect(assign.status).toBe(303);
    const first = await launchAu(ids['two']!, 0, { actor: agentOf(learner.id) });
    const au = await startAu(first.url);
    expect((await au.send(au.statement('initialized'))).status).toBe(200);
    const completed = await au.send(
      au.statement('completed', { result: { completion: true, duration: 'PT60S' } }),
    );
    expect(completed.status).toBe(200);
    expect(
      (await au.send(au.statement('terminated', { result: { duration: 'PT61S' } }))).status,
    ).toBe(200);
    const waive = await api('POST', `/api/cmi5/registrations/${first.registration}/aus/1/waive`, {
      reason: 'Equivalent Outside Activity',
    });
    expect(waive.status).toBe(200);
    expect(await waive.json()).toMatchObject({ isCourseSatisfied: true });
    expect(
      (
        await api('POST', `/api/cmi5/registrations/${first.registration}/aus/1/waive`, {
          reason: 'Again',
        })
      ).status,
    ).toBe(409);
    const evidence = await (
      await fetch(`${server.url}/manage/teams/${team.slug}/evidence.csv`, {
        headers: { Cookie: cookie },
      })
    ).text();
    const [header, row] = evidence.trim().split('\r\n');
    expect(header).toMatch(/Reported by,Waivers$/);
    expect(row).toContain('Robin Lineworker');
    expect(row).toContain('Completed');
    expect(row).toContain('reported by imported content');
    expect(row).toContain(
      'Step and touch potential: waived, reason ""Equivalent Outside Activity""',
    );
    // The waived course is certified like any completion: its certificate code is in the row.
    expect(row).toMatch(/,[a-z2-7]{5}(-[a-z2-7]{5}){3},/);
  });
});

describe('the manager waiver page', () => {
  test('a manager waives a unit with a reason, sees it, and revokes it; the block it satisfied lapses with it', async () => {
    const learner = await addUser(db, { displayName: 'Jo Relay' });
    const manager = await addUser(db, { displayName: 'Pat Lead', role: 'manager' });
    const team = await insertTeam(db, `relay-${Date.now()}`, [learner], [manager]);
    const cookie = `switchyard_session=${await signInAs(db, manager.id)}`;
    const assign = await fetch(`${server.url}/manage/teams/${team.slug}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: cookie,
        Origin: server.url,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        action: 'assign',
        requestId: crypto.randomUUID(),
        item: `course:${ids['multi']}`,
        assignee: 'team',
        dueDate: '2099-01-31',
        note: '',
      }),
    });
    expect(assign.status).toBe(303);
    const before = await (
      await fetch(waiverPage(learner.id), { headers: { Cookie: cookie } })
    ).text();
    expect(before).toContain('Switching Practice');
    expect(before).toContain('Not started.');
    // "Isolate and earth" (AU 1) is the only unit of the block "Isolation".
    const waived = await post(learner.id, cookie, {
      action: 'waive',
      course: ids['multi']!,
      au: '1',
      category: 'Tested Out',
      reason: 'Passed the isolation practical on 2026-11-03',
    });
    expect(waived.status).toBe(303);
    expect(waived.headers.get('location')).toMatch(/waivers\?notice=Unit%20waived\.$/);
    const registration = await registrationOf(learner.id, ids['multi']!);
    expect(await verbsOf(registration)).toEqual(['waived', 'satisfied']);
    const shown = await (
      await fetch(waiverPage(learner.id), { headers: { Cookie: cookie } })
    ).text();
    expect(shown).toContain('Waived (Tested Out)');
    expect(shown).toContain('“Passed the isolation practical on 2026-11-03” (by Pat Lead,');
    expect(shown).toMatch(/Revoke waiver<span class="visually-hidden"[^>]*> of Isolate and earth/);
    const again = await post(learner.id, cookie, {
      action: 'waive',
      course: ids['multi']!,
      au: '1',
      category: 'Tested Out',
      reason: 'twice',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('is already waived in this registration');

    const revoked = await post(learner.id, cookie, {
      action: 'revoke',
      registration,
      au: '1',
      reason: 'Practical was for another substation',
    });
    expect(revoked.status).toBe(303);
    expect(await verbsOf(registration)).toEqual(['voided', 'voided']);
    expect(await countAudit('cmi5.au-waiver-revoked', learner.id)).toBe(1);
    const after = await (
      await fetch(waiverPage(learner.id), { headers: { Cookie: cookie } })
    ).text();
    expect(after).not.toContain('Waived (Tested Out)');
    const evidence = await (
      await fetch(`${server.url}/manage/teams/${team.slug}/evidence.csv`, {
        headers: { Cookie: cookie },
      })
    ).text();
    const [, row] = evidence.trim().split('\r\n');
    expect(row).toContain(
      'Isolate and earth: waived (Tested Out), reason ""Passed the isolation practical on 2026-11-03"" (by Pat Lead,',
    );
    expect(row).toContain(
      'Isolate and earth: waiver revoked, reason ""Practical was for another substation"" (by Pat Lead,',
    );
    expect(after).toMatch(/Waive<span class="visually-hidden"[^>]*> Isolate and earth/);
  });

  test('only a manager of the learner’s teams or an administrator, from the site itself, with a reason', async () => {
    const learner = await addUser(db, { displayName: 'Lee Meter' });
    const manager = await addUser(db, { displayName: 'Sky Lead', role: 'manager' });
    const stranger = await addUser(db, { displayName: 'Other Lead', role: 'manager' });
    const admin = await addUser(db, { displayName: 'Ada Admin', role: 'admin' });
    await insertTeam(db, `meter-${Date.now()}`, [learner], [manager]);
    await insertTeam(db, `other-${Date.now()}`, [], [stranger]);
    const as = async (userId: string) => `switchyard_session=${await signInAs(db, userId)}`;
    const form = {
      action: 'waive',
      course: ids['two']!,
      au: '0',
      category: 'Equivalent AU',
      reason: 'Took the same unit in the 2025 refresher',
    };
    for (const userId of [learner.id, stranger.id]) {
      const cookie = await as(userId);
      expect((await fetch(waiverPage(learner.id), { headers: { Cookie: cookie } })).status).toBe(
        403,
      );
      expect((await post(learner.id, cookie, form)).status).toBe(403);
    }
    const managerCookie = await as(manager.id);
    const crossSite = await post(learner.id, managerCookie, form, 'https://evil.example');
    expect(crossSite.status).toBe(403);
    const blank = await post(learner.id, managerCookie, { ...form, reason: ' ' });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('Give the reason (at least 3 characters).');
    const unknownKind = await post(learner.id, managerCookie, { ...form, category: 'Because' });
    expect(unknownKind.status).toBe(400);
    expect(await unknownKind.text()).toContain('Choose one of the listed kinds of waiver.');
    expect(await countAudit('cmi5.au-waived', learner.id)).toBe(0);
    expect(await registrationOf(learner.id, ids['two']!)).toBe('');

    const adminCookie = await as(admin.id);
    expect((await post(learner.id, adminCookie, form)).status).toBe(303);
    const done = await post(learner.id, managerCookie, { ...form, au: '1' });
    expect(done.headers.get('location')).toContain(
      encodeURIComponent('the course is now complete'),
    );
    const registration = await registrationOf(learner.id, ids['two']!);
    const certificates = await db.$client.execute({
      sql: 'SELECT code FROM certificates WHERE user_id = ? AND course_id = ?',
      args: [learner.id, ids['two']!],
    });
    expect(certificates.rows).toHaveLength(1);
    // The course is complete with the waivers counted: they stand.
    const revoke = await post(learner.id, managerCookie, {
      action: 'revoke',
      registration,
      au: '1',
      reason: 'Changed my mind',
    });
    expect(revoke.status).toBe(409);
    expect(await revoke.text()).toContain('its completion and certificate stand');
  });
});
