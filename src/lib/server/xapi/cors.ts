/**
 * Cross-origin access to /xapi/ for browser clients on other origins (content launched elsewhere,
 * sandboxed frames whose origin is `null`). They authenticate with an Authorization header; no
 * Access-Control-Allow-Credentials is ever sent, so a browser never offers our cookie cross-origin.
 */

/** Request headers xAPI clients send. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'X-Experience-API-Version',
  'If-Match',
  'If-None-Match',
  'Accept-Language',
  'Accept',
];

/** Response headers xAPI clients need to read. */
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Content-Type',
  'Content-Length',
  'X-Experience-API-Version',
  'X-Experience-API-Consistent-Through',
  'Retry-After',
  'Allow',
];

const METHODS = 'GET, HEAD, PUT, POST, DELETE';

/** True for paths of the xAPI endpoint. */
export function isXapiPath(pathname: string): boolean {
  return pathname === '/xapi' || pathname.startsWith('/xapi/');
}

/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(request: Request): boolean {
  return (
    request.method.toUpperCase() === 'OPTIONS' &&
    request.headers.has('origin') &&
    request.headers.has('access-control-request-method')
  );
}

/** The answer to a preflight: any origin, the xAPI methods and headers, cached for ten minutes. */
export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
      'Access-Control-Max-Age': '600',
      'X-Experience-API-Version': '2.0.0',
    },
  });
}

/** Lets a cross-origin caller read the response, with the xAPI headers exposed. */
export function applyCorsHeaders(headers: Headers): void {
  headers.set('Access-Control-Allow-Origin', '*');
  headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
}
