import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { signInThrottles } from '../../../../db/schema.ts';
import { now } from '../clock.ts';

/** Password checks allowed per key before the first lock. */
export const FREE_ATTEMPTS = { account: 5, ip: 20, device: 5 } as const;
/** Lock lengths in seconds after each further failure, the last repeating (as in Lucia's throttling guide). */
const LOCK_STEPS_S = [30, 60, 120, 300, 900];
/** Failures older than this (and not locked) are forgotten. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export type ThrottleKind = keyof typeof FREE_ATTEMPTS;

/** Key for an account (by normalised email), an IP address, or a trusted device (by its id). */
export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

/** A claimed password check: `lockSeconds` is the lock it will leave if it fails (0 for none). */
export type ThrottleClaim =
  { ok: true; key: string; lockSeconds: number } | { ok: false; retryAfter: number };

/** The lock (ms) a key gets once it has `attempts` unforgiven attempts, as an SQL expression. */
function lockMsSql(attempts: ReturnType<typeof sql>, free: number): ReturnType<typeof sql> {
  const cases = LOCK_STEPS_S.slice(0, -1).map(
    (seconds, i) => sql`WHEN ${attempts} = ${free + i} THEN ${seconds * 1000}`,
  );
  const last = (LOCK_STEPS_S.at(-1) ?? 900) * 1000;
  return sql`CASE WHEN ${attempts} < ${free} THEN 0 ${sql.join(cases, sql` `)} ELSE ${last} END`;
}

function lockSecondsFor(attempts: number, free: number): number {
  if (attempts < free) return 0;
  return LOCK_STEPS_S[Math.min(attempts - free, LOCK_STEPS_S.length - 1)] ?? 900;
}

/**
 * Counts a password check against a key before the password is looked at, in one statement, so
 * concurrent guesses cannot slip past the count. The last free check (and each one after a lock
 * ends) locks the key at once; a success clears it again. A locked key refuses without a check.
 */
export async function claimAttempt(
  db: Database,
  kind: ThrottleKind,
  key: string,
): Promise<ThrottleClaim> {
  const at = now();
  const free = FREE_ATTEMPTS[kind];
  const next = sql`(CASE WHEN ${signInThrottles.updatedAt} < ${at - FORGET_AFTER_MS} THEN 0 ELSE ${signInThrottles.failures} END + 1)`;
  const rows = await db.all<{ failures: number }>(sql`
    INSERT INTO sign_in_throttles (key, failures, locked_until, updated_at)
    VALUES (${key}, 1, ${at + lockSecondsFor(1, free) * 1000}, ${at})
    ON CONFLICT (key) DO UPDATE SET
      failures = ${next},
      locked_until = ${at} + ${lockMsSql(next, free)},
      updated_at = ${at}
    WHERE sign_in_throttles.locked_until <= ${at}
    RETURNING failures`);
  const claimed = rows[0];
  if (claimed) return { ok: true, key, lockSeconds: lockSecondsFor(claimed.failures, free) };
  const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, key));
  return { ok: false, retryAfter: Math.max(1, Math.ceil(((row?.lockedUntil ?? at) - at) / 1000)) };
}

/** Forgets a key's attempts after a correct password (account and device keys). */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}

/**
 * Gives back one claimed attempt without lifting a lock: for an address after a correct password,
 * so that many people behind one address are not locked out by signing in, and for a claim that
 * was never used because another key refused.
 */
export async function refundAttempt(db: Database, kind: ThrottleKind, key: string): Promise<void> {
  const free = FREE_ATTEMPTS[kind];
  await db
    .update(signInThrottles)
    .set({
      failures: sql`max(${signInThrottles.failures} - 1, 0)`,
      // The lock that this very attempt set (on reaching the free count) goes with it.
      lockedUntil: sql`CASE WHEN ${signInThrottles.failures} <= ${free} THEN 0 ELSE ${signInThrottles.lockedUntil} END`,
    })
    .where(eq(signInThrottles.key, key));
}
