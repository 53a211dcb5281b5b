import * as oidc from 'openid-client';
import { describe, expect, test } from 'vitest';
import {
  departmentFromClaim,
  personFromClaims,
} from '../../../src/lib/server/sso/provider-person.ts';
import {
  classifyOidcError,
  ssoFailurePage,
  type SsoFailureKind,
} from '../../../src/lib/server/sso/sso-failure.ts';

describe('personFromClaims', () => {
  test('takes name, verified email and department from the ID token', () => {
    expect(
      personFromClaims({
        iss: 'https://idp.example',
        sub: 'abc',
        email: 'Pat@Utility.Example',
        email_verified: true,
        name: 'Pat Lineworker',
        department: 'OT',
      }),
    ).toEqual({
      issuer: 'https://idp.example',
      subject: 'abc',
      email: 'pat@utility.example',
      isEmailVerified: true,
      displayName: 'Pat Lineworker',
      department: 'ot',
    });
  });

  test('falls back to an email-shaped username (an Entra ID UPN), which is never taken as verified', () => {
    const person = personFromClaims({
      iss: 'i',
      sub: 's',
      preferred_username: 'kim@utility.example',
      email_verified: true,
    });
    expect(person).toMatchObject({
      email: 'kim@utility.example',
      isEmailVerified: false,
      displayName: 'kim@utility.example',
    });
  });

  test('has no email when the provider sends none', () => {
    expect(personFromClaims({ iss: 'i', sub: 's', preferred_username: 'kim' }).email).toBeNull();
  });
});

describe('departmentFromClaim', () => {
  test.each([
    ['IT', 'it'],
    ['Information Technology', 'it'],
    ['ot', 'ot'],
    ['Operational Technology', 'ot'],
    ['Finance', 'other'],
    [undefined, 'other'],
  ])('%s is %s', (value, expected) => {
    expect(departmentFromClaim(value)).toBe(expected);
  });
});

/** An openid-client error with a code, as the library throws them. */
function clientError(message: string, code: string): oidc.ClientError {
  return new oidc.ClientError(message, { code } as ErrorOptions);
}

describe('classifyOidcError', () => {
  test.each([
    [new TypeError('fetch failed'), 'provider-unreachable'],
    [clientError('operation timed out', 'OAUTH_TIMEOUT'), 'provider-unreachable'],
    [clientError('JWT timestamp check failed', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED'), 'clock-skew'],
    [clientError('no applicable keys found', 'OAUTH_KEY_SELECTION_FAILED'), 'token-invalid'],
    [
      clientError('unexpected JWT claim value', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED'),
      'token-invalid',
    ],
    [new Error('anything else'), 'token-invalid'],
  ])('%s is %s', (error, kind) => {
    expect(classifyOidcError(error).kind).toBe(kind);
  });
});

describe('ssoFailurePage', () => {
  const kinds: SsoFailureKind[] = [
    'not-configured',
    'provider-unreachable',
    'state-mismatch',
    'clock-skew',
    'token-invalid',
    'provider-refused',
    'not-in-mapped-group',
    'account-disabled',
    'account-exists',
    'missing-claims',
  ];
  test.each(kinds)('%s is a 4xx or 503 page that says whom to ask or what to do', (kind) => {
    const page = ssoFailurePage(kind, 'Contoso');
    expect(page.status === 503 || (page.status >= 400 && page.status < 500)).toBe(true);
    expect(page.message).toMatch(/ask|try again|start again|sign in|use the sign-in form/i);
  });
});
