import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/server/config.ts';

describe('parseConfig', () => {
  test('applies the documented defaults', () => {
    const result = parseConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        DATABASE_URL: 'file:./data/switchyard.db',
        PORT: 4321,
        HOST: 'localhost',
        ORG_TIME_ZONE: 'UTC',
        SESSION_IDLE_DAYS: 7,
        SESSION_ABSOLUTE_DAYS: 30,
        OIDC_CLIENT_AUTH: 'client_secret_basic',
        OIDC_SCOPES: 'openid email profile',
        OIDC_DISPLAY_NAME: 'your organisation',
        OIDC_GROUPS_CLAIM: 'groups',
        SSO_ONLY: false,
      },
    });
  });

  test.each([
    ['DATABASE_URL', 'nonsense'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PUBLIC_ORIGIN', 'training.example.com'],
    ['PUBLIC_ORIGIN', 'ftp://training.example.com'],
    ['SESSION_IDLE_DAYS', '0'],
    ['ORG_TIME_ZONE', 'Mars/Olympus_Mons'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    const result = parseConfig({ [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(name);
      expect(result.message).not.toContain('\n');
    }
  });

  test.each([
    'file:/var/lib/switchyard/db.sqlite',
    ':memory:',
    'libsql://switchyard.example.turso.io',
    'http://127.0.0.1:8080',
  ])('accepts DATABASE_URL=%s', (url) => {
    expect(parseConfig({ DATABASE_URL: url }).ok).toBe(true);
  });

  test('reduces PUBLIC_ORIGIN to its origin and treats empty values as unset', () => {
    const result = parseConfig({ PUBLIC_ORIGIN: 'https://training.example.com/path', PORT: '' });
    expect(result.ok && result.config.PUBLIC_ORIGIN).toBe('https://training.example.com');
    expect(result.ok && result.config.PORT).toBe(4321);
  });

  describe('single sign-on settings', () => {
    const sso = {
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_CLIENT_ID: 'switchyard',
      OIDC_CLIENT_SECRET: 'a secret from the provider',
    };

    test('accepts an https issuer with a client id and secret', () => {
      const result = parseConfig({ ...sso, SSO_ONLY: 'true', OIDC_DISPLAY_NAME: 'Contoso' });
      expect(result.ok && result.config.OIDC_ISSUER).toBe(sso.OIDC_ISSUER);
      expect(result.ok && result.config.SSO_ONLY).toBe(true);
    });

    test('accepts plain http only for a provider on this machine', () => {
      expect(parseConfig({ ...sso, OIDC_ISSUER: 'http://localhost:9000' }).ok).toBe(true);
      expect(parseConfig({ ...sso, OIDC_ISSUER: 'http://idp.example.com' }).ok).toBe(false);
    });

    test.each([
      [{ OIDC_ISSUER: 'nonsense' }, 'OIDC_ISSUER'],
      [{ OIDC_ISSUER: 'ftp://idp.example.com' }, 'OIDC_ISSUER'],
      [{ OIDC_CLIENT_ID: undefined }, 'OIDC_CLIENT_ID'],
      [{ OIDC_CLIENT_SECRET: undefined }, 'OIDC_CLIENT_SECRET'],
      [{ OIDC_CLIENT_AUTH: 'private_key_jwt' }, 'OIDC_CLIENT_KEY_FILE'],
      [
        { OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_CLIENT_KEY_FILE: '/no/such/key.pem' },
        'OIDC_CLIENT_KEY_FILE',
      ],
      [{ OIDC_CLIENT_AUTH: 'magic' }, 'OIDC_CLIENT_AUTH'],
      [{ OIDC_SCOPES: 'email profile' }, 'OIDC_SCOPES'],
      [{ OIDC_GROUPS_CLAIM: 'group claim' }, 'OIDC_GROUPS_CLAIM'],
      [{ SSO_ONLY: 'sometimes' }, 'SSO_ONLY'],
      [{ OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, SSO_ONLY: 'true' }, 'SSO_ONLY'],
    ])('rejects %o with one line naming %s', (changes, name) => {
      const result = parseConfig({ ...sso, ...changes });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(new RegExp(`^Invalid ${name}:`));
        expect(result.message).not.toContain('\n');
      }
    });
  });
});
