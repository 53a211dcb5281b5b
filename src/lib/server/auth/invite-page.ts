import type { AstroGlobal } from 'astro';
import type { Database } from '../../../../db/client.ts';
import { absoluteUrl, clientIp, readForm } from '../http/request.ts';
import { handleInvite, type InviteScope } from './invite-actions.ts';

/** What an invite page shows after a post: the refusal, or the invitation with its link. */
export interface InvitePageState {
  error: string;
  invitation: { name: string; email: string; link: string } | null;
}

/** Handles an invite page's post within its scope (nothing on GET), setting the answer's status. */
export async function inviteFromPage(
  Astro: AstroGlobal,
  db: Database,
  actor: { id: string },
  scope: InviteScope,
): Promise<InvitePageState> {
  if (Astro.request.method !== 'POST') return { error: '', invitation: null };
  const form = await readForm(Astro.request);
  const result = await handleInvite(db, actor, clientIp(Astro), form, scope);
  if (!result.ok) {
    Astro.response.status = result.status;
    return { error: result.message, invitation: null };
  }
  const { name, email, token } = result.invitation;
  const link = absoluteUrl(Astro, `/set-password?token=${token}`);
  return { error: '', invitation: { name, email, link } };
}
