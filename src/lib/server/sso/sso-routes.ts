import type { APIContext, AstroGlobal } from 'astro';
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import { clientIp, rotateSession, safeNextPath } from '../http/request.ts';
import { isSecureOrigin, siteOrigin } from '../site-origin.ts';
import { oidcSettings, type OidcSettings } from './oidc-settings.ts';
import { beginSsoSignIn, completeSsoSignIn } from './sso-sign-in.ts';
import { ssoFailurePage, type SsoFailurePage } from './sso-failure.ts';

type Context = APIContext | AstroGlobal;

/** The browser's handle on its sign-in attempt; only sent to the OIDC routes. */
const ATTEMPT_COOKIE = 'switchyard_oidc';
const ATTEMPT_COOKIE_PATH = '/auth/oidc';

/** The single sign-on settings of this server, or null when it is off. */
export function currentOidcSettings(): OidcSettings | null {
  return oidcSettings(getConfig());
}

/** Starts a sign-in: a redirect to the provider, or the page saying why it cannot start. */
export async function startSsoRoute(
  context: Context,
): Promise<{ ok: true; location: string } | { ok: false; page: SsoFailurePage }> {
  const settings = currentOidcSettings();
  if (!settings) return { ok: false, page: ssoFailurePage('not-configured', '') };
  const origin = siteOrigin(context.url);
  const result = await beginSsoSignIn(await getDb(), settings, {
    origin,
    nextPath: safeNextPath(context.url.searchParams.get('next'), '', context),
  });
  if (!result.ok) return { ok: false, page: ssoFailurePage(result.kind, settings.displayName) };
  context.cookies.set(ATTEMPT_COOKIE, result.attemptToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureOrigin(origin),
    path: ATTEMPT_COOKIE_PATH,
    maxAge: 600,
  });
  return { ok: true, location: result.url };
}

/** Finishes a sign-in at the callback: starts the session, or gives the page for the failure. */
export async function completeSsoRoute(
  context: Context,
): Promise<{ ok: true; location: string } | { ok: false; page: SsoFailurePage }> {
  const settings = currentOidcSettings();
  if (!settings) return { ok: false, page: ssoFailurePage('not-configured', '') };
  const attemptToken = context.cookies.get(ATTEMPT_COOKIE)?.value;
  context.cookies.delete(ATTEMPT_COOKIE, { path: ATTEMPT_COOKIE_PATH });
  const result = await completeSsoSignIn(await getDb(), settings, {
    attemptToken,
    requestUrl: context.url,
    ip: clientIp(context),
  });
  if (!result.ok) return { ok: false, page: ssoFailurePage(result.kind, settings.displayName) };
  await rotateSession(context, result.userId);
  return { ok: true, location: result.nextPath || '/learn' };
}
