import { getDb } from '../db.ts';
import { unwrapAlternateRequest } from './alternate-request.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { identifyCaller } from './principal.ts';
import {
  CONSISTENT_THROUGH,
  consistentThrough,
  fallbackVersion,
  readVersion,
  xapiError,
  VERSION_HEADER,
} from './protocol.ts';
import { readStatements } from './statements-read.ts';
import { writeStatements } from './statements-write.ts';
import type { XapiRequest } from './xapi-request.ts';

export type { XapiRequest };

const REALM = { 'WWW-Authenticate': 'Basic realm="Switchyard xAPI", charset="UTF-8"' };

/** Handles /xapi/statements for any method; every answer says how current the record is. */
export async function handleStatements(input: XapiRequest): Promise<Response> {
  const response = await answerStatements(input);
  if (!response.headers.has(CONSISTENT_THROUGH)) {
    response.headers.set(CONSISTENT_THROUGH, consistentThrough()[CONSISTENT_THROUGH] as string);
  }
  return response;
}

/** Answers one request; never lets an exception (or its stack) reach the client. */
async function answerStatements(sent: XapiRequest): Promise<Response> {
  const input = await unwrapAlternateRequest(sent);
  if (input instanceof Response) return input;
  const method = input.request.method.toUpperCase();
  const header = input.request.headers.get(VERSION_HEADER);
  const version = readVersion(header);
  const answerVersion = version.ok ? version.version : fallbackVersion(header);
  try {
    if (!['GET', 'HEAD', 'PUT', 'POST'].includes(method)) {
      return xapiError(
        405,
        `${method} is not supported here; use GET, PUT or POST.`,
        answerVersion,
        { Allow: 'GET, HEAD, PUT, POST' },
      );
    }
    if (!version.ok) return xapiError(400, version.message, answerVersion);
    const db = await getDb();
    // Learners' agents and credential authorities are named under the learning record's base.
    const origin = recordBase(db);
    const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
    const caller = await identifyCaller(
      db,
      {
        authorization: input.request.headers.get('authorization'),
        user: input.user,
        siteOrigin: origin,
      },
      access,
    );
    if (!caller.ok) {
      // A browser with an expired session gets no Basic challenge, so it shows no password dialog.
      const challenge = caller.challenge && !input.hasSessionCookie ? REALM : {};
      return xapiError(caller.status, caller.message, version.version, challenge);
    }
    const principal = caller.principal;
    if (access === 'read') {
      const response = await readStatements(db, {
        url: input.url,
        acceptLanguage: input.request.headers.get('accept-language'),
        principal,
        version: version.version,
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
      version: version.version,
      siteOrigin: origin,
    });
  } catch (error) {
    console.error(
      `xapi ${method} ${input.url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return xapiError(
      500,
      'The learning record could not handle this request. Retrying is safe: a statement is stored once by id.',
      answerVersion,
    );
  }
}
