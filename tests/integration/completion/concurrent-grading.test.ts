import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import {
  DEFAULT_RECORD_BASE,
  resolveRecordBase,
} from '../../../src/lib/server/learning-record/record-base.ts';
import {
  completionTables,
  correctCheckForm,
  courseLessons,
  passLesson,
} from '../../helpers/grading.ts';
import { runCli } from '../../helpers/http.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

const CIP = 'cip-004-role-based-training';
let first: TestServer;
let second: TestServer;
let db: Database;

beforeAll(async () => {
  first = await startServer();
  // A second process on the same database file: the stand-in for instances behind a balancer.
  second = await startServer({ DATABASE_URL: first.databaseUrl });
  db = await openDatabase({ url: first.databaseUrl });
  await resolveRecordBase(db, DEFAULT_RECORD_BASE);
}, 180_000);

afterAll(async () => {
  db?.$client.close();
  await second?.dispose();
  await first?.dispose();
});

describe('course completion in the grading transaction', () => {
  test('20 concurrent gradings through two server processes that each complete the course yield one certificate, and a rebuild reproduces the tables', async () => {
    const user = await addUser(db, { displayName: 'Cass Concurrent' });
    const cookie = `switchyard_session=${await signInAs(db, user.id)}`;
    const lessons = courseLessons(CIP);
    const last = lessons.at(-1)!;
    // Every requirement met but the last lesson's check.
    for (const lesson of lessons) {
      await passLesson(db, user, CIP, lesson.slug, lesson !== last);
    }
    const before = await db.$client.execute({
      sql: 'SELECT count(*) AS n FROM certificates WHERE user_id = ?',
      args: [user.id],
    });
    expect(Number(before.rows[0]?.['n'])).toBe(0);

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => {
        const server = index % 2 === 0 ? first : second;
        return fetch(`${server.url}/courses/${CIP}/${last.slug}`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie,
            origin: server.url,
          },
          body: correctCheckForm(last.answers),
        });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(303));

    const certificates = await db.$client.execute({
      sql: 'SELECT code, holder_name, course_title, course_version, issue_number, valid_until FROM certificates WHERE user_id = ?',
      args: [user.id],
    });
    expect(certificates.rows).toHaveLength(1);
    expect(certificates.rows[0]).toMatchObject({
      holder_name: 'Cass Concurrent',
      course_title: 'CIP-004 Role-Based Cyber Security Training',
      issue_number: 1,
    });
    const passes = await db.$client.execute({
      sql: `SELECT count(*) AS n FROM statements WHERE user_id = ? AND object_id LIKE '%#check' AND verb LIKE '%passed'`,
      args: [user.id],
    });
    expect(Number(passes.rows[0]?.['n'])).toBe(lessons.length - 1 + 20);

    const live = await completionTables(db);
    expect(live.certificates.length).toBeGreaterThan(0);
    const run = runCli(first.databaseUrl, ['rebuild-completion']);
    expect(run.status, run.stderr).toBe(0);
    expect(await completionTables(db)).toEqual(live);
  }, 240_000);
});
