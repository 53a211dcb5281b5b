import type { APIContext, AstroGlobal } from 'astro';
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import { setSessionCookie } from '../auth/cookie.ts';
import { createSession, sessionPolicy } from '../auth/session.ts';
import { isSecureOrigin, siteOrigin } from '../site-origin.ts';

type Context = APIContext | AstroGlobal;

/** The client's IP address as the server sees it. */
export function clientIp(context: Context): string {
  try {
    return context.clientAddress || 'unknown';
  } catch {
    return 'unknown';
  }
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

/** Starts a session for a user and sets the cookie. */
export async function startSession(context: Context, userId: string): Promise<void> {
  const config = getConfig();
  const db = await getDb();
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

/** A same-site path to return to after sign-in; anything else becomes the fallback. */
export function safeNextPath(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return fallback;
  return value;
}

/** The absolute URL of a path on this site, for links shown to people (invitations, resets). */
export function absoluteUrl(context: Context, path: string): string {
  return new URL(path, siteOrigin(context.url)).toString();
}
