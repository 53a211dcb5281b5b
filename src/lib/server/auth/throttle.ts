import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { signInThrottles } from '../../../../db/schema.ts';
import { now } from '../clock.ts';

/** Free failures before the first lock, per key kind. */
const FREE_FAILURES = { account: 5, ip: 20 } as const;
/** Lock lengths in seconds after each further failure, the last repeating (as in Lucia's throttling guide). */
const LOCK_STEPS_S = [30, 60, 120, 300, 900];

export type ThrottleKind = keyof typeof FREE_FAILURES;

/** Key for an account (by normalised email) or an IP address. */
export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

/** Seconds until any of the keys may try again, or 0 when none is locked. */
export async function retryAfterSeconds(db: Database, keys: string[]): Promise<number> {
  const rows = await db.select().from(signInThrottles).where(inArray(signInThrottles.key, keys));
  const at = now();
  const latest = Math.max(0, ...rows.map((row) => row.lockedUntil));
  return latest > at ? Math.ceil((latest - at) / 1000) : 0;
}

/** Counts a failed sign-in against a key; returns the lock length in seconds it triggered (0 for none). */
export async function recordFailure(db: Database, key: string): Promise<number> {
  const kind = key.split(':')[0] as ThrottleKind;
  const at = now();
  const [existing] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, key));
  const failures = (existing?.failures ?? 0) + 1;
  const over = failures - FREE_FAILURES[kind];
  const lockSeconds =
    over >= 0 ? (LOCK_STEPS_S[Math.min(over, LOCK_STEPS_S.length - 1)] ?? 900) : 0;
  const row = { key, failures, lockedUntil: at + lockSeconds * 1000, updatedAt: at };
  await db
    .insert(signInThrottles)
    .values(row)
    .onConflictDoUpdate({ target: signInThrottles.key, set: row });
  return lockSeconds;
}

/** Forgets the failures of a key after a successful sign-in. */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}
