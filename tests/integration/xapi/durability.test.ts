import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { makeStatement, mboxAgent } from '../../helpers/statements.ts';
import { addCredential, xapiFetch, type Credential } from '../../helpers/xapi.ts';

const CLIENTS = 6;
const BATCH = 10;
let server: TestServer;
let credential: Credential;

beforeAll(async () => {
  server = await startServer();
  credential = addCredential(server.databaseUrl, 'write');
});
afterAll(async () => {
  await server?.dispose();
});

interface RunState {
  isRunning: boolean;
  acknowledgedCount: number;
}

/** Sends batches until told to stop; remembers which were acknowledged and which were not. */
async function client(index: number, state: RunState) {
  const acknowledged: string[] = [];
  const unacknowledged: Record<string, unknown>[][] = [];
  let failures = 0;
  while (state.isRunning) {
    const batch = Array.from({ length: BATCH }, () =>
      makeStatement({ actor: mboxAgent(`Client ${index}`) }),
    );
    try {
      const response = await xapiFetch(server.url, 'POST', '/xapi/statements', {
        credential,
        body: batch,
      });
      if (response.status === 200) {
        const ids = (await response.json()) as string[];
        acknowledged.push(...ids);
        state.acknowledgedCount += ids.length;
      } else unacknowledged.push(batch);
    } catch {
      unacknowledged.push(batch);
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { acknowledged, unacknowledged, failures };
}

async function storedIdCounts(): Promise<Map<string, number>> {
  const db = await openDatabase({ url: server.databaseUrl });
  const result = await db.$client.execute('SELECT id, count(*) AS n FROM statements GROUP BY id');
  db.$client.close();
  return new Map(result.rows.map((row) => [String(row['id']), Number(row['n'])]));
}

describe('acceptance 3: durability across a hard kill', () => {
  test('every acknowledged statement is stored exactly once after SIGKILL and restart', async () => {
    const state: RunState = { isRunning: true, acknowledgedCount: 0 };
    const running = Array.from({ length: CLIENTS }, (_, index) => client(index, state));
    // Kill mid-stream once a fair number is acknowledged, however slow the machine is.
    const deadline = Date.now() + 60_000;
    while (state.acknowledgedCount <= 100 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    state.isRunning = false;
    const results = await Promise.all(running);
    await server.restart();

    const acknowledged = results.flatMap((r) => r.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(100);
    expect(results.reduce((sum, r) => sum + r.failures, 0)).toBeGreaterThan(0);
    const afterKill = await storedIdCounts();
    for (const id of acknowledged) expect(afterKill.get(id), id).toBe(1);

    // Clients retry what was never acknowledged: replays are no-ops, the rest is stored once.
    const retries = results.flatMap((r) => r.unacknowledged);
    for (const batch of retries) {
      const response = await xapiFetch(server.url, 'POST', '/xapi/statements', {
        credential,
        body: batch,
      });
      expect(response.status).toBe(200);
    }
    const final = await storedIdCounts();
    const sent = [...acknowledged, ...retries.flat().map((s) => s['id'] as string)];
    expect(final.size).toBe(new Set(sent).size);
    expect([...final.values()].every((n) => n === 1)).toBe(true);
    for (const id of sent) expect(final.get(id)).toBe(1);
    console.log(
      `durability: ${acknowledged.length} acknowledged before the kill, ${retries.length} batches retried`,
    );
  }, 120_000);
});
