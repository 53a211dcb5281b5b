// Learning-record figures: statement ingest over HTTP (batches of 10 and 100, 16 concurrent clients)
// against the same module in-process, and GET of one learner's statements for one course among
// 1,000,000. Expects a build in dist/ (`npx node src/cli/start.mjs --build-only`); builds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { parseStatementParams } from '../../src/lib/server/learning-record/query-params.ts';
import { queryStatements } from '../../src/lib/server/learning-record/query.ts';
import { storeStatements } from '../../src/lib/server/learning-record/store.ts';
import { createXapiCredential } from '../../src/lib/server/xapi-credentials/credentials.ts';
import {
  COURSES,
  ORIGIN,
  benchBatches,
  courseId,
  generateStatements,
  learnerAgent,
  startBuiltServer,
} from './xapi-fixtures.ts';

const CLIENTS = 16;
const RUNS = [
  { size: 10, requests: 2500 },
  { size: 100, requests: 400 },
];
const TOTAL = 1_000_000;
const LEARNERS = 5000;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-xapi-bench-'));

async function freshDatabase(name: string): Promise<Database> {
  const db = await openDatabase({ url: `file:${join(dir, name)}` });
  await migrateDatabase(db);
  return db;
}

/** Runs jobs on `workers` concurrent loops; returns statements per second. */
async function concurrently(
  jobs: number,
  workers: number,
  statementsPerJob: number,
  job: (i: number) => Promise<void>,
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < jobs) await job(next++);
    }),
  );
  return (jobs * statementsPerJob) / ((performance.now() - started) / 1000);
}

function post(url: URL, agent: Agent, auth: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        Authorization: auth,
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '2.0.0',
        'Content-Length': Buffer.byteLength(body),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

try {
  // Ingest over HTTP.
  const httpDb = await freshDatabase('http.db');
  const credential = await createXapiCredential(httpDb, { name: 'bench', scope: 'all' });
  httpDb.$client.close();
  const auth = `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;
  const server = await startBuiltServer(`file:${join(dir, 'http.db')}`);
  const endpoint = new URL('/xapi/statements', server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const httpRates = new Map<number, number>();
  try {
    for (const { size, requests } of RUNS) {
      const warm = benchBatches(50, size).map((b) => JSON.stringify(b));
      await concurrently(
        warm.length,
        CLIENTS,
        size,
        async (i) => void (await post(endpoint, agent, auth, warm[i] ?? '')),
      );
      const bodies = benchBatches(requests, size).map((b) => JSON.stringify(b));
      let failures = 0;
      const rate = await concurrently(requests, CLIENTS, size, async (i) => {
        if ((await post(endpoint, agent, auth, bodies[i] ?? '')) !== 200) failures += 1;
      });
      if (failures) throw new Error(`${failures} HTTP batches of ${size} were refused`);
      httpRates.set(size, rate);
    }
  } finally {
    agent.destroy();
    server.stop();
  }

  // The same module in-process, same batches and concurrency, no HTTP.
  const localDb = await freshDatabase('local.db');
  const options = {
    authority: {
      objectType: 'Agent' as const,
      account: { homePage: `${ORIGIN}/xapi/credentials`, name: 'bench' },
    },
    siteOrigin: ORIGIN,
  };
  const localRates = new Map<number, number>();
  for (const { size, requests } of RUNS) {
    const warm = benchBatches(50, size);
    await concurrently(
      warm.length,
      CLIENTS,
      size,
      async (i) => void (await storeStatements(localDb, warm[i] ?? [], options)),
    );
    const batches = benchBatches(requests, size);
    const rate = await concurrently(requests, CLIENTS, size, async (i) => {
      const result = await storeStatements(localDb, batches[i] ?? [], options);
      if (!result.ok) throw new Error(result.message);
    });
    localRates.set(size, rate);
  }
  localDb.$client.close();

  console.log(
    `Ingest, ${CLIENTS} concurrent clients (target: HTTP >= 3,000 statements/s and >= 0.5 x in-process)`,
  );
  for (const { size } of RUNS) {
    const http = httpRates.get(size) ?? 0;
    const local = localRates.get(size) ?? 1;
    console.log(
      `  batches of ${String(size).padStart(3)}: HTTP ${fmt(http).padStart(7)} statements/s, in-process ${fmt(local).padStart(7)} statements/s, ratio ${(http / local).toFixed(2)}`,
    );
  }

  // GET one learner's statements for one course among 1,000,000.
  const bigDb = await freshDatabase('million.db');
  let started = performance.now();
  await generateStatements(bigDb, TOTAL, LEARNERS);
  const reader = await createXapiCredential(bigDb, { name: 'reader', scope: 'read' });
  console.log(
    `\nGenerated ${fmt(TOTAL)} statements of ${fmt(LEARNERS)} learners in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const samples = Array.from({ length: 300 }, (_, i) => ({
    learner: (i * 7919) % LEARNERS,
    course: (i * 31) % COURSES,
  }));
  const queryOf = (s: { learner: number; course: number }) =>
    `agent=${encodeURIComponent(JSON.stringify(learnerAgent(s.learner)))}&activity=${encodeURIComponent(courseId(s.course))}&related_activities=true`;

  const inProcess: number[] = [];
  let found = 0;
  for (const sample of samples) {
    const parsed = parseStatementParams(new URLSearchParams(queryOf(sample)));
    if (parsed.kind !== 'query') throw new Error('bad query');
    started = performance.now();
    found += (await queryStatements(bigDb, parsed.query)).bodies.length;
    inProcess.push(performance.now() - started);
  }
  bigDb.$client.close();

  const bigServer = await startBuiltServer(`file:${join(dir, 'million.db')}`);
  const readerAuth = `Basic ${Buffer.from(`${reader.key}:${reader.secret}`).toString('base64')}`;
  const overHttp: number[] = [];
  try {
    for (const [index, sample] of [...samples.slice(0, 20), ...samples].entries()) {
      started = performance.now();
      const response = await fetch(`${bigServer.url}/xapi/statements?${queryOf(sample)}`, {
        headers: { Authorization: readerAuth, 'X-Experience-API-Version': '2.0.0' },
      });
      const page = (await response.json()) as { statements: unknown[] };
      if (response.status !== 200 || page.statements.length === 0)
        throw new Error(`GET failed: ${response.status}`);
      if (index >= 20) overHttp.push(performance.now() - started);
    }
  } finally {
    bigServer.stop();
  }
  console.log(
    `GET one learner's statements for one course (agent + activity + related_activities; ${(found / samples.length).toFixed(1)} statements each):`,
  );
  console.log(
    `  over HTTP: median ${median(overHttp).toFixed(2)} ms (target < 20 ms), in-process query: median ${median(inProcess).toFixed(2)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
