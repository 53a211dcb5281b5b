import { XAPI_VERSIONS } from '../learning-record/validate.ts';
import { LATEST_VERSION, xapiJson } from './protocol.ts';

/** GET /xapi/about: the versions spoken; open to anyone and needing no version header, per the spec. */
export function aboutResponse(method: string): Response {
  if (method !== 'GET' && method !== 'HEAD') {
    return xapiJson(405, JSON.stringify({ error: 'Use GET.' }), LATEST_VERSION, {
      Allow: 'GET, HEAD',
    });
  }
  const body = JSON.stringify({ version: [...XAPI_VERSIONS], extensions: {} });
  const response = xapiJson(200, body, LATEST_VERSION);
  // HEAD answers with GET's headers (its Content-Length too) and no body.
  return method === 'HEAD'
    ? new Response(null, { status: 200, headers: response.headers })
    : response;
}
