import type { APIContext, AstroGlobal } from 'astro';
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import { SESSION_COOKIE, setSessionCookie } from '../auth/cookie.ts';
import { createSession, hashToken, invalidateSession, sessionPolicy } from '../auth/session.ts';
import { isSecureOrigin, siteOrigin } from '../site-origin.ts';
import { resolveClientAddress } from './client-address.ts';
import { safeNextPath as safeNextPathOnSite } from './next-path.ts';

type Context = APIContext | AstroGlobal;

/** The client's IP address: the socket's peer, or what a trusted proxy says it forwarded for. */
export function clientIp(context: Context): string {
  let peer: string;
  try {
    peer = context.clientAddress || 'unknown';
  } catch {
    return 'unknown';
  }
  const forwarded = context.request.headers.get('x-forwarded-for');
  return resolveClientAddress(peer, forwarded, getConfig().TRUSTED_PROXIES);
}

/** Form fields as strings; a body that is not a form gives an empty object (never a throw). */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get('content-type') ?? '';
  if (
    !type.includes('application/x-www-form-urlencoded') &&
    !type.includes('multipart/form-data')
  ) {
    return {};
  }
  try {
    const data = await request.formData();
    const fields: Record<string, string> = {};
    for (const [key, value] of data) if (typeof value === 'string') fields[key] = value;
    return fields;
  } catch {
    return {};
  }
}

/**
 * Starts a fresh session for a user and sets its cookie. The session this browser held before
 * (whoever it belonged to) ends first, so a token planted or seen before sign-in is worthless.
 */
export async function rotateSession(context: Context, userId: string): Promise<void> {
  const config = getConfig();
  const db = await getDb();
  const previous = context.cookies.get(SESSION_COOKIE)?.value;
  if (previous) await invalidateSession(db, hashToken(previous));
  const { token, session } = await createSession(
    db,
    userId,
    sessionPolicy(config.SESSION_IDLE_DAYS, config.SESSION_ABSOLUTE_DAYS),
  );
  setSessionCookie(
    context.cookies,
    token,
    session.expiresAt,
    isSecureOrigin(siteOrigin(context.url)),
  );
}

/** Starts a session for a user; the browser's previous session ends (see rotateSession). */
export const startSession = rotateSession;

/** A path on this site to return to after sign-in (see next-path.ts); anything else is the fallback. */
export function safeNextPath(
  value: string | null | undefined,
  fallback: string,
  context?: Context,
): string {
  return context
    ? safeNextPathOnSite(value, fallback, siteOrigin(context.url))
    : safeNextPathOnSite(value, fallback);
}

/** The absolute URL of a path on this site, for links shown to people (invitations, resets). */
export function absoluteUrl(context: Context, path: string): string {
  return new URL(path, siteOrigin(context.url)).toString();
}
