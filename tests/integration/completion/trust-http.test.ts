import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { assignments } from '../../../db/schema.ts';
import { VERDICT_RESULT_FIELDS, VERDICT_VERBS } from '../../../src/lib/server/completion/trust.ts';
import { DEFAULT_RECORD_BASE } from '../../../src/lib/server/learning-record/record-base.ts';
import { createXapiCredential } from '../../../src/lib/server/xapi-credentials/credentials.ts';
import { readMarkdown } from '../../helpers/content.ts';
import { insertTeam } from '../../helpers/manage.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { xapiFetch, type Credential } from '../../helpers/xapi.ts';
import { perfectLog } from '../../unit/sim/fixtures.ts';

/**
 * The trust model over HTTP: no statement a learner's browser or an xAPI credential sends about a
 * Switchyard activity changes graded state anywhere a person looks, while the learner passing a
 * check through the lesson form does.
 */

const BASE = DEFAULT_RECORD_BASE;
const CIP = 'cip-004-role-based-training';
const LESSON = 'cip-004-and-you';
const KINDS = {
  lesson: `${BASE}/courses/${CIP}/${LESSON}`,
  check: `${BASE}/courses/${CIP}/${LESSON}#check`,
  lab: `${BASE}/courses/sql-for-grid-data/filter-and-aggregate#lab`,
  simulation: `${BASE}/sims/isolate-t1`,
  course: `${BASE}/courses/${CIP}`,
  track: `${BASE}/tracks/ot-cybersecurity`,
} as const;
const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';
const FAR_FUTURE = '2099-06-01T00:00:00.000Z';

let server: TestServer;
let db: Database;
let learner: { id: string; displayName: string; cookie: string };
let managerCookie: string;
const credentials: Partial<Record<'read' | 'write' | 'all', Credential>> = {};
let teamSlug: string;

/** One forged claim: a verb, or a result field, about one activity. */
interface Claim {
  kind: string;
  id: string;
  what: string;
  verb: string;
  result?: Record<string, unknown>;
}

/** Every verdict verb and every verdict result field, about every kind of Switchyard activity. */
const CLAIMS: Claim[] = Object.entries(KINDS).flatMap(([kind, id]): Claim[] => [
  ...VERDICT_VERBS.map((verb) => ({ kind, id, what: `verb ${verb.name}`, verb: verb.id })),
  ...VERDICT_RESULT_FIELDS.map((entry) => ({
    kind,
    id,
    what: `result.${entry.field}`,
    verb: EXPERIENCED,
    result: { [entry.field]: entry.field === 'score' ? { scaled: 1 } : true },
  })),
]);

function claim(entry: Claim) {
  return {
    id: crypto.randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: BASE, name: learner.id } },
    verb: { id: entry.verb },
    object: { objectType: 'Activity', id: entry.id },
    ...(entry.result ? { result: entry.result } : {}),
    timestamp: FAR_FUTURE,
  };
}

const page = async (path: string, cookie: string): Promise<string> => {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
  expect(response.status, path).toBe(200);
  // Per-response values (CSP nonces) are not state.
  return (await response.text()).replace(/nonce="[^"]*"/g, '');
};

/** Everything graded a person can see about the learner. */
async function graded() {
  const rows = await db.$client.execute({
    sql: `SELECT activity_id, status, best_score, last_completed_at FROM completions
      WHERE user_id = ? ORDER BY activity_id`,
    args: [learner.id],
  });
  const certificates = await db.$client.execute('SELECT count(*) AS n FROM certificates');
  return {
    completions: rows.rows.map((row) => ({ ...row })),
    certificates: Number(certificates.rows[0]?.['n']),
    learn: await page('/learn', learner.cookie),
    course: await page(`/courses/${CIP}`, learner.cookie),
    matrix: await page(`/manage/teams/${teamSlug}/matrix.csv`, managerCookie),
    evidence: await page(`/manage/teams/${teamSlug}/evidence.csv`, managerCookie),
  };
}

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  const user = await addUser(db, { displayName: 'Lee Learner' });
  learner = {
    id: user.id,
    displayName: user.displayName,
    cookie: `switchyard_session=${await signInAs(db, user.id)}`,
  };
  const manager = await addUser(db, { displayName: 'Mo Manager', role: 'manager' });
  managerCookie = `switchyard_session=${await signInAs(db, manager.id)}`;
  teamSlug = `trust-${Date.now()}`;
  const team = await insertTeam(db, teamSlug, [user], [manager]);
  const assign = (itemType: 'course' | 'track' | 'scenario', itemId: string) => ({
    id: crypto.randomUUID(),
    itemType,
    itemId,
    teamId: team.id,
    userId: null,
    dueDate: '2030-01-31',
    recurrenceMonths: itemType === 'course' ? 15 : null,
    note: '',
    createdBy: manager.id,
    createdAt: Date.now(),
    archivedAt: null,
  });
  await db
    .insert(assignments)
    .values([
      assign('course', CIP),
      assign('track', 'ot-cybersecurity'),
      assign('scenario', 'isolate-t1'),
    ]);
  for (const scope of ['read', 'write', 'all'] as const) {
    credentials[scope] = await createXapiCredential(db, { name: `feed ${scope}`, scope });
  }
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

