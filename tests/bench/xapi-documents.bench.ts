// State document figures over HTTP: PUT and GET latency (p50, p95) of one client at a time, the way
// launched content saves and restores its bookmark. Goal: p50 <= 5 ms. Expects a build in dist/.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createXapiCredential } from '../../src/lib/server/xapi-credentials/credentials.ts';
import { startBuiltServer } from './xapi-fixtures.ts';

const WARMUP = 200;
const REQUESTS = 2000;
const LEARNERS = 400;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-state-bench-'));

function send(
  url: URL,
  agent: Agent,
  method: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<number>((resolve, reject) => {
    const req = request(url, { method, agent, headers });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ??
  NaN;

try {
  const url = `file:${join(dir, 'state.db')}`;
  const db = await openDatabase({ url });
  await migrateDatabase(db);
  const credential = await createXapiCredential(db, { name: 'bench', scope: 'all' });
  db.$client.close();
  const server = await startBuiltServer(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const auth = `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;
  const stateUrl = (i: number) =>
    new URL(
      `/xapi/activities/state?${new URLSearchParams({
        activityId: `https://switchyard.example/au/${i % 20}`,
        agent: JSON.stringify({ mbox: `mailto:learner${i % LEARNERS}@utility.example` }),
        registration: '6f1d9a52-9b0e-4c1e-8f6a-1c2b3d4e5f60',
        stateId: 'suspend_data',
      })}`,
      server.url,
    );
  const headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3' };
  try {
    const timings = { PUT: [] as number[], GET: [] as number[] };
    for (let i = 0; i < WARMUP + REQUESTS; i += 1) {
      const body = JSON.stringify({
        location: `slide-${i}`,
        answers: Array.from({ length: 20 }, (_, n) => n * i),
      });
      const started = performance.now();
      const put = await send(
        stateUrl(i),
        agent,
        'PUT',
        { ...headers, 'Content-Type': 'application/json' },
        body,
      );
      const between = performance.now();
      const get = await send(stateUrl(i), agent, 'GET', headers);
      const ended = performance.now();
      if (put !== 204 || get !== 200) throw new Error(`PUT answered ${put}, GET ${get}`);
      if (i >= WARMUP) {
        timings.PUT.push(between - started);
        timings.GET.push(ended - between);
      }
    }
    console.log(
      `State documents over HTTP, one client, ${REQUESTS} requests each (goal: p50 <= 5 ms)`,
    );
    for (const [method, values] of Object.entries(timings)) {
      console.log(
        `  ${method.padEnd(3)} p50 ${percentile(values, 0.5).toFixed(2)} ms, p95 ${percentile(values, 0.95).toFixed(2)} ms`,
      );
    }
  } finally {
    agent.destroy();
    server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
