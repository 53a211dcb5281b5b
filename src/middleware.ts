import { defineMiddleware, sequence } from 'astro:middleware';
import { getConfig } from './lib/server/config.ts';
import { getDb } from './lib/server/db.ts';
import { SESSION_COOKIE, deleteSessionCookie } from './lib/server/auth/cookie.ts';
import { sessionPolicy, validateSessionToken } from './lib/server/auth/session.ts';
import { decideAccess, isSameOrigin, isUnsafeMethod } from './lib/server/auth/guards.ts';
import { applySecurityHeaders } from './lib/server/security-headers.ts';
import { siteOrigin, isSecureOrigin } from './lib/server/site-origin.ts';
import { FETCH_PREFIX, PACKAGE_CONTENT_PREFIX } from './lib/server/cmi5/package-files.ts';
import { cancelQuietly, hasBody, readBodyBytes } from './lib/server/http/body.ts';
import { bodyLimitFor, tooLargeMessage } from './lib/server/http/body-limits.ts';
import { plainPage } from './lib/server/http/plain-page.ts';
import {
  applyCorsHeaders,
  isPreflight,
  isXapiPath,
  preflightResponse,
} from './lib/server/xapi/cors.ts';
import { fallbackVersion, VERSION_HEADER } from './lib/server/xapi/protocol.ts';
import pagePatterns from 'virtual:switchyard/page-routes';
import { PAGE_METHODS, refusedPageMethod } from './lib/server/http/page-methods.ts';

/** CORS for the xAPI endpoint: preflights answered here, every answer readable cross-origin. */
const xapiCors = defineMiddleware(async (context, next) => {
  if (!isXapiPath(context.url.pathname)) return next();
  if (isPreflight(context.request)) return preflightResponse();
  const response = await next();
  if (context.request.headers.has('origin')) applyCorsHeaders(response.headers);
  return response;
});

/** A cookie counts on the xAPI endpoint only from our own pages, never from another origin. */
function ignoresCookie(request: Request, url: URL): boolean {
  return (
    isXapiPath(url.pathname) &&
    request.headers.has('origin') &&
    !isSameOrigin(request, siteOrigin(url))
  );
}

/** Security headers on every response; pages keep the CSP Astro computed for them at build time. */
const securityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  // Imported course content carries its own sandbox policy (cmi5 package files).
  if (context.url.pathname.startsWith(PACKAGE_CONTENT_PREFIX)) return response;
  try {
    applySecurityHeaders(response.headers);
    return response;
  } catch {
    // Some responses (e.g. from fetch) have immutable headers: copy them.
    const headers = new Headers(response.headers);
    applySecurityHeaders(headers);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
});

/** A 413 in the form the client reads: JSON for APIs and xAPI, a page for forms; the connection closes. */
function tooLargeResponse(path: string, message: string, version: string | null): Response {
  const headers = { connection: 'close' };
  if (path.startsWith('/xapi/')) {
    return Response.json(
      { error: message },
      { status: 413, headers: { ...headers, [VERSION_HEADER]: fallbackVersion(version) } },
    );
  }
  if (path.startsWith('/api/')) return Response.json({ error: message }, { status: 413, headers });
  return plainPage(413, 'That was too much to send', message, undefined, headers);
}

/**
 * Refuses a body over its route's limit before any other work (sessions, sign-in, routes): a
 * declared length is judged at once, a chunked body is read (a copy, under the limit) first.
 */
const limitBodies = defineMiddleware(async (context, next) => {
  const { request } = context;
  if (!isUnsafeMethod(request.method) || !hasBody(request)) return next();
  const path = context.url.pathname;
  const { limit, hint } = bodyLimitFor(path);
  const declared = request.headers.get('content-length');
  let isTooLarge = declared !== null && Number(declared) > limit;
  if (!isTooLarge && declared === null) {
    const copy = await readBodyBytes(request.clone(), limit);
    isTooLarge = !copy.ok && copy.reason === 'too-large';
  }
  if (!isTooLarge) return next();
  cancelQuietly(request.body);
  return tooLargeResponse(path, tooLargeMessage(limit, hint), request.headers.get(VERSION_HEADER));
});

const pageRoutes = new Set(pagePatterns);

/** A page takes GET, HEAD and POST (its forms); any other method is refused before the page runs. */
const pageMethods = defineMiddleware(async (context, next) => {
  const { method } = context.request;
  if (PAGE_METHODS.includes(method) || !pageRoutes.has(context.routePattern)) return next();
  return refusedPageMethod(method);
});

/** Puts the signed-in user and session on locals. */
const authenticate = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token && !ignoresCookie(context.request, context.url)) {
    const config = getConfig();
    const db = await getDb();
    const result = await validateSessionToken(
      db,
      token,
      sessionPolicy(config.SESSION_IDLE_DAYS, config.SESSION_ABSOLUTE_DAYS),
    );
    if (result.session) {
      context.locals.user = result.user;
      context.locals.session = result.session;
    } else {
      deleteSessionCookie(context.cookies, isSecureOrigin(siteOrigin(context.url)));
    }
  }
  return next();
});

/** Refuses a state-changing request from another origin when it carries our cookie (forms and JSON alike). */
const checkOrigin = defineMiddleware(async (context, next) => {
  const { request } = context;
  // A cmi5 fetch URL is its own credential (a single-use key), posted by sandboxed content.
  if (context.url.pathname.startsWith(FETCH_PREFIX)) return next();
  if (isUnsafeMethod(request.method)) {
    const hasCookie = context.cookies.has(SESSION_COOKIE);
    const isXapi = isXapiPath(context.url.pathname);
    // xAPI clients authenticate with an Authorization header, which a foreign page cannot forge;
    // only an xAPI request that relies on the cookie needs the check.
    const needsCheck = isXapi
      ? hasCookie && !request.headers.has('authorization')
      : hasCookie || request.headers.has('origin');
    if (needsCheck && !isSameOrigin(request, siteOrigin(context.url))) {
      return Response.json(
        {
          error:
            'This request came from another site and was refused. Reload the page and try again.',
        },
        {
          status: 403,
          headers: isXapi
            ? { [VERSION_HEADER]: fallbackVersion(request.headers.get(VERSION_HEADER)) }
            : {},
        },
      );
    }
  }
  return next();
});

/** Role checks for /admin and /manage (and their APIs), sign-in for personal pages. */
const guard = defineMiddleware(async (context, next) => {
  const path = context.url.pathname;
  const decision = decideAccess(path, context.locals.user);
  if (decision === 'allow') return next();
  const isApi = path.startsWith('/api/');
  if (decision === 'sign-in') {
    if (isApi) return Response.json({ error: 'Sign in first.' }, { status: 401 });
    return context.redirect(`/login?next=${encodeURIComponent(path + context.url.search)}`, 302);
  }
  if (isApi) return Response.json({ error: 'Your role does not allow this.' }, { status: 403 });
  return context.rewrite(new Request(new URL('/403', context.url)));
});

export const onRequest = sequence(
  securityHeaders,
  xapiCors,
  pageMethods,
  limitBodies,
  authenticate,
  checkOrigin,
  guard,
);
