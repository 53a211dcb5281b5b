import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { verifyPassword } from './password.ts';
import { clearFailures, recordFailure, retryAfterSeconds, throttleKey } from './throttle.ts';
import { findUserByEmail, normaliseEmail, type UserRow } from './user.ts';

/** The outcome of a sign-in attempt; failures never say whether the email exists. */
export type SignInResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

/**
 * Checks credentials with per-account and per-IP throttling, and records the outcome in the audit
 * log; `isBreakGlassOnly` (single sign-on only) refuses every account not marked break-glass.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; ip: string; isBreakGlassOnly?: boolean },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const accountKey = throttleKey('account', email);
  const ipKey = throttleKey('ip', input.ip);
  const wait = await retryAfterSeconds(db, [accountKey, ipKey]);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfter: wait };

  const user = await findUserByEmail(db, email);
  const isValid = await verifyPassword(user?.passwordHash ?? null, input.password);
  // With single sign-on only, a password opens break-glass accounts and no others.
  const isRefusedBySso = Boolean(input.isBreakGlassOnly && user && !user.isBreakGlass);
  if (!user || !isValid || user.isDisabled || isRefusedBySso) {
    const accountLock = await recordFailure(db, accountKey);
    const ipLock = await recordFailure(db, ipKey);
    await recordAuditEvent(db, {
      type: 'sign-in.failure',
      subjectId: user?.id ?? null,
      ip: input.ip,
      detail: {
        email,
        ...(user?.isDisabled ? { disabled: true } : {}),
        ...(isRefusedBySso ? { ssoOnly: true } : {}),
      },
    });
    if (accountLock > 0 || ipLock > 0) {
      await recordAuditEvent(db, {
        type: 'sign-in.lockout',
        subjectId: user?.id ?? null,
        ip: input.ip,
        detail: {
          email,
          seconds: Math.max(accountLock, ipLock),
          by: accountLock ? 'account' : 'ip',
        },
      });
    }
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(db, accountKey);
  await recordAuditEvent(db, {
    type: 'sign-in.success',
    actorId: user.id,
    subjectId: user.id,
    ip: input.ip,
  });
  return { ok: true, user };
}
