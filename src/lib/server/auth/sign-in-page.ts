import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { getDb } from '../db.ts';
import { currentDevice, rememberDevice } from '../http/device-cookie.ts';
import { clientIp, readForm, rotateSession, safeNextPath } from '../http/request.ts';
import { currentOidcSettings } from '../sso/sso-routes.ts';
import { signIn, type SignInResult } from './sign-in.ts';

/** The sign-in form as posted. */
export const SignInFormSchema = z.object({
  /** The account's email address. */
  email: z.string().trim().min(1).max(320),
  /** The password as typed. */
  password: z.string().min(1).max(1024),
  /** Where to go after signing in (checked to stay on the site). */
  next: z.string().optional(),
});

/** What the sign-in page shows: the single sign-on link, the password form, and a refusal. */
export interface SignInPageState {
  next: string;
  sso: ReturnType<typeof currentOidcSettings>;
  isSsoOnly: boolean;
  isPasswordFormShown: boolean;
  ssoStart: string;
  error: string;
  email: string;
}

/** A refused sign-in as the page answers it: status, wait and the sentence shown. */
export function signInRefusal(
  result: Exclude<SignInResult, { ok: true }>,
  sso: { isSsoOnly: boolean; displayName: string } | null,
): { status: 401 | 429 | 503; retryAfter?: number; message: string } {
  if (result.reason === 'throttled') {
    const message = `Too many failed attempts. Try again in ${result.retryAfter} seconds.`;
    return { status: 429, retryAfter: result.retryAfter, message };
  }
  if (result.reason === 'busy') {
    const message = `The server is checking many sign-ins right now. Try again in ${result.retryAfter} seconds.`;
    return { status: 503, retryAfter: result.retryAfter, message };
  }
  const message = sso?.isSsoOnly
    ? `Password sign-in is kept for recovery accounts, and that email and password do not match one. Everyone else signs in with ${sso.displayName}.`
    : 'That email and password do not match an active account.';
  return { status: 401, message };
}

/**
 * Reads the sign-in page's request: a signed-in visitor is sent on, a correct password starts a
 * session (a redirect to `next` or the person's home), anything else is the page to show.
 */
export async function signInFromPage(
  Astro: AstroGlobal,
): Promise<{ redirect: string; status: 302 } | SignInPageState> {
  const next = safeNextPath(Astro.url.searchParams.get('next'), '', Astro);
  const sso = currentOidcSettings();
  const isSsoOnly = sso?.isSsoOnly ?? false;
  const isPost = Astro.request.method === 'POST';
  const state: SignInPageState = {
    next,
    sso,
    isSsoOnly,
    // With single sign-on only, the password form is for break-glass (recovery) accounts and is shown on request.
    isPasswordFormShown: !isSsoOnly || Astro.url.searchParams.has('recovery') || isPost,
    ssoStart: `/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`,
    error: '',
    email: '',
  };
  if (Astro.locals.user && Astro.request.method === 'GET')
    return { redirect: next || '/learn', status: 302 };
  if (!isPost) return state;
  const form = await readForm(Astro.request);
  const parsed = SignInFormSchema.safeParse(form);
  state.email = form['email'] ?? '';
  if (!parsed.success) {
    Astro.response.status = 400;
    return { ...state, error: 'Enter your email address and your password.' };
  }
  const device = await currentDevice(Astro);
  const result = await signIn(await getDb(), {
    ...parsed.data,
    ip: clientIp(Astro),
    device,
    isBreakGlassOnly: isSsoOnly,
  });
  if (result.ok) {
    const home = result.user.role === 'learner' ? '/learn' : '/manage';
    await rotateSession(Astro, result.user.id);
    await rememberDevice(Astro, result.user.id, device);
    return { redirect: safeNextPath(parsed.data.next, home, Astro), status: 302 };
  }
  const refusal = signInRefusal(result, sso);
  Astro.response.status = refusal.status;
  if (refusal.retryAfter) Astro.response.headers.set('Retry-After', String(refusal.retryAfter));
  return { ...state, error: refusal.message };
}
