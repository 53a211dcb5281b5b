import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import { applyCorsHeaders, isPreflight, preflightResponse } from '../xapi/cors.ts';
import { redeemFetchKey } from './sessions.ts';

const json = (body: unknown, status = 200): Response => {
  const response = Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  applyCorsHeaders(response.headers);
  return response;
};

/**
 * Answers the fetch URL (cmi5 8.2): a POST gets `{"auth-token"}` once; every later POST gets
 * `{"error-code": "1", ...}` with status 200, as section 8.2.3 prescribes; GET is not allowed.
 */
export async function answerFetch(db: Database, request: Request, key: string): Promise<Response> {
  if (isPreflight(request)) return preflightResponse();
  if (request.method.toUpperCase() !== 'POST') {
    const response = json(
      { 'error-code': '3', 'error-text': 'Use POST on the fetch URL (cmi5 8.2.1).' },
      405,
    );
    response.headers.set('Allow', 'POST');
    return response;
  }
  await request.body?.cancel().catch(() => undefined);
  const outcome = await redeemFetchKey(db, key, now());
  if (outcome.ok) return json({ 'auth-token': outcome.authToken });
  return json({ 'error-code': outcome.code, 'error-text': outcome.text });
}
