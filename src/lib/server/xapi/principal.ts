import type { Database } from '../../../../db/client.ts';
import type { SessionUser } from '../auth/session.ts';
import { actorKey, userAgent } from '../learning-record/actor-key.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { AU_TOKEN_KEY, resolveAuToken, type AuAccess } from '../cmi5/au-access.ts';
import {
  parseBasicAuthorization,
  scopeAllows,
  verifyXapiCredential,
} from '../xapi-credentials/credentials.ts';

/** Who is calling: an xAPI client with a credential, a signed-in learner's browser, or a launched cmi5 AU. */
export type Principal =
  | { kind: 'client'; authority: Agent }
  | { kind: 'learner'; user: SessionUser; agent: Agent; key: string }
  | { kind: 'au'; access: AuAccess; agent: Agent; key: string };

/** The principal, or the status and message to refuse the request with. */
export type PrincipalResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 403; message: string; challenge: boolean };

/** Identifies the caller: HTTP Basic when sent, else the session cookie. */
export async function identifyCaller(
  db: Database,
  input: { authorization: string | null; user: SessionUser | null; siteOrigin: string },
  access: 'read' | 'write',
): Promise<PrincipalResult> {
  if (input.authorization) {
    const basic = parseBasicAuthorization(input.authorization);
    // A cmi5 AU's auth token (from its fetch URL) is Basic credentials with the key "cmi5".
    if (basic?.key === AU_TOKEN_KEY) {
      const resolved = await resolveAuToken(db, basic.secret, input.siteOrigin);
      if (!resolved.ok)
        return { ok: false, status: 401, challenge: false, message: resolved.message };
      const { access } = resolved;
      return {
        ok: true,
        principal: { kind: 'au', access, agent: access.agent, key: access.agentKey },
      };
    }
    const credential = basic ? await verifyXapiCredential(db, basic.key, basic.secret) : null;
    if (!credential) {
      return {
        ok: false,
        status: 401,
        challenge: true,
        message:
          'The xAPI key or secret is wrong, or the credential was revoked; ask an administrator for a new one.',
      };
    }
    if (!scopeAllows(credential.scope, access)) {
      return {
        ok: false,
        status: 403,
        challenge: false,
        message: `This credential's scope is "${credential.scope}"; ${access} needs "${access}" or "all".`,
      };
    }
    const authority: Agent = {
      objectType: 'Agent',
      name: credential.name,
      account: { homePage: `${input.siteOrigin}/xapi/credentials`, name: credential.key },
    };
    return { ok: true, principal: { kind: 'client', authority } };
  }
  if (input.user) {
    const agent = userAgent(input.siteOrigin, input.user.id, input.user.displayName);
    return {
      ok: true,
      principal: { kind: 'learner', user: input.user, agent, key: actorKey(agent) ?? '' },
    };
  }
  return {
    ok: false,
    status: 401,
    challenge: true,
    message:
      'Sign in, or send HTTP Basic credentials created with `npx switchyard xapi-credential add`.',
  };
}
