// Data and processes for the learning-record benchmark: realistic statements, a fast generator of a
// 1,000,000-statement database in plain SQL, and the built server started on a given database.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/client.ts';
import { freePort } from '../helpers/server.ts';

export const ORIGIN = 'https://switchyard.example';
const ADL = 'http://adlnet.gov/expapi/verbs/';
const VERBS = [
  'experienced',
  'experienced',
  'experienced',
  'attempted',
  'completed',
  'passed',
  'failed',
];
export const COURSES = 20;
const LESSONS = 10;

export const courseId = (course: number) => `${ORIGIN}/courses/course-${course}`;
export const learnerAgent = (learner: number) => ({
  objectType: 'Agent',
  account: { homePage: ORIGIN, name: `learner-${learner}` },
});

/** One statement as a lesson page would send it: a learner, an ADL verb, a lesson of a course. */
export function benchStatement(learner: number, n: number) {
  const course = (learner + n) % COURSES;
  const verb = VERBS[n % VERBS.length] ?? 'experienced';
  return {
    id: crypto.randomUUID(),
    actor: learnerAgent(learner),
    verb: { id: `${ADL}${verb}`, display: { 'en-US': verb } },
    object: {
      objectType: 'Activity',
      id: `${courseId(course)}/lesson-${n % LESSONS}`,
      definition: {
        name: { 'en-US': `Lesson ${n % LESSONS}` },
        type: 'http://adlnet.gov/expapi/activities/lesson',
      },
    },
    ...(verb === 'passed' || verb === 'failed'
      ? { result: { score: { scaled: (n % 100) / 100 }, success: verb === 'passed' } }
      : {}),
    context: { contextActivities: { parent: [{ id: courseId(course) }] } },
    timestamp: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  };
}

/** Batches of fresh statements from many learners. */
export function benchBatches(count: number, size: number, learners = 2000) {
  let n = 0;
  return Array.from({ length: count }, () =>
    Array.from({ length: size }, () => {
      n += 1;
      return benchStatement(n % learners, Math.floor(n / learners));
    }),
  );
}

/**
 * Fills an empty, migrated database with `total` statements of `learners` learners (so one learner has
 * total/learners statements over COURSES courses) and their filter keys, in a handful of SQL statements.
 */
export async function generateStatements(
  db: Database,
  total: number,
  learners: number,
): Promise<void> {
  const client = db.$client;
  await client.execute('PRAGMA cache_size = -400000');
  await client.execute(`CREATE TEMP TABLE gen AS
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${total})
    SELECT i AS seq, i % ${learners} AS learner, (i % ${learners} + i / ${learners}) % ${COURSES} AS course,
      (i / ${learners}) % ${LESSONS} AS lesson,
      CASE (i / ${learners}) % 7 WHEN 3 THEN 'attempted' WHEN 4 THEN 'completed' WHEN 5 THEN 'passed' WHEN 6 THEN 'failed' ELSE 'experienced' END AS verb,
      lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) AS id
    FROM n`);
  const actor = `json_object('objectType', 'Agent', 'account', json_object('homePage', '${ORIGIN}', 'name', 'learner-' || learner))`;
  const course = `'${ORIGIN}/courses/course-' || course`;
  const lessonId = `${course} || '/lesson-' || lesson`;
  const stamp = `strftime('%Y-%m-%dT%H:%M:%fZ', 1767225600 + seq * 30, 'unixepoch')`;
  await client.execute(`INSERT INTO statements (seq, id, actor_key, verb, object_id, user_id, timestamp, stored, body, fingerprint)
    SELECT seq, id, 'account:${ORIGIN} learner-' || learner, '${ADL}' || verb, ${lessonId}, NULL,
      (1767225600 + seq * 30) * 1000, (1767225600 + seq * 30) * 1000,
      json_object('id', id, 'actor', json(${actor}),
        'verb', json_object('id', '${ADL}' || verb, 'display', json_object('en-US', verb)),
        'object', json_object('objectType', 'Activity', 'id', ${lessonId}, 'definition',
          json_object('name', json_object('en-US', 'Lesson ' || lesson), 'type', 'http://adlnet.gov/expapi/activities/lesson')),
        'context', json_object('contextActivities', json_object('parent', json_array(json_object('id', ${course})))),
        'timestamp', ${stamp}, 'stored', ${stamp},
        'authority', json_object('objectType', 'Agent', 'name', 'LMS', 'account', json_object('homePage', '${ORIGIN}/xapi/credentials', 'name', 'lms')),
        'version', '1.0.0'),
      hex(randomblob(16))
    FROM gen`);
  const keys = [
    ['agent', `'account:${ORIGIN} learner-' || learner`],
    ['related_agent', `'account:${ORIGIN} learner-' || learner`],
    ['related_agent', `'account:${ORIGIN}/xapi/credentials lms'`],
    ['verb', `'${ADL}' || verb`],
    ['activity', lessonId],
    ['related_activity', lessonId],
    ['related_activity', course],
  ];
  for (const [kind, ref] of keys) {
    // Inserting in key order appends to the index instead of scattering writes across it.
    await client.execute(
      `INSERT INTO statement_refs (seq, kind, ref) SELECT seq, '${kind}', ${ref} FROM gen ORDER BY 3, 2, 1`,
    );
  }
  await client.execute('DROP TABLE gen');
}

/** Seconds of CPU (user and system, all threads) a process used so far; null where /proc is missing. */
export function processCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of proc_pid_stat(5), in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The built server (dist/) on a database, on a free port; resolves once /healthz answers. */
export async function startBuiltServer(
  databaseUrl: string,
): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join('dist', 'server', 'entry.mjs')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: ORIGIN,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 300; tries += 1) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) {
        return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(
    'the built server did not start; run `npx node src/cli/start.mjs --build-only` first',
  );
}
