// Training-manager figures: the team matrix and its CSV for 5,000 learners x 130 items, with the
// number of SQL statements it takes; and the page of a 50-person team in an organisation of 1,000
// learners vs 100,000. Databases are generated once into the temp folder (BENCH_FRESH=1 regenerates).
// --matrix-only skips the organisation figures.
import type { Database } from '../../db/client.ts';
import { readContent } from '../../src/lib/content/content-files.ts';
import { itemCatalogOf } from '../../src/lib/server/assignments/item-catalog.ts';
import type { CourseInfo, ItemCatalog } from '../../src/lib/server/assignments/item-catalog.ts';
import { recordsScope, type TeamMatrix } from '../../src/lib/server/reports/matrix.ts';
import { viewMatrix } from '../../src/lib/server/reports/matrix-view.ts';
import { evidenceCsv, matrixCsv } from '../../src/lib/server/reports/exports.ts';
import { loadTeamRecords } from '../../src/lib/server/reports/team-records.ts';
import { addCertificates, loadTeamMatrix } from '../../src/lib/server/reports/team-report.ts';
import { countStatements } from '../helpers/manage.ts';
import { signInOverHttp } from '../helpers/http.ts';
import { startServer } from '../helpers/server.ts';
import {
  BENCH_COURSES,
  MANAGER,
  ORIGIN,
  cachedDatabase,
  generateLargeTeam,
  generateOrganisation,
} from './manage-data.ts';

const RUNS = 7;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function count(db: Database, table: string): Promise<number> {
  const result = await db.$client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.['n']);
}

/** Reads a byte stream to its end and returns its length. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
  }
}

async function largeMatrix(): Promise<void> {
  const statementsPerRow = Number(process.env['BENCH_STATEMENTS_PER_ROW'] ?? 4);
  const name = `large-team-5000x130-s${statementsPerRow}`;
  const { db, generatedIn } = await cachedDatabase(name, (fresh) =>
    generateLargeTeam(fresh, 5000, Date.now(), statementsPerRow),
  );
  if (generatedIn !== null)
    console.log(`Generated the 5,000 x 130 database in ${ms(generatedIn)}.`);
  console.log(
    `Database: ${await count(db, 'users')} users, ${await count(db, 'completions')} completion rows, ` +
      `${await count(db, 'statements')} statements, ${await count(db, 'certificates')} certificates.`,
  );
  const courses = new Map<string, CourseInfo>(
    BENCH_COURSES.map((slug, index) => [
      slug,
      {
        slug,
        data: { title: `Bench course ${index + 1}`, track: 'bench', audience: 'all', skills: [] },
      },
    ]),
  );
  const catalog: ItemCatalog = { tracks: [], courses, scenarios: new Map() };
  const context = { origin: ORIGIN, now: Date.now(), timeZone: 'America/Chicago' };
  const counter = countStatements(db.$client);
  /** Wall and CPU time (the CPU figure shows how much of the wall time other processes took). */
  const measure = async (work: () => Promise<unknown>, runs = RUNS) => {
    await work();
    const times: number[] = [];
    const cpu: number[] = [];
    let queries = 0;
    let result: unknown;
    for (let run = 0; run < runs; run += 1) {
      const before = counter.count();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      result = await work();
      const used = process.cpuUsage(cpuBefore);
      times.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
      queries = counter.count() - before;
    }
    const text = `${ms(median(times))} (CPU ${ms(median(cpu))}, slowest ${ms(Math.max(...times))})`;
    return { text, queries, result };
  };
  const matrix = await measure(async () => {
    const { matrix } = await loadTeamMatrix(db, 'large', catalog, context);
    await addCertificates(db, matrix, viewMatrix(matrix, {}).pageRows);
    return matrix;
  });
  const cells = (matrix.result as TeamMatrix).rows.reduce(
    (sum, row) => sum + row.statuses.filter(Boolean).length,
    0,
  );
  const sql = await measure(() => loadTeamRecords(db, ['large'], recordsScope(context, catalog)));
  const csv = await measure(async () => {
    const { matrix } = await loadTeamMatrix(db, 'large', catalog, context);
    return drain(matrixCsv(viewMatrix(matrix, {}), context.timeZone));
  });
  const evidence = await measure(async () => {
    const { matrix } = await loadTeamMatrix(db, 'large', catalog, context, {
      withEvidence: true,
      withCertificates: true,
    });
    return drain(evidenceCsv(viewMatrix(matrix, {}), context.timeZone));
  }, 3);
  counter.restore();
  db.$client.close();
  const mb = (bytes: unknown) => `${(Number(bytes) / 1e6).toFixed(1)} MB`;
  console.log(
    `Team matrix, 5,000 learners x 130 items (${cells} cells), median of ${RUNS} runs after a warm-up (evidence: 3):`,
  );
  console.log(
    `  matrix of every cell + certificates of the first page: ${matrix.text}, ${matrix.queries} SQL statements (target < 1 s)`,
  );
  console.log(`    of which reading the records: ${sql.text}, ${sql.queries} SQL statements`);
  console.log(
    `  matrix CSV, streamed to its end: ${csv.text}, ${mb(csv.result)}, ${csv.queries} SQL statements (target < 1 s)`,
  );
  console.log(
    `  audit-evidence CSV with every certificate and statement id: ${evidence.text}, ${mb(evidence.result)}, ${evidence.queries} SQL statements`,
  );
}

