import { CONSISTENT_THROUGH, consistentThrough } from './protocol.ts';
import { readStatements } from './statements-read.ts';
import { writeStatements } from './statements-write.ts';
import { runXapi, type XapiRequest } from './xapi-request.ts';

export type { XapiRequest };

/** Handles /xapi/statements for any method; every answer says how current the record is. */
export async function handleStatements(input: XapiRequest): Promise<Response> {
  const response = await answerStatements(input);
  if (!response.headers.has(CONSISTENT_THROUGH)) {
    response.headers.set(CONSISTENT_THROUGH, consistentThrough()[CONSISTENT_THROUGH] as string);
  }
  return response;
}

/** Answers one request through the common xAPI path: reads for GET and HEAD, writes for PUT and POST. */
function answerStatements(sent: XapiRequest): Promise<Response> {
  return runXapi(
    sent,
    { methods: ['GET', 'HEAD', 'PUT', 'POST'], path: '/xapi/statements' },
    async ({ db, principal, version, method, siteOrigin }, input) => {
      if (method === 'GET' || method === 'HEAD') {
        const response = await readStatements(db, {
          url: input.url,
          acceptLanguage: input.request.headers.get('accept-language'),
          principal,
          version,
        });
        return method === 'HEAD'
          ? new Response(null, { status: response.status, headers: response.headers })
          : response;
      }
      return await writeStatements(db, {
        request: input.request,
        url: input.url,
        method: method as 'PUT' | 'POST',
        principal,
        version,
        siteOrigin,
      });
    },
  );
}
