import type { APIRoute } from 'astro';
import { getDb } from '../lib/server/db.ts';
import { recordAuditEvent } from '../lib/server/audit.ts';
import { deleteSessionCookie } from '../lib/server/auth/cookie.ts';
import { invalidateSession } from '../lib/server/auth/session.ts';
import { clientIp } from '../lib/server/http/request.ts';
import { isSecureOrigin, siteOrigin } from '../lib/server/site-origin.ts';

/** Signs out: deletes the session and the cookie. */
export const POST: APIRoute = async (context) => {
  const { session, user } = context.locals;
  if (session && user) {
    const db = await getDb();
    await invalidateSession(db, session.id);
    await recordAuditEvent(db, {
      type: 'sign-out',
      actorId: user.id,
      subjectId: user.id,
      ip: clientIp(context),
    });
  }
  deleteSessionCookie(context.cookies, isSecureOrigin(siteOrigin(context.url)));
  return context.redirect('/', 303);
};
