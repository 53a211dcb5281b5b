import { describe, expect, test } from 'vitest';
import { backoffDelay, takeBatch } from '../../../src/lib/client/statement-batches.ts';
import { readOutcome } from '../../../src/lib/client/statement-sender.ts';
import { newStatementId } from '../../../src/lib/client/statement-id.ts';
import { learnerAgent } from '../../../src/lib/client/learner-agent.ts';
import type { QueuedStatement } from '../../../src/lib/client/statement-queue.ts';

const queued = (count: number, padding = 0): QueuedStatement[] =>
  Array.from({ length: count }, (_, seq) => ({
    seq,
    statement: {
      id: `id-${seq}`,
      actor: {},
      verb: { id: 'v' },
      object: { note: 'x'.repeat(padding) },
    },
  }));

describe('takeBatch', () => {
  test('takes the oldest statements up to the count', () => {
    expect(takeBatch(queued(10), 4, 1_000_000).map((entry) => entry.seq)).toEqual([0, 1, 2, 3]);
  });

  test('keeps the JSON body within the byte limit', () => {
    const batch = takeBatch(queued(10, 1000), 50, 60_000 / 20);
    expect(JSON.stringify(batch.map((entry) => entry.statement)).length).toBeLessThanOrEqual(3000);
    expect(batch.length).toBe(2);
  });

  test('always takes at least one statement, so an oversized one is still tried', () => {
    expect(takeBatch(queued(3, 100_000), 50, 1000)).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  test.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [4, 4000, 8000],
    [20, 30_000, 60_000],
  ])('after %i failures waits between %i and %i ms', (failures, low, high) => {
    for (let i = 0; i < 50; i += 1) {
      const delay = backoffDelay(failures, 1000, 60_000);
      expect(delay).toBeGreaterThanOrEqual(low);
      expect(delay).toBeLessThanOrEqual(high);
    }
  });
});

describe('readOutcome', () => {
  const response = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
    new Response(status === 204 ? null : JSON.stringify(body), { status, headers });

  test.each([
    [200, { kind: 'stored' }],
    [401, { kind: 'signed-out' }],
    [413, { kind: 'too-large' }],
    [409, { kind: 'refused', status: 409, message: 'taken' }],
    [403, { kind: 'refused', status: 403, message: 'taken' }],
    [400, { kind: 'refused', status: 400, message: 'taken' }],
    [500, { kind: 'retry', retryAfterMs: null }],
  ])('reads %i', async (status, outcome) => {
    expect(await readOutcome(response(status, { error: 'taken' }))).toEqual(outcome);
  });

  test('honours Retry-After on 503', async () => {
    expect(await readOutcome(response(503, {}, { 'Retry-After': '2' }))).toEqual({
      kind: 'retry',
      retryAfterMs: 2000,
    });
  });
});

describe('statement ids and the learner agent', () => {
  test('ids are version 4 UUIDs', () => {
    expect(newStatementId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  test('the agent is an account on the canonical origin named by user id', () => {
    expect(learnerAgent({ homePage: 'https://sy.example', userId: 'u1', name: 'Ada' })).toEqual({
      objectType: 'Agent',
      name: 'Ada',
      account: { homePage: 'https://sy.example', name: 'u1' },
    });
  });
});
