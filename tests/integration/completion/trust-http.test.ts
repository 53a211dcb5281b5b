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

describe('a lesson records a visit only when the learner opens it', () => {
  test('a prefetch records nothing; opening records one "experienced" statement, once', async () => {
    const reader = await addUser(db, { displayName: 'Pat Prefetch' });
    const cookie = `switchyard_session=${await signInAs(db, reader.id)}`;
    const path = `/courses/sql-for-grid-data/filter-and-aggregate`;
    const visits = async (): Promise<number> => {
      const rows = await db.$client.execute({
        sql: 'SELECT count(*) AS n FROM statements WHERE user_id = ? AND verb = ?',
        args: [reader.id, EXPERIENCED],
      });
      return Number(rows.rows[0]?.['n']);
    };
    const open = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });

    for (const headers of [{ 'sec-purpose': 'prefetch' }, { purpose: 'prefetch' }]) {
      const response = await open(headers);
      expect(response.status).toBe(200);
      await response.text();
    }
    expect(await visits()).toBe(0);

    for (let i = 0; i < 2; i += 1) expect((await open()).status).toBe(200);
    expect(await visits()).toBe(1);
  });
});
