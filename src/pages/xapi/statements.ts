import type { APIRoute } from 'astro';
import { SESSION_COOKIE } from '../../lib/server/auth/cookie.ts';
import { handleStatements } from '../../lib/server/xapi/statements-endpoint.ts';

/** The xAPI Statement resource: GET, HEAD, PUT and POST (other methods get 405). */
export const ALL: APIRoute = (context) =>
  handleStatements({
    request: context.request,
    url: context.url,
    user: context.locals.user,
    hasSessionCookie: context.cookies.has(SESSION_COOKIE),
  });
