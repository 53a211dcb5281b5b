/**
 * Whether the browser fetched this page ahead of time rather than because the person opened it
 * (`Sec-Purpose: prefetch` or `prerender`, or the older `Purpose`/`X-Purpose` headers). Such a
 * request must not be recorded as a visit.
 */
export function isSpeculativeRequest(request: Request): boolean {
  const purpose = [
    request.headers.get('sec-purpose'),
    request.headers.get('purpose'),
    request.headers.get('x-purpose'),
    request.headers.get('x-moz'),
  ]
    .filter((value): value is string => value !== null)
    .join(';')
    .toLowerCase();
  return /\b(prefetch|prerender|preview)\b/.test(purpose);
}

/**
 * Whether a page request is a person opening the page: a GET that is not a prefetch. A lesson
 * records the learner's first visit on such a request; HTTP lets a safe method have side effects
 * the client did not ask for, like a visit log (RFC 9110 §9.2.1), and this one is idempotent.
 */
export function isPersonOpeningPage(request: Request): boolean {
  return request.method === 'GET' && !isSpeculativeRequest(request);
}
