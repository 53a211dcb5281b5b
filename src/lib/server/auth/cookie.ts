import type { AstroCookies } from 'astro';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'switchyard_session';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure under https, path /. */
export function setSessionCookie(
  cookies: AstroCookies,
  token: string,
  expiresAt: number,
  isSecure: boolean,
): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

/** Removes the session cookie. */
export function deleteSessionCookie(cookies: AstroCookies, isSecure: boolean): void {
  cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure,
    path: '/',
    maxAge: 0,
  });
}
