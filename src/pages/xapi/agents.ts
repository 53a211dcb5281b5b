import type { APIRoute } from 'astro';
import { SESSION_COOKIE } from '../../lib/server/auth/cookie.ts';
import { handleAgents } from '../../lib/server/xapi/agents-endpoint.ts';

/** The xAPI Agents resource (Person objects): GET and HEAD. */
export const ALL: APIRoute = (context) =>
  handleAgents({
    request: context.request,
    url: context.url,
    user: context.locals.user,
    hasSessionCookie: context.cookies.has(SESSION_COOKIE),
  });
