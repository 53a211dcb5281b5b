// Statement ingest: the Statement resource over HTTP (batches of 1, 10 and 100, 16 concurrent clients)
// against the same module in-process. The two are measured in alternating rounds and compared round
// by round, so a shared machine whose load drifts does not decide the ratio. Each side's CPU time
// is also counted (the server process's for HTTP, this process's in-process): statements per
// CPU-second barely move with the machine's load, where statements per second swing with it.
// Expects a build in dist/ (`npx node src/cli/start.mjs --build-only`); builds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { storeStatements } from '../../src/lib/server/learning-record/store-statements.ts';
import { createXapiCredential } from '../../src/lib/server/xapi-credentials/credentials.ts';
import { ORIGIN, benchBatches, processCpuSeconds, startBuiltServer } from './xapi-fixtures.ts';

const CLIENTS = 16;
const ROUNDS = 5;
const RUNS = [
  { size: 1, requests: 4000 },
  { size: 10, requests: 2500 },
  { size: 100, requests: 400 },
];
const dir = mkdtempSync(join(tmpdir(), 'switchyard-xapi-bench-'));

async function freshDatabase(name: string): Promise<Database> {
  const db = await openDatabase({ url: `file:${join(dir, name)}` });
  await migrateDatabase(db);
  return db;
}

/** This process's CPU seconds so far (user and system, all threads). */
const ownCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/**
 * Runs jobs on `workers` concurrent loops; returns statements per second and per CPU-second of
 * the process doing the ingest (`cpuSeconds` reads its CPU time).
 */
async function concurrently(
  jobs: number,
  workers: number,
  statementsPerJob: number,
  cpuSeconds: () => number | null,
  job: (i: number) => Promise<void>,
) {
  let next = 0;
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < jobs) await job(next++);
    }),
  );
  const statements = jobs * statementsPerJob;
  const cpuAfter = cpuSeconds();
  const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : NaN;
  return {
    rate: statements / ((performance.now() - started) / 1000),
    perCpuSecond: cpu > 0 ? statements / cpu : NaN,
  };
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
  const httpDb = await freshDatabase('http.db');
  const credential = await createXapiCredential(httpDb, { name: 'bench', scope: 'all' });
  httpDb.$client.close();
  const auth = `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;
  const server = await startBuiltServer(`file:${join(dir, 'http.db')}`);
  const endpoint = new URL('/xapi/statements', server.url);
  const localDb = await freshDatabase('local.db');
  const options = {
    authority: {
      objectType: 'Agent' as const,
      account: { homePage: `${ORIGIN}/xapi/credentials`, name: 'bench' },
    },
    siteOrigin: ORIGIN,
  };

  /** One burst over HTTP: fresh batches, every one acknowledged. */
  const overHttp = async (count: number, size: number) => {
    const bodies = benchBatches(count, size).map((b) => JSON.stringify(b));
    // Fresh connections per burst: the server closes idle keep-alive sockets between rounds.
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    let failures = 0;
    try {
      const serverCpu = () => processCpuSeconds(server.pid);
      const rates = await concurrently(count, CLIENTS, size, serverCpu, async (i) => {
        if ((await post(endpoint, agent, auth, bodies[i] ?? '')) !== 200) failures += 1;
      });
      if (failures) throw new Error(`${failures} HTTP batches of ${size} were refused`);
      return rates;
    } finally {
      agent.destroy();
    }
  };
  /** The same burst through the store module, with no HTTP. */
  const inProcess = async (count: number, size: number) => {
    const batches = benchBatches(count, size);
    return concurrently(count, CLIENTS, size, ownCpuSeconds, async (i) => {
      const result = await storeStatements(localDb, batches[i] ?? [], options);
      if (!result.ok) throw new Error(result.message);
    });
  };

  console.log(
    `Ingest, ${CLIENTS} concurrent clients, ${ROUNDS} alternating rounds (target: HTTP >= 0.7 x in-process)`,
  );
  try {
    for (const { size, requests } of RUNS) {
      await overHttp(50, size);
      await inProcess(50, size);
      const http: number[] = [];
      const local: number[] = [];
      const ratios: number[] = [];
      const httpCpu: number[] = [];
      const localCpu: number[] = [];
      const cpuRatios: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const count = requests / ROUNDS;
        // Alternate which goes first, so neither always meets the other's leftovers.
        let overHttpRound: Awaited<ReturnType<typeof overHttp>>;
        let inProcessRound: Awaited<ReturnType<typeof inProcess>>;
        if (round % 2 === 0) {
          overHttpRound = await overHttp(count, size);
          inProcessRound = await inProcess(count, size);
        } else {
          inProcessRound = await inProcess(count, size);
          overHttpRound = await overHttp(count, size);
        }
        http.push(overHttpRound.rate);
        local.push(inProcessRound.rate);
        ratios.push(overHttpRound.rate / inProcessRound.rate);
        httpCpu.push(overHttpRound.perCpuSecond);
        localCpu.push(inProcessRound.perCpuSecond);
        cpuRatios.push(overHttpRound.perCpuSecond / inProcessRound.perCpuSecond);
      }
      console.log(
        `  batches of ${String(size).padStart(3)}: HTTP ${fmt(median(http)).padStart(7)} statements/s, in-process ${fmt(median(local)).padStart(7)} statements/s, ratio ${median(ratios).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
      );
      console.log(
        `                  per CPU-second: HTTP server ${fmt(median(httpCpu)).padStart(7)}, in-process ${fmt(median(localCpu)).padStart(7)}, ratio ${median(cpuRatios).toFixed(2)} (rounds ${cpuRatios.map((r) => r.toFixed(2)).join(', ')})`,
      );
    }
  } finally {
    server.stop();
    localDb.$client.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
