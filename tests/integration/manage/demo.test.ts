import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { assignments, teams, users } from '../../../db/schema.ts';
import { readContent } from '../../../src/lib/content/content-files.ts';
import { itemCatalogOf } from '../../../src/lib/server/assignments/item-catalog.ts';
import { loadTeamSummaries } from '../../../src/lib/server/reports/team-report.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { runCli } from '../../helpers/http.ts';
import { ORIGIN } from '../../helpers/manage.ts';

let db: Database;
let url: string;
let cleanup: () => void;
let first: ReturnType<typeof runCli>;

beforeAll(async () => {
  ({ db, url, cleanup } = await createTestDatabase());
  first = runCli(url, ['demo']);
}, 120_000);

afterAll(() => cleanup?.());

describe('switchyard demo', () => {
  test('loads four teams of marked demo accounts and prints their shared password', async () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('==== DEMO ACCOUNTS');
    const password = /Password: (\S+)/.exec(first.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);
    const slugs = (await db.select({ slug: teams.slug }).from(teams)).map((row) => row.slug).sort();
    expect(slugs).toEqual([
      'cyber-security',
      'enterprise-it',
      'grid-operations',
      'substation-maintenance',
    ]);
    const people = await db.select().from(users);
    expect(people).toHaveLength(64);
    expect(people.every((person) => person.isDemo && person.passwordHash)).toBe(true);
    expect(people.filter((person) => person.role === 'manager')).toHaveLength(4);
    expect(new Set(people.map((person) => person.jobTitle)).size).toBeGreaterThan(30);
  });

  test('assigns CIP-004 with a 15-month recurrence to every team', async () => {
    const cip = await db
      .select()
      .from(assignments)
      .where(eq(assignments.itemId, 'cip-004-role-based-training'));
    expect(cip).toHaveLength(4);
    expect(cip.every((row) => row.recurrenceMonths === 15 && row.teamId)).toBe(true);
  });

  test('tells a story at first sight: completions, overdue, expiring and expired work', async () => {
    const catalog = itemCatalogOf(readContent());
    const teamIds = (await db.select({ id: teams.id }).from(teams)).map((row) => row.id);
    const { summaries } = await loadTeamSummaries(db, teamIds, catalog, {
      origin: ORIGIN,
      now: Date.now(),
      timeZone: 'UTC',
    });
    const total = (code: 'completed' | 'overdue' | 'expiring' | 'expired' | 'in-progress') =>
      [...summaries.values()].reduce((sum, summary) => sum + summary.counts[code], 0);
    expect(total('completed')).toBeGreaterThan(40);
    expect(total('overdue')).toBeGreaterThan(3);
    expect(total('expiring')).toBeGreaterThan(3);
    expect(total('expired')).toBeGreaterThan(1);
    expect(total('in-progress')).toBeGreaterThan(10);
    const certificates = await db.$client.execute('SELECT count(*) AS n FROM certificates');
    expect(Number(certificates.rows[0]?.['n'])).toBeGreaterThan(50);
  });

  test('refuses to load twice and changes nothing', async () => {
    const again = runCli(url, ['demo']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^switchyard demo: the demo organisation is already loaded .*nothing was changed\n$/,
    );
    expect(await db.select({ id: users.id }).from(users)).toHaveLength(64);
  });
});