/** Median time of the team page over HTTP for the bench manager's 50-person team. */
async function teamPageTime(url: string): Promise<number> {
  const server = await startServer({ DATABASE_URL: url });
  try {
    const cookie = await signInOverHttp(server.url, MANAGER.email, MANAGER.password);
    const times: number[] = [];
    for (let run = 0; run < 3 + 15; run += 1) {
      const started = performance.now();
      const response = await fetch(`${server.url}/manage/teams/team-00007`, {
        headers: { cookie },
      });
      const html = await response.text();
      if (response.status !== 200 || !html.includes('data-testid="matrix"')) {
        throw new Error(`team page answered ${response.status}`);
      }
      if (run >= 3) times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await server.dispose();
  }
}

async function scale(): Promise<void> {
  const catalog = itemCatalogOf(readContent());
  const courses = [...catalog.courses.keys()];
  const scenarios = [...catalog.scenarios.keys()];
  const wanted = [
    { type: 'course', id: 'cip-004-role-based-training', recurrence: 15 },
    { type: 'course', id: 'distribution-grid-basics', recurrence: null },
    { type: 'course', id: 'ot-security-foundations', recurrence: null },
    { type: 'course', id: 'der-and-inverters', recurrence: 24 },
    { type: 'course', id: 'substation-fundamentals', recurrence: null },
    { type: 'track', id: 'ot-cybersecurity', recurrence: null },
    { type: 'scenario', id: 'isolate-t1', recurrence: 12 },
  ];
  const assigned = wanted.filter((item) =>
    item.type === 'course'
      ? catalog.courses.has(item.id)
      : item.type === 'track'
        ? catalog.tracks.some((track) => track.slug === item.id)
        : catalog.scenarios.has(item.id),
  );
  const key = `${courses.length}c${scenarios.length}s${assigned.length}a`;
  const times = new Map<number, number>();
  for (const learners of [1_000, 100_000]) {
    const { db, url, generatedIn } = await cachedDatabase(
      `organisation-${learners}-${key}`,
      (fresh) => generateOrganisation(fresh, learners, Date.now(), courses, scenarios, assigned),
    );
    if (generatedIn !== null)
      console.log(`Generated the ${learners}-learner database in ${ms(generatedIn)}.`);
    const rows = await count(db, 'completions');
    const statements = await count(db, 'statements');
    db.$client.close();
    const time = await teamPageTime(url);
    times.set(learners, time);
    console.log(
      `Team page (50 learners x ${assigned.length} items, matrix, charts) in a database of ${learners} learners ` +
        `(${rows} completion rows, ${statements} statements): median ${ms(time)} over HTTP`,
    );
  }
  const ratio = times.get(100_000)! / times.get(1_000)!;
  console.log(`Ratio 100,000 / 1,000 learners: ${ratio.toFixed(2)} (target <= 1.5)`);
}

await largeMatrix();
if (!process.argv.includes('--matrix-only')) await scale();
