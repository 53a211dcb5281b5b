import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { oidcSignInAttempts } from '../../../../db/schema.ts';
import { generateSessionToken, hashToken } from '../auth/session.ts';
import { now } from '../clock.ts';

/** A sign-in must come back from the provider within this long. */
export const ATTEMPT_TTL_MS = 10 * 60 * 1000;

/** What Switchyard remembers between sending someone to the provider and their return. */
export interface SignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  nextPath: string;
}

/** Stores an attempt and returns the browser's token for it (kept in a cookie). */
export async function createSignInAttempt(db: Database, attempt: SignInAttempt): Promise<string> {
  const token = generateSessionToken();
  const at = now();
  await db.delete(oidcSignInAttempts).where(lt(oidcSignInAttempts.expiresAt, at));
  await db
    .insert(oidcSignInAttempts)
    .values({ id: hashToken(token), ...attempt, createdAt: at, expiresAt: at + ATTEMPT_TTL_MS });
  return token;
}

/** Takes the live attempt for a browser token; it is deleted, so a replayed callback finds none. */
export async function consumeSignInAttempt(
  db: Database,
  token: string | undefined,
): Promise<SignInAttempt | null> {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db
    .delete(oidcSignInAttempts)
    .where(
      and(eq(oidcSignInAttempts.id, hashToken(token)), gt(oidcSignInAttempts.expiresAt, now())),
    )
    .returning();
  if (!row) return null;
  const { state, nonce, codeVerifier, redirectUri, nextPath } = row;
  return { state, nonce, codeVerifier, redirectUri, nextPath };
}
