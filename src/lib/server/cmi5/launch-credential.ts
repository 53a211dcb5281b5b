import type { Database } from '../../../../db/client.ts';
import {
  parseBasicAuthorization,
  verifyXapiCredential,
  type XapiCredential,
} from '../xapi-credentials/credentials.ts';

/** The integration API's caller: a credential of scope `launch`, or the answer refusing it. */
export async function authenticateLaunchCredential(
  db: Database,
  request: Request,
): Promise<{ ok: true; credential: XapiCredential } | { ok: false; response: Response }> {
  const basic = parseBasicAuthorization(request.headers.get('authorization'));
  const credential = basic ? await verifyXapiCredential(db, basic.key, basic.secret) : null;
  if (!credential) {
    return {
      ok: false,
      response: Response.json(
        {
          message:
            'Send HTTP Basic credentials of scope "launch", created with `npx switchyard xapi-credential add --scope launch`.',
        },
        {
          status: 401,
          headers: { 'WWW-Authenticate': 'Basic realm="Switchyard cmi5", charset="UTF-8"' },
        },
      ),
    };
  }
  if (credential.scope !== 'launch') {
    return {
      ok: false,
      response: Response.json(
        {
          message: `This credential's scope is "${credential.scope}"; the cmi5 API needs "launch".`,
        },
        { status: 403 },
      ),
    };
  }
  return { ok: true, credential };
}
