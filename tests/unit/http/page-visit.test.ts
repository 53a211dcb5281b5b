import { describe, expect, test } from 'vitest';
import { isPersonOpeningPage } from '../../../src/lib/server/http/page-visit.ts';

function request(method: string, headers: Record<string, string> = {}): Request {
  return new Request('http://switchyard.test/courses/c/l', { method, headers });
}

describe('a page request counts as a visit only when a person opens the page', () => {
  test.each([
    ['a plain GET', request('GET'), true],
    ['a POST', request('POST'), false],
    ['a HEAD', request('HEAD'), false],
    [
      'Chromium link prefetch (Sec-Purpose: prefetch)',
      request('GET', { 'sec-purpose': 'prefetch' }),
      false,
    ],
    ['speculation-rules prerender', request('GET', { 'sec-purpose': 'prefetch;prerender' }), false],
    ['the older Purpose header', request('GET', { purpose: 'prefetch' }), false],
    ['Firefox prefetch (X-moz)', request('GET', { 'x-moz': 'prefetch' }), false],
    ['an unrelated purpose', request('GET', { 'sec-purpose': 'navigate' }), true],
  ])('%s', (_name, req, expected) => {
    expect(isPersonOpeningPage(req)).toBe(expected);
  });
});
