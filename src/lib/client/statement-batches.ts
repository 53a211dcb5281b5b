import type { QueuedStatement } from './statement-queue.ts';

const encoder = new TextEncoder();

/** The oldest queued statements, as many as fit the count and the JSON byte limit (at least one). */
export function takeBatch(
  queue: readonly QueuedStatement[],
  count: number,
  bytes: number,
): QueuedStatement[] {
  const batch: QueuedStatement[] = [];
  let size = 2; // the brackets of the JSON array
  for (const entry of queue) {
    const entrySize = encoder.encode(JSON.stringify(entry.statement)).length + 1;
    if (batch.length > 0 && (batch.length >= count || size + entrySize > bytes)) break;
    batch.push(entry);
    size += entrySize;
  }
  return batch;
}

/** Exponential backoff with jitter: base, 2 x base, 4 x base ... up to the cap, each 50-100 %. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return delay * (0.5 + Math.random() / 2);
}
