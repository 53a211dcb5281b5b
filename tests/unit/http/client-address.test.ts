import { describe, expect, test } from 'vitest';
import {
  parseTrustedProxies,
  resolveClientAddress,
} from '../../../src/lib/server/http/client-address.ts';
import { parseConfig } from '../../../src/lib/server/config.ts';

describe('resolveClientAddress', () => {
  const proxies = parseTrustedProxies('10.0.0.5, 192.168.10.0/24, fd00::/8');

  test('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', undefined)).toBe('203.0.113.9');
  });

  test('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
  });

  test('believes a trusted proxy, reading from the right past other trusted hops', () => {
    expect(resolveClientAddress('10.0.0.5', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(
      resolveClientAddress('::ffff:10.0.0.5', '1.2.3.4, 198.51.100.1, 192.168.10.7', proxies),
    ).toBe('198.51.100.1');
    expect(resolveClientAddress('fd00::1', '2001:db8::7', proxies)).toBe('2001:db8::7');
  });

  test('a forged left-most entry does not become the client', () => {
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 198.51.100.1', proxies)).toBe('198.51.100.1');
  });

  test('garbage in the header falls back to the peer', () => {
    expect(resolveClientAddress('10.0.0.5', 'not-an-ip', proxies)).toBe('10.0.0.5');
  });
});

describe('TRUSTED_PROXIES', () => {
  test('is optional and parsed at start-up', () => {
    const result = parseConfig({ TRUSTED_PROXIES: '10.0.0.5,192.168.0.0/16' });
    expect(result.ok).toBe(true);
    expect(parseConfig({}).ok).toBe(true);
  });

  test.each(['10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1'])(
    'refuses %j with a message naming the variable',
    (value) => {
      const result = parseConfig({ TRUSTED_PROXIES: value });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Invalid TRUSTED_PROXIES: /);
    },
  );
});
