import type { AstroGlobal } from 'astro';
import type { Database } from '../../../../db/client.ts';
import { currentDevice } from '../http/device-cookie.ts';
import { clientIp, readForm, rotateSession } from '../http/request.ts';
import { isSecureOrigin, siteOrigin } from '../site-origin.ts';
import { handleAccountAction } from './account-actions.ts';
import { deleteSessionCookie } from './cookie.ts';

/** Where the browser goes after a saved form, or the refusal to show (its status is set). */
export type AccountPost = { redirect: string } | { error: string };

/** Handles the account page's post: the action, then this browser's session and cookies. */
export async function postAccountForm(Astro: AstroGlobal, db: Database): Promise<AccountPost> {
  const user = Astro.locals.user!;
  const form = await readForm(Astro.request);
  const result = await handleAccountAction(
    db,
    {
      user,
      sessionId: Astro.locals.session!.id,
      ip: clientIp(Astro),
      device: () => currentDevice(Astro),
    },
    form,
  );
  if (!result.ok) {
    Astro.response.status = result.status;
    if (result.retryAfter) Astro.response.headers.set('Retry-After', String(result.retryAfter));
    return { error: result.message };
  }
  if (result.saved === 'sign-out-everywhere') {
    deleteSessionCookie(Astro.cookies, isSecureOrigin(siteOrigin(Astro.url)));
    return { redirect: '/login' };
  }
  if (result.saved === 'password') await rotateSession(Astro, user.id);
  return { redirect: `/account?saved=${result.saved}` };
}
