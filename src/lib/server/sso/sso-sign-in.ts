import * as oidc from 'openid-client';
import type { Database } from '../../../../db/client.ts';
import { recordAuditEvent } from '../audit.ts';
import { isFlagOn } from '../site-settings.ts';
import { applyAccess } from './access.ts';
import {
  groupsFromClaims,
  hasGroupOverage,
  listGroupMappings,
  planAccess,
} from './group-mapping.ts';
import { resolveAccount } from './identity.ts';
import { providerConfiguration, rememberProviderKeys } from './oidc-client.ts';
import { OIDC_CALLBACK_PATH, type OidcSettings } from './oidc-settings.ts';
import { personFromClaims } from './provider-person.ts';
import { consumeSignInAttempt, createSignInAttempt } from './sign-in-attempts.ts';
import { classifyOidcError, describeError, type SsoFailureKind } from './sso-failure.ts';

/** A failed step: the kind for the page, the detail for the log. */
export type SsoFailure = { ok: false; kind: SsoFailureKind; detail: string };

/** Writes the detail of a refused sign-in to the server log (the page never shows it). */
function logFailure(kind: SsoFailureKind, detail: string): void {
  console.warn(`Single sign-on refused (${kind}): ${detail}`);
}

/** Starts a sign-in: remembers state, nonce and PKCE verifier, and returns the provider's URL. */
export async function beginSsoSignIn(
  db: Database,
  settings: OidcSettings,
  input: { origin: string; nextPath: string },
): Promise<{ ok: true; url: string; attemptToken: string } | SsoFailure> {
  let config: oidc.Configuration;
  try {
    config = await providerConfiguration(settings);
  } catch (error) {
    const detail = `discovery at ${settings.issuer.href} failed: ${describeError(error)}`;
    logFailure('provider-unreachable', detail);
    return { ok: false, kind: 'provider-unreachable', detail };
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const redirectUri = new URL(OIDC_CALLBACK_PATH, input.origin).href;
  const attemptToken = await createSignInAttempt(db, {
    state,
    nonce,
    codeVerifier,
    redirectUri,
    nextPath: input.nextPath,
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { ok: true, url: url.href, attemptToken };
}

/** Exchanges the code and validates the ID token; returns its claims. */
async function exchangeCode(
  settings: OidcSettings,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<{ ok: true; claims: Record<string, unknown> } | SsoFailure> {
  let config: oidc.Configuration;
  try {
    config = await providerConfiguration(settings);
  } catch (error) {
    return { ok: false, kind: 'provider-unreachable', detail: describeError(error) };
  }
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, kind: 'token-invalid', detail: 'no ID token in the response' };
    return { ok: true, claims: { ...claims } };
  } catch (error) {
    return { ok: false, ...classifyOidcError(error) };
  } finally {
    rememberProviderKeys(config);
  }
}

/**
 * Finishes a sign-in at the callback: the attempt must belong to this browser and match the state;
 * the ID token must validate; the person's groups must be mapped; then the account is found, linked
 * or created and its role and teams follow the groups.
 */
export async function completeSsoSignIn(
  db: Database,
  settings: OidcSettings,
  input: { attemptToken: string | undefined; requestUrl: URL; ip: string },
): Promise<{ ok: true; userId: string; nextPath: string; isNew: boolean } | SsoFailure> {
  const fail = async (
    kind: SsoFailureKind,
    detail: string,
    subjectId?: string,
  ): Promise<SsoFailure> => {
    logFailure(kind, detail);
    await recordAuditEvent(db, {
      type: 'sso.refused',
      subjectId: subjectId ?? null,
      ip: input.ip,
      detail: { reason: kind, detail },
    });
    return { ok: false, kind, detail };
  };
  const attempt = await consumeSignInAttempt(db, input.attemptToken);
  if (!attempt)
    return fail(
      'state-mismatch',
      'no live sign-in attempt for this browser (expired, replayed or started elsewhere)',
    );
  if (input.requestUrl.searchParams.get('state') !== attempt.state) {
    return fail(
      'state-mismatch',
      'the state returned by the provider is not the one this browser was sent with',
    );
  }
  const callbackUrl = new URL(attempt.redirectUri);
  callbackUrl.search = input.requestUrl.search;
  const exchanged = await exchangeCode(settings, callbackUrl, attempt);
  if (!exchanged.ok) return fail(exchanged.kind, exchanged.detail);
  const { claims } = exchanged;
  const person = personFromClaims(claims);
  const who = `${person.issuer} sub ${person.subject} (${person.email ?? 'no email'})`;
  if (hasGroupOverage(claims, settings.groupsClaim)) {
    const detail = `${who}: the provider left out the "${settings.groupsClaim}" claim because the person is in too many groups (Entra ID group overage, _claim_names). Configure the application to send only groups assigned to it, or use app roles.`;
    console.warn(`Single sign-on: ${detail}`);
    await recordAuditEvent(db, {
      type: 'sso.groups-overage',
      ip: input.ip,
      detail: { issuer: person.issuer, subject: person.subject, detail },
    });
  }
  const groups = groupsFromClaims(claims, settings.groupsClaim);
  const plan = planAccess(await listGroupMappings(db), groups);
  if (!plan.isMapped) {
    return fail(
      'not-in-mapped-group',
      `${who} is in none of the mapped groups; groups sent: ${JSON.stringify(groups).slice(0, 500)}`,
    );
  }
  const account = await resolveAccount(db, person, {
    role: plan.role,
    canLinkByEmail: await isFlagOn(db, 'linkExistingAccounts'),
    ip: input.ip,
  });
  if (!account.ok) return fail(account.kind, `${who}: ${account.kind}`, account.userId);
  await applyAccess(db, account.user, plan, input.ip);
  await recordAuditEvent(db, {
    type: 'sso.sign-in',
    actorId: account.user.id,
    subjectId: account.user.id,
    ip: input.ip,
    detail: { issuer: person.issuer, subject: person.subject, groups: groups.slice(0, 50) },
  });
  return { ok: true, userId: account.user.id, nextPath: attempt.nextPath, isNew: account.isNew };
}
