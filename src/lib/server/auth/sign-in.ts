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
}

/** Checks credentials under the sign-in throttle and records the outcome in the audit log. */
export async function signIn(db: Database, input: SignInInput): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const user = await findUserByEmail(db, email);
  const deviceId = user && input.device?.userId === user.id ? input.device.id : null;
  const check = await checkPasswordThrottled(db, {
    email,
    user,
    password: input.password,
    ip: input.ip,
    deviceId,
  });
  if (check.ok && user) {
    await recordAuditEvent(db, {
      type: 'sign-in.success',
      actorId: user.id,
      subjectId: user.id,
      ip: input.ip,
      ...(deviceId ? { detail: { device: 'trusted' } } : {}),
    });
    return { ok: true, user };
  }
  if (!check.ok && check.reason !== 'invalid') return check;
  await recordAuditEvent(db, {
    type: 'sign-in.failure',
    subjectId: user?.id ?? null,
    ip: input.ip,
    detail: { email, ...(user?.isDisabled ? { disabled: true } : {}) },
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
