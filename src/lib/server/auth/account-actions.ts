import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { saveOwnPreferences } from '../cmi5/preference-actions.ts';
import { changeOwnPassword, renameSelf, signOutEverywhere } from './account.ts';
import { readNewPassword } from './new-password.ts';

/** The account page's own name field. */
export const DisplayNameFormSchema = z.object({
  /** The name others see on teams, reports and certificates. */
  displayName: z.string().trim().min(1, 'Enter your name.').max(120, 'Use at most 120 characters.'),
});

/** The notice shown after each saved form, keyed by the `?saved=` the page redirects to. */
export const ACCOUNT_NOTICES = {
  profile: 'Your name was saved.',
  password: 'Your password was changed. Your other sessions have ended.',
  preferences: 'Your preferences for imported courses were saved.',
} as const;

/** What was saved (for the notice), or that every session ended; else the refusal. */
export type AccountActionResult =
  | { ok: true; saved: keyof typeof ACCOUNT_NOTICES }
  | { ok: true; saved: 'sign-out-everywhere' }
  | { ok: false; status: number; message: string; retryAfter?: number };

/** Who posts the account page: the signed-in user, their session, address and trusted device. */
export interface AccountActor {
  user: { id: string };
  sessionId: string;
  ip: string;
  device: () => Promise<{ id: string; userId: string } | null>;
}

/**
 * Carries out one of the account page's forms for the signed-in user. A changed password ends
 * every other session; the caller replaces this browser's session, or drops it after signing out.
 */
export async function handleAccountAction(
  db: Database,
  actor: AccountActor,
  form: Record<string, string>,
): Promise<AccountActionResult> {
  const refuse = (message: string): AccountActionResult => ({ ok: false, status: 400, message });
  switch (form['action']) {
    case 'profile': {
      const parsed = DisplayNameFormSchema.safeParse(form);
      if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? 'Check the name.');
      await renameSelf(db, actor.user.id, parsed.data.displayName, actor.ip);
      return { ok: true, saved: 'profile' };
    }
    case 'password': {
      const typed = readNewPassword(form, 'next');
      if (!typed.ok) return refuse(typed.message);
      const result = await changeOwnPassword(db, {
        userId: actor.user.id,
        sessionId: actor.sessionId,
        current: form['current'] ?? '',
        next: typed.password,
        ip: actor.ip,
        device: await actor.device(),
      });
      return result.ok ? { ok: true, saved: 'password' } : result;
    }
    case 'preferences': {
      const result = await saveOwnPreferences(db, actor.user, form);
      return result.ok ? { ok: true, saved: 'preferences' } : refuse(result.message);
    }
    case 'sign-out-everywhere':
      await signOutEverywhere(db, actor.user.id, actor.ip);
      return { ok: true, saved: 'sign-out-everywhere' };
    default:
      return refuse('Unknown action.');
  }
}

/** The notice for a `?saved=` value, or none for an unknown one. */
export function accountNotice(saved: string | null): string {
  return ACCOUNT_NOTICES[saved as keyof typeof ACCOUNT_NOTICES] ?? '';
}
