import { and, eq, gt, lt } from 'drizzle-orm';
import type { AstroCookies } from 'astro';
import type { Database } from '../../../../db/client.ts';
import { trustedDevices } from '../../../../db/schema.ts';
import { now } from '../clock.ts';
import { generateSessionToken, hashToken } from './session.ts';

/** Name of the cookie that marks a browser in which its person signed in. */
export const DEVICE_COOKIE = 'switchyard_device';
/** A browser stays trusted this long after its last successful sign-in. */
export const DEVICE_TRUST_DAYS = 60;
const DEVICE_TRUST_MS = DEVICE_TRUST_DAYS * 24 * 60 * 60 * 1000;

/** The user whose trusted device the cookie names, or null (unknown, expired or malformed). */
export async function findTrustedDevice(
  db: Database,
  token: string | undefined,
): Promise<{ id: string; userId: string } | null> {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db
    .select({ id: trustedDevices.id, userId: trustedDevices.userId })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.id, hashToken(token)), gt(trustedDevices.expiresAt, now())));
  return row ?? null;
}

/**
 * Marks this browser as one in which the user signed in: keeps its device token when it already
 * names this user (extending its trust), else issues a new one. Returns the token for the cookie.
 */
export async function trustDevice(
  db: Database,
  userId: string,
  current: { id: string; userId: string } | null,
  currentToken: string | undefined,
): Promise<{ token: string; expiresAt: number }> {
  const at = now();
  const expiresAt = at + DEVICE_TRUST_MS;
  await db.delete(trustedDevices).where(lt(trustedDevices.expiresAt, at));
  if (current && currentToken && current.userId === userId) {
    await db
      .update(trustedDevices)
      .set({ lastUsedAt: at, expiresAt })
      .where(eq(trustedDevices.id, current.id));
    return { token: currentToken, expiresAt };
  }
  const token = generateSessionToken();
  await db
    .insert(trustedDevices)
    .values({ id: hashToken(token), userId, createdAt: at, lastUsedAt: at, expiresAt });
  return { token, expiresAt };
}

/** Sets the device cookie: HttpOnly, SameSite=Lax, Secure under https, for the whole site. */
export function setDeviceCookie(
  cookies: AstroCookies,
  token: string,
  expiresAt: number,
  isSecure: boolean,
): void {
  cookies.set(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure,
    path: '/',
    expires: new Date(expiresAt),
  });
}
