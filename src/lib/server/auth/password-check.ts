import type { Database } from '../../../../db/client.ts';
import { withArgon2Slot } from './argon2-gate.ts';
import { verifyPassword } from './password.ts';
import {
  claimAttempt,
  clearAttempts,
  refundAttempt,
  throttleKey,
  type ThrottleKind,
} from './throttle.ts';
import type { UserRow } from './user.ts';

/** What a throttled password check came to. */
export type PasswordCheckResult =
  | { ok: true }
  | { ok: false; reason: 'invalid'; lockSeconds: number; lockedBy: ThrottleKind | null }
  | { ok: false; reason: 'throttled' | 'busy'; retryAfter: number };

/** A password to check for an account, and where the attempt comes from. */
export interface PasswordCheckInput {
  /** The normalised email the person typed (the account key even when no such user exists). */
  email: string;
  user: UserRow | null;
  password: string;
  ip: string;
  /** Id of this browser's trusted device when it belongs to `user`, else null. */
  deviceId: string | null;
}

/** Seconds a client is asked to wait when every argon2 slot is taken. */
const BUSY_RETRY_S = 2;

/**
 * Checks a password under the sign-in throttle. From a browser in which the person signed in
 * before (a trusted device), only that device's counter applies, so failures from other places
 * cannot lock them out; otherwise the account's and the address's counters both apply. Each check
 * is counted before argon2 runs, and argon2 runs only in one of a few shared slots.
 */
export async function checkPasswordThrottled(
  db: Database,
  input: PasswordCheckInput,
): Promise<PasswordCheckResult> {
  const keys: [ThrottleKind, string][] = input.deviceId
    ? [['device', throttleKey('device', input.deviceId)]]
    : [
        ['account', throttleKey('account', input.email)],
        ['ip', throttleKey('ip', input.ip)],
      ];
  const claimed: { kind: ThrottleKind; key: string; lockSeconds: number }[] = [];
  const giveBack = async () => {
    for (const claim of claimed) await refundAttempt(db, claim.kind, claim.key);
  };
  for (const [kind, key] of keys) {
    const claim = await claimAttempt(db, kind, key);
    if (!claim.ok) {
      await giveBack();
      return { ok: false, reason: 'throttled', retryAfter: claim.retryAfter };
    }
    claimed.push({ kind, key, lockSeconds: claim.lockSeconds });
  }
  const isValid = await withArgon2Slot(() =>
    verifyPassword(input.user?.passwordHash ?? null, input.password),
  );
  if (isValid === 'busy') {
    await giveBack();
    return { ok: false, reason: 'busy', retryAfter: BUSY_RETRY_S };
  }
  if (!isValid || !input.user || input.user.isDisabled) {
    const lock = claimed.reduce((a, b) => (b.lockSeconds > a.lockSeconds ? b : a));
    return {
      ok: false,
      reason: 'invalid',
      lockSeconds: lock.lockSeconds,
      lockedBy: lock.lockSeconds ? lock.kind : null,
    };
  }
  for (const claim of claimed) {
    if (claim.kind === 'ip') await refundAttempt(db, claim.kind, claim.key);
    else await clearAttempts(db, claim.key);
  }
  if (input.deviceId) await clearAttempts(db, throttleKey('account', input.email));
  return { ok: true };
}
