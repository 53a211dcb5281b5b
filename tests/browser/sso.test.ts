import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase, type Database } from '../../db/client.ts';
import { teamMembers, teams, users } from '../../db/schema.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';
import { runCli } from '../helpers/http.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { addPersonByCli } from '../helpers/people.ts';

let provider: TestProvider;
let server: TestServer;
let browser: TestBrowser;
let db: Database;
const ADMIN = { email: 'grid.admin@utility.example', password: 'protection relay settings file' };

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

beforeAll(async () => {
  provider = await startTestProvider();
  server = await startServer({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_DISPLAY_NAME: 'Contoso',
    SSO_ONLY: 'true',
  });
  await provider.registerClient(`${server.url}/auth/oidc/callback`, `${server.url}/`);
  addPersonByCli(server.databaseUrl, { ...ADMIN, name: 'Ada Admin', role: 'admin' });
  for (const args of [
    ['user', 'break-glass', '--email', ADMIN.email],
    [
      'team',
      'add',
      '--slug',
      'substation-maintenance',
      '--name',
      'Substation maintenance',
      '--kind',
      'ot',
    ],
  ]) {
    const result = runCli(server.databaseUrl, args, ADMIN.password);
    if (result.status !== 0) throw new Error(result.stderr);
  }
  provider.accounts.set('sam', {
    login: 'sam',
    password: 'sam at the provider',
    claims: {
      sub: 'sam-0042',
      email: 'sam.supervisor@utility.example',
      email_verified: true,
      name: 'Sam Supervisor',
      department: 'OT',
      groups: ['GRP-Substation-Maint', 'GRP-Training-Managers'],
    },
  });
  db = await openDatabase({ url: server.databaseUrl });
  browser = await launchBrowser();
});

afterAll(async () => {
  db?.$client.close();
  await browser?.close();
  await server?.dispose();
  await provider?.close();
});

describe('single sign-on journey', () => {
  test('the break-glass administrator maps groups, then a new person signs in through the provider', async () => {
    const page = await browser.newPage();
    // With SSO_ONLY the sign-in page offers the provider; the password form is for recovery.
    await page.goto(`${server.url}/login`);
    await expect(
      page.getByRole('link', { name: 'Sign in with Contoso' }).isVisible(),
    ).resolves.toBe(true);
    await expect(page.locator('#password').isVisible()).resolves.toBe(false);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'sign in with a password' }).click();
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('form.card button[type=submit]');
    await page.waitForURL((url) => url.pathname !== '/login');

    await page.goto(`${server.url}/admin/sso`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      `${server.url}/auth/oidc/callback`,
    );
    for (const [group, team, role] of [
      ['GRP-Substation-Maint', 'substation-maintenance', ''],
      ['GRP-Training-Managers', '', 'manager'],
    ] as const) {
      await page.fill('#groupName', group);
      await page.selectOption('#team', team);
      await page.selectOption('#role', role);
      await page.click('form:has(input[value=add-mapping]) button[type=submit]');
      await expect(page.locator('[role=status]').textContent()).resolves.toContain(group);
    }
    await expectAccessible(page);
    await page.context().clearCookies();

    // A new person opens their learning page, is asked to sign in, and uses the provider.
    browser.requests.length = 0;
    await page.goto(`${server.url}/learn`);
    await page.getByRole('link', { name: 'Sign in with Contoso' }).click();
    await page.waitForURL(
      (url) => url.origin === provider.issuer && url.pathname.startsWith('/interaction/'),
    );
    await page.fill('#login', 'sam');
    await page.fill('#password', 'sam at the provider');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${server.url}/learn`);
    await expect(page.locator('header').textContent()).resolves.toContain('Sam Supervisor');
    await expect(page.getByRole('link', { name: 'Manage' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    const [sam] = await db
      .select()
      .from(users)
      .where(eq(users.email, 'sam.supervisor@utility.example'));
    expect(sam).toMatchObject({ role: 'manager', department: 'ot' });
    const memberships = await db
      .select({ slug: teams.slug })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, sam?.id ?? ''));
    expect(memberships).toEqual([{ slug: 'substation-maintenance' }]);

    // Replaying the callback in the same browser is refused with a page, not a 500.
    const callback = browser.requests.find((url) =>
      url.startsWith(`${server.url}/auth/oidc/callback`),
    );
    expect(callback).toBeTruthy();
    const replay = await page.goto(callback ?? '');
    expect(replay?.status()).toBe(400);
    await expect(page.locator('h1').textContent()).resolves.toBe('This sign-in link has expired');
    await expectAccessible(page);

    // Nothing left for any host but Switchyard and the configured issuer.
    const issuerHost = new URL(provider.issuer).host;
    const others = foreignRequests(browser.requests, server.url).filter(
      (url) => new URL(url).host !== issuerHost,
    );
    expect(others).toEqual([]);
    expect(foreignRequests(browser.requests, server.url).length).toBeGreaterThan(0);
    await page.close();
  });
});
