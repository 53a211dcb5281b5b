import type { APIRoute } from 'astro';
import { getDb } from '../lib/server/db.ts';
import { recordAuditEvent } from '../lib/server/audit.ts';
import { deleteSessionCookie } from '../lib/server/auth/cookie.ts';
import { invalidateSession } from '../lib/server/auth/session.ts';
import { clientIp } from '../lib/server/http/request.ts';
import { isSecureOrigin, siteOrigin } from '../lib/server/site-origin.ts';
import { hasProviderIdentity } from '../lib/server/sso/identity.ts';
import { currentOidcSettings } from '../lib/server/sso/sso-routes.ts';

/** Signs out: deletes the session and the cookie; single sign-on users are offered the provider's sign-out. */
export const POST: APIRoute = async (context) => {
  const { session, user } = context.locals;
  let isProviderUser = false;
  if (session && user) {
    const db = await getDb();
    await invalidateSession(db, session.id);
    await recordAuditEvent(db, {
      type: 'sign-out',
      actorId: user.id,
      subjectId: user.id,
      ip: clientIp(context),
    });
    isProviderUser = Boolean(currentOidcSettings()) && (await hasProviderIdentity(db, user.id));
  }
  deleteSessionCookie(context.cookies, isSecureOrigin(siteOrigin(context.url)));
  return context.redirect(isProviderUser ? '/auth/oidc/signed-out' : '/', 303);
};
