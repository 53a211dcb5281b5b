import * as oidc from 'openid-client';

/** Why a single sign-on attempt ended without a session; each has a page a person can act on. */
export type SsoFailureKind =
  | 'not-configured'
  | 'provider-unreachable'
  | 'state-mismatch'
  | 'clock-skew'
  | 'token-invalid'
  | 'provider-refused'
  | 'not-in-mapped-group'
  | 'account-disabled'
  | 'account-exists'
  | 'missing-claims';

/** What the person sees: a status, a title and what to do; never the technical detail. */
export interface SsoFailurePage {
  status: number;
  title: string;
  message: string;
}

/** The page for each failure; `provider` is the configured display name. */
export function ssoFailurePage(kind: SsoFailureKind, provider: string): SsoFailurePage {
  switch (kind) {
    case 'not-configured':
      return {
        status: 404,
        title: 'Single sign-on is not set up',
        message: 'This Switchyard site signs in with email and password. Use the sign-in form.',
      };
    case 'provider-unreachable':
      return {
        status: 503,
        title: `${provider} cannot be reached`,
        message: `Switchyard could not reach ${provider} to check your sign-in. Try again in a few minutes; if it keeps happening, tell your IT service desk that the identity provider is not answering Switchyard.`,
      };
    case 'state-mismatch':
      return {
        status: 400,
        title: 'This sign-in link has expired',
        message:
          'The sign-in did not start in this browser, took longer than 10 minutes, or was already used. Start again from the sign-in page.',
      };
    case 'clock-skew':
      return {
        status: 400,
        title: 'The clocks do not agree',
        message: `The sign-in from ${provider} looks older or newer than it can be, which happens when a server clock is wrong. Try again; if it keeps happening, ask your Switchyard administrator to check the server's time.`,
      };
    case 'token-invalid':
      return {
        status: 400,
        title: 'The sign-in could not be verified',
        message: `Switchyard could not verify the answer from ${provider}, so it did not sign you in. Try again; if it keeps happening, ask your Switchyard administrator, who can see the reason in the server log.`,
      };
    case 'provider-refused':
      return {
        status: 400,
        title: `${provider} did not sign you in`,
        message: `${provider} ended the sign-in without a result (it may have been cancelled). Start again; if ${provider} refuses you, ask your IT service desk for access to Switchyard.`,
      };
    case 'not-in-mapped-group':
      return {
        status: 403,
        title: 'Your account has no access to Switchyard yet',
        message: `You signed in to ${provider}, but you are not in any group that gives access to Switchyard. Ask your training manager or IT service desk to add you to the right group, then sign in again.`,
      };
    case 'account-disabled':
      return {
        status: 403,
        title: 'Your Switchyard account is disabled',
        message: 'Ask your Switchyard administrator to enable it again.',
      };
    case 'account-exists':
      return {
        status: 409,
        title: 'You already have a Switchyard account',
        message: `An account with your email address exists, and it is not yet linked to ${provider}. Ask your Switchyard administrator to allow linking existing accounts, or sign in with your password.`,
      };
    case 'missing-claims':
      return {
        status: 400,
        title: `${provider} did not send your email address`,
        message: `Switchyard needs your email address from ${provider}. Ask your IT service desk to release the email claim to Switchyard.`,
      };
  }
}

/** Codes of openid-client errors that mean the token failed validation. */
const TOKEN_INVALID_CODES = new Set([
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_PARSE_ERROR',
  'OAUTH_UNSUPPORTED_OPERATION',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
]);

/** Sorts an error from the OpenID client into a failure kind, with a one-line detail for the log. */
export function classifyOidcError(error: unknown): { kind: SsoFailureKind; detail: string } {
  const detail = describeError(error);
  if (error instanceof oidc.AuthorizationResponseError) return { kind: 'provider-refused', detail };
  if (error instanceof oidc.ResponseBodyError) return { kind: 'provider-refused', detail };
  if (error instanceof TypeError) return { kind: 'provider-unreachable', detail };
  if (error instanceof oidc.ClientError) {
    if (error.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return { kind: 'clock-skew', detail };
    if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') {
      return { kind: 'provider-unreachable', detail };
    }
    if (error.code && TOKEN_INVALID_CODES.has(error.code)) return { kind: 'token-invalid', detail };
    if (error.cause instanceof TypeError) return { kind: 'provider-unreachable', detail };
  }
  return { kind: 'token-invalid', detail };
}

/** The error's message, code and causes on one line, for the server log. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        `${current.name}: ${current.message}${typeof code === 'string' ? ` [${code}]` : ''}`,
      );
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join(' <- ').replace(/\s+/g, ' ').slice(0, 1000);
}
