import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { checkPasswordThrottled } from './password-check.ts';
import { findUserByEmail, normaliseEmail, type UserRow } from './user.ts';

/** The outcome of a sign-in attempt; failures never say whether the email exists. */
export type SignInResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled' | 'busy'; retryAfter: number };

/** What a sign-in attempt carries. */
export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  /** The user id and device id of this browser's trusted device, if it has one. */
  device?: { id: string; userId: string } | null;
  /** Single sign-on only: a password opens break-glass accounts and no others. */
  isBreakGlassOnly?: boolean;
}

/** Checks credentials under the sign-in throttle and records the outcome in the audit log. */
export async function signIn(db: Database, input: SignInInput): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const user = await findUserByEmail(db, email);
  const isRefusedBySso = Boolean(input.isBreakGlassOnly && user && !user.isBreakGlass);
  // An account a password may not open is checked as if it did not exist: same work, same answer.
  const candidate = isRefusedBySso ? null : user;
  const deviceId = candidate && input.device?.userId === candidate.id ? input.device.id : null;
  const check = await checkPasswordThrottled(db, {
    email,
    user: candidate,
    password: input.password,
    ip: input.ip,
    deviceId,
  });
  if (check.ok && candidate) {
    await recordAuditEvent(db, {
      type: 'sign-in.success',
      actorId: candidate.id,
      subjectId: candidate.id,
      ip: input.ip,
      ...(deviceId ? { detail: { device: 'trusted' } } : {}),
    });
    return { ok: true, user: candidate };
  }
  if (!check.ok && check.reason !== 'invalid') return check;
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
  if (!check.ok && check.lockSeconds > 0) {
    await recordAuditEvent(db, {
      type: 'sign-in.lockout',
      subjectId: user?.id ?? null,
      ip: input.ip,
      detail: { email, seconds: check.lockSeconds, by: check.lockedBy },
    });
  }
  return { ok: false, reason: 'invalid' };
}
