import { describe, expect, test } from 'vitest';
import { backoffDelay } from '../../../src/client/backoff.ts';

describe('backoffDelay', () => {
  test.each([
    [0, 250],
    [1, 500],
    [4, 4000],
    [5, 5000],
    [2000, 5000],
  ])('waits after %i failures for %i ms', (failures, ms) => {
    expect(backoffDelay(failures, { baseMs: 250, maxMs: 5000 })).toBe(ms);
  });

  test('scales the wait by the jitter factor', () => {
    expect(backoffDelay(2, { baseMs: 1000, maxMs: 60_000 }, 0.5)).toBe(2000);
  });
});
