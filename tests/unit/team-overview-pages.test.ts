import { describe, expect, test } from 'vitest';
import { TEAMS_PER_PAGE, pageOfTeams } from '../../src/lib/server/reports/team-page.ts';

const teams = Array.from({ length: 2 * TEAMS_PER_PAGE + 3 }, (_, index) => `team-${index}`);
const page = (query: string) => pageOfTeams(teams, new URLSearchParams(query));

describe('pageOfTeams', () => {
  test('shows the first page by default and pages through the rest', () => {
    expect(page('')).toMatchObject({ page: 1, pageCount: 3 });
    expect(page('').teams).toHaveLength(TEAMS_PER_PAGE);
    expect(page('page=3').teams).toEqual(teams.slice(2 * TEAMS_PER_PAGE));
  });

  test.each(['page=0', 'page=-2', 'page=abc', 'page=1.5'])(
    'reads %s as the first page',
    (query) => {
      expect(page(query).page).toBe(1);
    },
  );

  test('reads a page past the end as the last page', () => {
    expect(page('page=99').page).toBe(3);
  });
});
