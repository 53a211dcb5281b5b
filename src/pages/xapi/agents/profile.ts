import type { APIRoute } from 'astro';
import { SESSION_COOKIE } from '../../../lib/server/auth/cookie.ts';
import { handleDocuments } from '../../../lib/server/xapi/documents-endpoint.ts';

/** The xAPI Agent Profile resource: GET, HEAD, PUT, POST and DELETE. */
export const ALL: APIRoute = (context) =>
  handleDocuments('agent_profile', {
    request: context.request,
    url: context.url,
    user: context.locals.user,
    hasSessionCookie: context.cookies.has(SESSION_COOKIE),
  });
