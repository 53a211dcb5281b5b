import type { APIRoute } from 'astro';
import { SESSION_COOKIE } from '../../lib/server/auth/cookie.ts';
import { handleActivities } from '../../lib/server/xapi/activities-endpoint.ts';

/** The xAPI Activities resource (canonical activity definitions): GET and HEAD. */
export const ALL: APIRoute = (context) =>
  handleActivities({
    request: context.request,
    url: context.url,
    user: context.locals.user,
    hasSessionCookie: context.cookies.has(SESSION_COOKIE),
  });