describe('graded state comes only from Switchyard graders', () => {
  test('no forged verdict, completion or score changes progress, /learn, the course page, the matrix, the CSVs or certificates; a check passed through the form does', async () => {
    const before = await graded();
    expect(await graded()).toEqual(before);

    // A learner's browser: each claim alone, each refused with a reason a person can act on.
    for (const entry of CLAIMS) {
      const statement = claim(entry);
      const response = await xapiFetch(server.url, 'POST', '/xapi/statements', {
        cookie: learner.cookie,
        body: statement,
      });
      const text = await response.text();
      expect(response.status, `${entry.what} about a ${entry.kind}: ${text}`).toBe(403);
      const { error } = JSON.parse(text) as { error: string };
      expect(error).toContain("recorded only by Switchyard's server");
      expect(error).toContain(entry.id);
    }

    // xAPI credentials of each scope: read may not write; write and all are stored, never counted.
    const batch = CLAIMS.map(claim);
    const read = await xapiFetch(server.url, 'POST', '/xapi/statements', {
      credential: credentials.read!,
      body: batch,
    });
    expect(read.status).toBe(403);
    for (const scope of ['write', 'all'] as const) {
      const stored = await xapiFetch(server.url, 'POST', '/xapi/statements', {
        credential: credentials[scope]!,
        body: CLAIMS.map(claim),
      });
      expect(stored.status, scope).toBe(200);
      expect((await stored.json()) as string[]).toHaveLength(CLAIMS.length);
    }
    const stored = await db.$client.execute({
      sql: 'SELECT count(*) AS n FROM statements WHERE user_id = ?',
      args: [learner.id],
    });
    expect(Number(stored.rows[0]?.['n'])).toBe(2 * CLAIMS.length);

    expect(await graded()).toEqual(before);

    // The control: the learner answers the lesson's check correctly through the form.
    const { data } = readMarkdown(`content/courses/${CIP}/01-${LESSON}.md`);
    const fields = new URLSearchParams({ action: 'check' });
    for (const question of data['check'].questions as { id: string; answer: number[] }[]) {
      for (const index of question.answer) fields.append(`q-${question.id}`, String(index));
    }
    const response = await fetch(`${server.url}/courses/${CIP}/${LESSON}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: learner.cookie,
        origin: server.url,
      },
      body: fields,
    });
    expect(response.status).toBe(303);
    const after = await graded();
    expect(after.completions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ activity_id: KINDS.check, status: 'passed' }),
      ]),
    );
    expect(after.course).not.toEqual(before.course);
    expect(after.learn).not.toEqual(before.learn);
    expect(after.certificates).toBe(before.certificates);
  }, 240_000);

  test('a simulation attempt claiming a start in 9999 or before the account existed is refused, and no export holds a future date', async () => {
    const attempt = (startedAt: string) =>
      fetch(`${server.url}/api/sims/isolate-t1/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, cookie: learner.cookie },
        body: JSON.stringify({
          attemptId: crypto.randomUUID(),
          startedAt,
          actions: perfectLog('isolate-t1'),
        }),
      });
    const future = await attempt('9999-12-31T23:59:59Z');
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: string }).error).toMatch(/in the future/);
    const early = await attempt('2001-01-01T00:00:00Z');
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: string }).error).toMatch(
      /before this account existed/,
    );

    const passed = await attempt(new Date().toISOString());
    expect(passed.status).toBe(201);
    const { evidence, matrix } = await graded();
    // Every exact time in the evidence (completion times) is the server's, so none lies ahead.
    const times = [...evidence.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g)].map(
      (m) => Date.parse(m[0]),
    );
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toBeLessThanOrEqual(Date.now());
    expect(`${matrix}\n${evidence}`).not.toMatch(/2099|9999/);
  }, 120_000);
});

