import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { oidcIdentities } from '../../../../db/schema.ts';
import { recordAuditEvent } from '../audit.ts';
import { now } from '../clock.ts';
import { createUser, findUserByEmail, getUserById, type UserRow } from '../auth/user.ts';
import type { SessionUser } from '../auth/session.ts';

/** Who the provider says signed in, from the validated ID token. */
export interface ProviderPerson {
  issuer: string;
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
  displayName: string;
  department: SessionUser['department'];
}

/** The account for a provider identity, or why there is none. */
export type AccountResult =
  | { ok: true; user: UserRow; isNew: boolean }
  | { ok: false; kind: 'account-disabled' | 'account-exists' | 'missing-claims'; userId?: string };

async function linkIdentity(db: Database, person: ProviderPerson, userId: string): Promise<void> {
  const at = now();
  await db
    .insert(oidcIdentities)
    .values({
      issuer: person.issuer,
      subject: person.subject,
      userId,
      createdAt: at,
      lastSignInAt: at,
    })
    .onConflictDoNothing();
}

/**
 * Finds the account linked to (issuer, subject); else links an existing account with the same email
 * when the provider verified it and linking is allowed; else creates one (just-in-time).
 */
export async function resolveAccount(
  db: Database,
  person: ProviderPerson,
  options: { role: SessionUser['role']; canLinkByEmail: boolean; ip: string },
): Promise<AccountResult> {
  const [linked] = await db
    .select({ userId: oidcIdentities.userId })
    .from(oidcIdentities)
    .where(
      and(eq(oidcIdentities.issuer, person.issuer), eq(oidcIdentities.subject, person.subject)),
    );
  if (linked) {
    const user = await getUserById(db, linked.userId);
    if (!user) return { ok: false, kind: 'missing-claims' };
    if (user.isDisabled) return { ok: false, kind: 'account-disabled', userId: user.id };
    await db
      .update(oidcIdentities)
      .set({ lastSignInAt: now() })
      .where(
        and(eq(oidcIdentities.issuer, person.issuer), eq(oidcIdentities.subject, person.subject)),
      );
    return { ok: true, user, isNew: false };
  }
  if (!person.email) return { ok: false, kind: 'missing-claims' };
  const existing = await findUserByEmail(db, person.email);
  if (existing) {
    if (!person.isEmailVerified || !options.canLinkByEmail) {
      return { ok: false, kind: 'account-exists', userId: existing.id };
    }
    if (existing.isDisabled) return { ok: false, kind: 'account-disabled', userId: existing.id };
    await linkIdentity(db, person, existing.id);
    await recordAuditEvent(db, {
      type: 'sso.account-linked',
      subjectId: existing.id,
      ip: options.ip,
      detail: { issuer: person.issuer, subject: person.subject, email: person.email },
    });
    return { ok: true, user: existing, isNew: false };
  }
  const created = await createUser(db, {
    email: person.email,
    displayName: person.displayName,
    role: options.role,
    department: person.department,
    jobTitle: '',
  });
  if (!created.ok) return { ok: false, kind: 'account-exists' };
  await linkIdentity(db, person, created.user.id);
  await recordAuditEvent(db, {
    type: 'sso.account-created',
    subjectId: created.user.id,
    ip: options.ip,
    detail: {
      issuer: person.issuer,
      subject: person.subject,
      email: person.email,
      role: options.role,
    },
  });
  return { ok: true, user: created.user, isNew: true };
}

/** True when the user signed in through the provider at least once. */
export async function hasProviderIdentity(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: oidcIdentities.userId })
    .from(oidcIdentities)
    .where(eq(oidcIdentities.userId, userId))
    .limit(1);
  return Boolean(row);
}
