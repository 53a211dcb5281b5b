import { describe, expect, test } from 'vitest';
import { skipsStaticFiles } from '../../../src/lib/server/http/static-first.ts';

describe('skipsStaticFiles', () => {
  test.each([
    '/xapi/statements',
    '/xapi/statements?statementId=3f2b9c1e-6d4a-4e8b-9a1c-2b7d5e8f0a13',
    '/xapi/activities/state#x',
    '/xapi',
  ])('hands %j to the app without a file lookup', (url) => {
    expect(skipsStaticFiles(url)).toBe(true);
  });

  test.each(['/favicon.svg', '/_astro/index.js', '/xapifoo', '/learn?next=/xapi/', '/', undefined])(
    'looks %j up among the static files first',
    (url) => {
      expect(skipsStaticFiles(url)).toBe(false);
    },
  );
});
