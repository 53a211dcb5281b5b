// Synthetic training data for the manage benchmarks, generated inside SQLite with batched
// INSERT ... SELECT statements (hundreds of thousands of rows per statement, no per-row round trips).
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import {
  pauseSummariesStatement,
  summaryRebuildStatements,
} from '../../src/lib/server/completion/summaries.ts';

export const ORIGIN = 'http://localhost:4321';
export const MANAGER = {
  email: 'bench.manager@utility.example',
  password: 'matrix benchmark manager',
};
const DAY = 24 * 60 * 60 * 1000;

const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Eka',
  'Fatima',
  'Gustavo',
  'Hannah',
  'Ibrahim',
  'Jun',
  'Kaisa',
  'Luis',
  'Mei',
  'Nkechi',
  'Oskar',
  'Priya',
  'Quentin',
  'Rosa',
  'Søren',
  'Tariq',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  "O'Neill",
  'Nakamura',
  'García',
  'Kowalski',
  'Haddad',
  'Müller',
  'Dubois',
  'Singh',
  'Ivanova',
  'Mensah',
  'Rossi',
  'Chen',
  'Fernandes',
  'Novak',
  'Brennan',
  'Yilmaz',
];

/** A database file cached between runs in the temp folder (generation takes a while). */
export async function cachedDatabase(
  name: string,
  generate: (db: Database) => Promise<void>,
): Promise<{ db: Database; url: string; generatedIn: number | null }> {
  const dir = join(tmpdir(), 'switchyard-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.db`);
  let generatedIn: number | null = null;
  if (!existsSync(path) || process.env['BENCH_FRESH']) {
    const building = `${path}.building`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
    const started = performance.now();
    const fresh = await openDatabase({ url: `file:${building}` });
    await migrateDatabase(fresh);
    await generate(fresh);
    await fresh.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    fresh.$client.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
    renameSync(building, path);
    generatedIn = performance.now() - started;
  }
  const url = `file:${path}`;
  const db = await openDatabase({ url });
  // A database cached by an older build gets the current schema (and its indexes), as a server would.
  await migrateDatabase(db);
  // The server never runs ANALYZE, so neither do the benchmarks: plans are the ones production gets.
  await db.$client.execute('DROP TABLE IF EXISTS sqlite_stat1');
  return { db, url, generatedIn };
}

/** Learners 1..count with realistic names, random ids, IT and OT departments. */
async function insertLearners(db: Database, count: number): Promise<void> {
  await db.$client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO users (id, email, display_name, role, department, job_title, created_at, updated_at)
      SELECT lower(hex(randomblob(16))), printf('learner%07d@bench.example', i),
        json_extract(?, printf('$[%d]', i % 20)) || ' ' || json_extract(?, printf('$[%d]', (i / 20) % 18))
          || ' ' || i,
        'learner', CASE i % 3 WHEN 0 THEN 'it' ELSE 'ot' END,
        CASE i % 4 WHEN 0 THEN 'Protection technician' WHEN 1 THEN 'Control room operator'
          WHEN 2 THEN 'Network engineer' ELSE 'Data analyst' END, 0, 0
      FROM n`,
    args: [count, JSON.stringify(FIRST), JSON.stringify(LAST)],
  });
}

/** A manager who can sign in, managing the given teams. */
async function insertManager(db: Database, teamSlugs: string[]): Promise<void> {
  await db.$client.execute({
    sql: `INSERT INTO users (id, email, display_name, role, department, job_title, password_hash,
        created_at, updated_at) VALUES ('bench-manager', ?, 'Bench Manager', 'manager', 'other', '', ?, 0, 0)`,
    args: [MANAGER.email, await hashPassword(MANAGER.password)],
  });
  await db.$client.execute({
    sql: `INSERT INTO team_managers (team_id, user_id)
      SELECT id, 'bench-manager' FROM teams WHERE slug IN (SELECT value FROM json_each(?))`,
    args: [JSON.stringify(teamSlugs)],
  });
}

/**
 * Completion rows for every learner and activity, written activity by activity (as a real record
 * grows, a learner's rows end up far apart), 70% complete, dated over the last two years, with a
 * certificate per completed course and `statementsPerRow` statements per row.
 */
async function insertRecord(
  db: Database,
  activities: string[],
  now: number,
  statementsPerRow: number,
): Promise<void> {
  // Summaries are built once at the end, not rewritten per inserted row.
  await db.$client.execute(pauseSummariesStatement(now));
  await db.$client.execute({
    sql: `WITH pairs AS MATERIALIZED (
        SELECT u.id AS id, a.value AS activity, abs(random()) % 100 AS r, abs(random()) % 730 AS d
        FROM json_each(?) a CROSS JOIN users u WHERE u.role = 'learner')
      INSERT INTO completions (actor_key, activity_id, user_id, status, is_success, best_score, attempts,
        first_completed_at, last_completed_at, last_statement_id, updated_at)
      SELECT 'account:' || ? || ' ' || id, activity, id,
        CASE WHEN r < 70 THEN CASE WHEN r % 2 = 0 THEN 'completed' ELSE 'passed' END ELSE 'attempted' END,
        CASE WHEN r < 70 THEN 1 END, 0.5 + (r % 50) / 100.0, 1 + r % 3,
        CASE WHEN r < 70 THEN ? - d * ? END, CASE WHEN r < 70 THEN ? - d * ? END,
        lower(hex(randomblob(16))), ?
      FROM pairs`,
    args: [JSON.stringify(activities), ORIGIN, now, DAY, now, DAY, now],
  });
  await db.$client.batch(summaryRebuildStatements(), 'write');
  await db.$client.execute({
    sql: `INSERT INTO certificates (code, user_id, course_id, issued_at, expires_at, statement_id)
      SELECT lower(hex(randomblob(10))), user_id, substr(activity_id, ?), last_completed_at, NULL,
        last_statement_id
      FROM completions WHERE status IN ('completed', 'passed') AND activity_id LIKE ?`,
    args: [ORIGIN.length + 10, `${ORIGIN}/courses/%`],
  });
  if (statementsPerRow < 1) return;
  await db.$client.execute({
    sql: `WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ?)
      INSERT INTO statements (id, actor_key, verb, object_id, user_id, timestamp, stored, body, fingerprint)
      SELECT CASE WHEN k.j = 1 AND c.last_completed_at IS NOT NULL THEN c.last_statement_id
          ELSE lower(hex(randomblob(16))) END,
        c.actor_key,
        CASE WHEN k.j = 1 AND c.last_completed_at IS NOT NULL THEN 'http://adlnet.gov/expapi/verbs/completed'
          ELSE 'http://adlnet.gov/expapi/verbs/experienced' END,
        c.activity_id, c.user_id, coalesce(c.last_completed_at, ?) - k.j * 3600000,
        coalesce(c.last_completed_at, ?) - k.j * 3600000, '{"bench":true}', ''
      FROM completions c CROSS JOIN k`,
    args: [statementsPerRow, now, now],
  });
}

/** 130 synthetic courses, for the 5,000 x 130 matrix. */
export const BENCH_COURSES = Array.from(
  { length: 130 },
  (_, index) => `bench-course-${String(index + 1).padStart(3, '0')}`,
);

/** One team of `learners` people with all 130 courses assigned (some recurring). */
export async function generateLargeTeam(
  db: Database,
  learners: number,
  now: number,
  statementsPerRow: number,
): Promise<void> {
  await insertLearners(db, learners);
  await db.$client.executeMultiple(`
    INSERT INTO teams (id, slug, name, kind, created_at) VALUES ('large', 'large-team', 'Large team', 'mixed', 0);
    INSERT INTO team_members (team_id, user_id) SELECT 'large', id FROM users WHERE role = 'learner';`);
  await db.$client.execute({
    sql: `INSERT INTO assignments (id, item_type, item_id, team_id, due_date, recurrence_months, note,
        created_by, created_at)
      SELECT 'a-' || value, 'course', value, 'large', date(? / 1000, 'unixepoch', printf('%+d days', key % 90 - 30)),
        CASE key % 4 WHEN 0 THEN 15 WHEN 1 THEN 12 ELSE NULL END, '', 'bench-manager', 0
      FROM json_each(?)`,
    args: [now, JSON.stringify(BENCH_COURSES)],
  });
  await insertRecord(
    db,
    BENCH_COURSES.map((slug) => `${ORIGIN}/courses/${slug}`),
    now,
    statementsPerRow,
  );
  await insertManager(db, ['large-team']);
}

/**
 * An organisation of `learners` people in teams of 50, each team assigned the same seven real
 * catalogue items, with a completion row per learner for every course and scenario of the catalogue.
 */
export async function generateOrganisation(
  db: Database,
  learners: number,
  now: number,
  courses: string[],
  scenarios: string[],
  assigned: { type: string; id: string; recurrence: number | null }[],
): Promise<void> {
  await insertLearners(db, learners);
  await db.$client.executeMultiple(`
    INSERT INTO teams (id, slug, name, kind, created_at)
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${Math.ceil(learners / 50) - 1})
      SELECT printf('team-%05d', i), printf('team-%05d', i), printf('Crew %d', i), 'mixed', 0 FROM n;
    INSERT INTO team_members (team_id, user_id)
      SELECT printf('team-%05d', (row_number() OVER (ORDER BY email) - 1) / 50), id FROM users
      WHERE role = 'learner';`);
  await db.$client.execute({
    sql: `INSERT INTO assignments (id, item_type, item_id, team_id, due_date, recurrence_months, note,
        created_by, created_at)
      SELECT t.id || '-' || a.key, json_extract(a.value, '$.type'), json_extract(a.value, '$.id'), t.id,
        date(? / 1000, 'unixepoch', '+20 days'), json_extract(a.value, '$.recurrence'), '', 'bench-manager', 0
      FROM teams t CROSS JOIN json_each(?) a`,
    args: [now, JSON.stringify(assigned)],
  });
  await insertRecord(
    db,
    [
      ...courses.map((slug) => `${ORIGIN}/courses/${slug}`),
      ...scenarios.map((id) => `${ORIGIN}/sims/${id}`),
    ],
    now,
    2,
  );
  await insertManager(db, ['team-00007']);
}
