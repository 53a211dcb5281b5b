import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.ts';
import { certificates, teams, users } from '../../db/schema.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { runCli } from '../helpers/http.ts';
import { addPersonByCli } from '../helpers/people.ts';

const PHONE = { width: 390, height: 844 };
const ADMIN = { email: 'phone.admin@utility.example', password: 'breaker racked out and tagged' };
let server: TestServer;
let browser: TestBrowser;
let page: Page;
let db: Database;
let demoPassword = '';
let demoManager = '';
let demoLearner = '';

function cli(args: string[], input?: string): string {
  const result = runCli(server.databaseUrl, args, input);
  if (result.status !== 0) throw new Error(`switchyard ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function signIn(email: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
async function sidewaysOverflow(target: Page): Promise<number> {
  return target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Colour-contrast violations in the dark theme. */
async function darkContrastViolations(target: Page): Promise<string[]> {
  await target.emulateMedia({ colorScheme: 'dark' });
  const results = await new AxeBuilder({ page: target }).withRules(['color-contrast']).analyze();
  await target.emulateMedia({ colorScheme: 'light' });
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  );
}

/** Opens a page at phone width and checks that it fits, passes axe, and keeps contrast in the dark theme. */
async function expectFitsPhone(path: string, status = 200): Promise<void> {
  const response = await page.goto(server.url + path);
  expect.soft(response?.status(), path).toBe(status);
  expect.soft(await sidewaysOverflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  expect.soft(await axeViolations(page), path).toEqual([]);
  expect.soft(await darkContrastViolations(page), `${path} (dark)`).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  const demo = cli(['demo']);
  demoPassword = /Password: (\S+)/.exec(demo)?.[1] ?? '';
  const emails = [...demo.matchAll(/^\s+(\S+@\S+)\s+\(/gm)].map((match) => match[1] ?? '');
  demoManager = emails[0] ?? '';
  demoLearner = emails[4] ?? '';
  addPersonByCli(server.databaseUrl, { ...ADMIN, name: 'Ana Admin', role: 'admin' });
  db = await openDatabase({ url: server.databaseUrl });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize(PHONE);
});

afterAll(async () => {
  await browser?.close();
  db?.$client.close();
  await server?.dispose();
});

// Each test visits several pages and runs axe twice on each: give them room on a loaded machine.
describe('every page type on a 390 px phone', { timeout: 240_000 }, () => {
  test('public pages fit the screen and pass axe in both themes', async () => {
    expect(demoPassword).not.toBe('');
    const [certificate] = await db.select({ code: certificates.code }).from(certificates).limit(1);
    for (const path of [
      '/',
      '/login',
      '/courses',
      '/courses/sql-for-grid-data',
      '/courses/sql-for-grid-data/tables-and-select',
      '/tracks/data-analytics',
      '/sims',
      `/certificates/${certificate?.code ?? 'missing'}`,
    ]) {
      await expectFitsPhone(path);
    }
    await expectFitsPhone('/no/such/page', 404);
    await expectFitsPhone('/set-password?token=abcdefghijklmnopqrstuvwxyz234567', 403);
  });

  test('a learner’s pages fit: home, account, a reading, a lab, a simulation', async () => {
    await signIn(demoLearner, demoPassword);
    for (const path of [
      '/learn',
      '/account',
      '/courses/cip-004-role-based-training',
      '/courses/sql-for-grid-data/filter-and-aggregate',
      '/sims/equipment-walkdown',
    ]) {
      await expectFitsPhone(path);
    }
    await expectFitsPhone('/admin/users', 403);
  });

  test('a lesson shows the course outline with states and its contents; /learn continues there', async () => {
    await signIn(demoLearner, demoPassword);
    const lesson = '/courses/sql-for-grid-data/time-buckets-and-peaks';
    // The GET writes nothing; once the page is shown its script posts that the learner opened it.
    const visit = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === lesson &&
        response.request().postData() === 'action=opened',
      { timeout: 60_000 },
    );
    await page.goto(server.url + lesson);
    expect((await visit).status()).toBe(204);
    expect(await page.locator('details.outline-fold').isVisible()).toBe(true);
    expect(await page.locator('div.outline-side').isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    // The outline shows the recorded visit from the next render on.
    await page.reload();
    const outline = page.locator('div.outline-side nav[aria-label="Course outline"]');
    expect(await outline.isVisible()).toBe(true);
    await expect(outline.locator('[aria-current=page]').textContent()).resolves.toContain(
      'Time buckets',
    );
    const states = await outline
      .locator('li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    expect(states).toHaveLength(5);
    expect(states[2]).toBe('in-progress');
    expect(await outline.locator('li').nth(1).textContent()).toContain('Lab');
    const targets = await page
      .locator('div.toc-side a')
      .evaluateAll((links) =>
        links.map((link) => Boolean(document.getElementById(link.getAttribute('href')!.slice(1)))),
      );
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.every(Boolean)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(server.url + '/learn');
    const card = page.locator('[data-testid=continue]');
    expect(await card.locator('a[href="/courses/sql-for-grid-data"]').count()).toBe(1);
    expect(await card.locator('a.button').getAttribute('href')).toMatch(
      /^\/courses\/sql-for-grid-data\//,
    );
    await page.setViewportSize(PHONE);
  });

  test('a manager’s pages fit, the matrix scrolling inside its own labelled region', async () => {
    await signIn(demoManager, demoPassword);
    await expectFitsPhone('/manage');
    const [team] = await db
      .select({ slug: teams.slug })
      .from(teams)
      .where(eq(teams.slug, 'substation-maintenance'));
    await expectFitsPhone(`/manage/teams/${team?.slug ?? 'missing'}`);
    const region = page.locator('[role=region][aria-labelledby=matrix-caption]');
    const sizes = await region.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
      header: getComputedStyle(element.querySelector('thead th')!).position,
      firstColumn: getComputedStyle(element.querySelector('tbody th')!).position,
    }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    expect(sizes).toMatchObject({ header: 'sticky', firstColumn: 'sticky' });
    const learnerHref = await page.locator('tbody th a').first().getAttribute('href');
    await expectFitsPhone(learnerHref ?? '/missing');
  });

  test('an administrator’s pages fit', async () => {
    await signIn(ADMIN.email, ADMIN.password);
    const [person] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoLearner));
    for (const path of [
      '/admin/users',
      `/admin/users/${person?.id ?? 'missing'}`,
      '/admin/teams',
      '/admin/teams/substation-maintenance',
      '/admin/audit',
      '/admin/sso',
      '/manage/imported-courses',
    ]) {
      await expectFitsPhone(path);
    }
  });
});
