import type { Database } from '../../../../db/client.ts';
import type { SessionUser } from '../auth/session.ts';
import { getDb } from '../db.ts';
import type { XapiVersion } from '../learning-record/validate.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { unwrapAlternateRequest } from './alternate-request.ts';
import { identifyCaller, type Principal } from './principal.ts';
import { fallbackVersion, readVersion, VERSION_HEADER, xapiError } from './protocol.ts';

/** What a route hands over from Astro's context. */
export interface XapiRequest {
  request: Request;
  url: URL;
  user: SessionUser | null;
  hasSessionCookie: boolean;
}

/** What a resource handler gets once method, version and caller are settled. */
export interface XapiCall {
  db: Database;
  principal: Principal;
  version: XapiVersion;
  method: string;
  /** The origin naming this deployment in the learning record. */
  siteOrigin: string;
}

const REALM = { 'WWW-Authenticate': 'Basic realm="Switchyard xAPI", charset="UTF-8"' };

/**
 * The common path of every xAPI resource but About: allowed methods (405), the version header
 * (400), the caller and its scope (401/403), then the handler; no exception or stack reaches the client.
 */
export async function runXapi(
  sent: XapiRequest,
  resource: { methods: readonly string[]; path: string },
  handle: (call: XapiCall, input: XapiRequest) => Promise<Response>,
): Promise<Response> {
  // xAPI 1.0.3's alternate request syntax becomes the request it stands for.
  const input = await unwrapAlternateRequest(sent);
  if (input instanceof Response) return input;
  const method = input.request.method.toUpperCase();
  const header = input.request.headers.get(VERSION_HEADER);
  const version = readVersion(header);
  const answerVersion = version.ok ? version.version : fallbackVersion(header);
  try {
    if (!resource.methods.includes(method)) {
      return xapiError(
        405,
        `${method} is not supported on ${resource.path}; use ${resource.methods.join(', ')}.`,
        answerVersion,
        { Allow: resource.methods.join(', ') },
      );
    }
    if (!version.ok) return xapiError(400, version.message, answerVersion);
    const db = await getDb();
    // Learners' agents and credential authorities are named under the learning record's base.
    const siteOrigin = recordBase(db);
    const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
    const caller = await identifyCaller(
      db,
      { authorization: input.request.headers.get('authorization'), user: input.user, siteOrigin },
      access,
    );
    if (!caller.ok) {
      // A browser with an expired session gets no Basic challenge, so it shows no password dialog.
      const challenge = caller.challenge && !input.hasSessionCookie ? REALM : {};
      return xapiError(caller.status, caller.message, version.version, challenge);
    }
    return await handle(
      { db, principal: caller.principal, version: version.version, method, siteOrigin },
      input,
    );
  } catch (error) {
    console.error(
      `xapi ${method} ${input.url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return xapiError(
      500,
      'The learning record could not handle this request; retrying is safe.',
      answerVersion,
    );
  }
}
