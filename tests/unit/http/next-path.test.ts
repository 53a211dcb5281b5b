import { describe, expect, test } from 'vitest';
import { safeNextPath } from '../../../src/lib/server/http/next-path.ts';

const ORIGIN = 'https://training.utility.example';

describe('safeNextPath', () => {
  test.each([
    ['/learn', '/learn'],
    ['/courses/sql-for-grid-data?x=1#lab', '/courses/sql-for-grid-data?x=1#lab'],
    ['/manage/teams/ops%20team', '/manage/teams/ops%20team'],
    [`${ORIGIN}/account`, '/account'],
    ['/a/../b', '/b'],
  ])('keeps the on-site destination %j as %j', (value, expected) => {
    expect(safeNextPath(value, '/fallback', ORIGIN)).toBe(expected);
  });

  test.each([
    '//evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    '/\r\n/evil.test',
    '\t//evil.test',
    '/\\evil.test',
    '\\\\evil.test',
    '/\\/evil.test',
    'https://evil.test/learn',
    'http://training.utility.example/learn',
    'https://training.utility.example.evil.test/',
    'javascript:alert(1)',
    'data:text/html,hi',
    '/\u0000/evil.test',
    '/learn\u0007',
    '',
    '/'.repeat(3000),
  ])('sends %j to the fallback', (value) => {
    expect(safeNextPath(value, '/fallback', ORIGIN)).toBe('/fallback');
  });

  test('never returns a value that is not a valid header and path on the site', () => {
    const pieces = [
      '/',
      '\\',
      '\t',
      '\n',
      '%2f',
      '%5c',
      '%09',
      'evil.test',
      ':',
      '@',
      '.',
      '?',
      '#',
    ];
    for (let i = 0; i < 4000; i++) {
      let value = '';
      const length = 1 + (i % 6);
      for (let j = 0; j < length; j++) value += pieces[(i * 7 + j * 13 + (i >> j)) % pieces.length];
      const result = safeNextPath(value, '/learn', ORIGIN);
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
      expect(result).toMatch(/^\/(?![\\/])[\x21-\x7e]*$/);
    }
  });
});