describe('a lesson page writes nothing on GET; its script posts the visit', () => {
  const COURSE = 'sql-for-grid-data';
  const path = `/courses/${COURSE}/filter-and-aggregate`;
  const UNREADABLE = 'That form could not be read. Reload the page and try again.';

  /** A learner who has not touched the course yet, with a session cookie. */
  async function newReader(displayName: string): Promise<{ id: string; cookie: string }> {
    const reader = await addUser(db, { displayName });
    return { id: reader.id, cookie: `switchyard_session=${await signInAs(db, reader.id)}` };
  }

  /** What a visit could change: the record, the learner's statements and completions, what their pages show. */
  async function recordOf(reader: { id: string; cookie: string }) {
    const count = async (sql: string, args: string[] = []): Promise<number> =>
      Number((await db.$client.execute({ sql, args })).rows[0]?.['n']);
    const verbs = await db.$client.execute({
      sql: 'SELECT verb FROM statements WHERE user_id = ? ORDER BY seq',
      args: [reader.id],
    });
    const course = await page(`/courses/${COURSE}`, reader.cookie);
    const lesson = await page(path, reader.cookie);
    return {
      allStatements: await count('SELECT count(*) AS n FROM statements'),
      verbs: verbs.rows.map((row) => String(row['verb']).split('/').pop()),
      completions: await count('SELECT count(*) AS n FROM completions WHERE user_id = ?', [
        reader.id,
      ]),
      courseStatus: /(Start the course|Continue): /.exec(course)?.[1] ?? 'missing',
      // The state the outline shows for this lesson (the entry marked as the current page).
      lessonState: /data-state="([a-z-]+)"[^>]*>\s*<a [^>]*aria-current="page"/.exec(lesson)?.[1],
    };
  }

  const post = (body: BodyInit, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers, body });
  const opened = () => new URLSearchParams({ action: 'opened' });

  test('a GET, plain or prefetched, records nothing and leaves the course not started', async () => {
    const reader = await newReader('Pat Prefetch');
    const before = await recordOf(reader);
    expect(before).toMatchObject({
      verbs: [],
      completions: 0,
      courseStatus: 'Start the course',
      lessonState: 'not-started',
    });
    for (const headers of [
      {},
      { 'sec-purpose': 'prefetch' },
      { 'sec-purpose': 'prefetch;prerender' },
      { purpose: 'prefetch' },
    ]) {
      for (let i = 0; i < 2; i += 1) {
        const response = await fetch(`${server.url}${path}`, {
          headers: { cookie: reader.cookie, ...headers },
          redirect: 'manual',
        });
        expect(response.status).toBe(200);
        await response.text();
      }
    }
    expect(await recordOf(reader)).toEqual(before);
  });

  test('POST action=opened answers 204, records the first visit once and starts the course', async () => {
    const reader = await newReader('Olu Opener');
    const headers = { cookie: reader.cookie, origin: server.url };
    const first = await post(opened(), headers);
    expect(first.status).toBe(204);
    expect(first.headers.get('location')).toBeNull();
    expect(await first.text()).toBe('');
    const after = await recordOf(reader);
    expect(after.verbs).toEqual(['attempted', 'experienced']);
    expect(after).toMatchObject({ courseStatus: 'Continue', lessonState: 'in-progress' });

    const again = await post(opened(), headers);
    expect(again.status).toBe(204);
    expect(await recordOf(reader)).toEqual(after);
  });

  test('a cross-origin POST, or one that names no origin, is refused and records nothing', async () => {
    const reader = await newReader('Cy Cross');
    const before = await recordOf(reader);
    for (const headers of [
      { cookie: reader.cookie, origin: 'https://attacker.example' },
      { cookie: reader.cookie, referer: 'https://attacker.example/page' },
      { cookie: reader.cookie },
    ]) {
      const response = await post(opened(), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/another site/);
    }
    expect(await recordOf(reader)).toEqual(before);
  });

  test('an anonymous POST is sent to sign in and records nothing', async () => {
    const reader = await newReader('Nico Nobody');
    const before = await recordOf(reader);
    for (const headers of [{ origin: server.url }, {}]) {
      const response = await post(opened(), headers);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    expect(await recordOf(reader)).toEqual(before);
  });

  test.each([
    ['an unknown action', new URLSearchParams({ action: 'visited' }), undefined],
    ['no action', new URLSearchParams({ q: '1' }), undefined],
    ['a body that is not a form', '{"action":"opened"}', 'application/json'],
    [
      'a truncated multipart body',
      '--x\r\nContent-Disposition: form-da',
      'multipart/form-data; boundary=x',
    ],
  ])('%s gets 400 with the message and records nothing', async (_name, body, type) => {
    const reader = await newReader('Mal Formed');
    const before = await recordOf(reader);
    const response = await post(body, {
      cookie: reader.cookie,
      origin: server.url,
      ...(type ? { 'content-type': type } : {}),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(UNREADABLE);
    expect(await recordOf(reader)).toEqual(before);
  });
});
