import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';
import { signInOverHttp } from '../helpers/http.ts';

let server: TestServer;
let browser: TestBrowser;
let page: Page;
const ADMIN = {
  email: 'ops.admin@utility.example',
  name: 'Olga Admin',
  password: 'substation yard walkdown',
};
const LEARNER = {
  email: 'tech@utility.example',
  name: 'Tomás Técnico',
  password: 'sampled values on the bus',
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function expectAccessible(target: Page): Promise<void> {
  expect(await axeViolations(target), target.url()).toEqual([]);
}

describe('accounts journey', () => {
  test('first-run setup creates the administrator from the printed link', async () => {
    const link = /\/setup\?token=[a-z2-7]{32}/.exec(server.output())?.[0];
    expect(link).toBeTruthy();
    await page.goto(server.url + '/setup?token=wrong');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('not valid');
    await page.goto(server.url + link);
    await expectAccessible(page);
    await page.fill('#email', ADMIN.email);
    await page.fill('#displayName', ADMIN.name);
    await page.fill('#password', ADMIN.password);
    await page.fill('#confirm', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL('**/admin/users?welcome=1');
    await expectAccessible(page);
    const again = await page.goto(server.url + link);
    expect(again?.status()).toBe(404);
  });

  test('an admin creates a team and invites a learner; the learner sets a password and is signed in', async () => {
    await page.goto(server.url + '/admin/teams');
    await expectAccessible(page);
    await page.fill('#name', 'Substation maintenance');
    await page.fill('#slug', 'substation-maintenance');
    await page.selectOption('#kind', 'ot');
    await page.click('form.card button[type=submit]');
    await page.waitForURL('**/admin/teams/substation-maintenance?created=1');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('invite people');
    await expectAccessible(page);

    await page.goto(server.url + '/admin/users');
    await page.fill('#invite-email', LEARNER.email);
    await page.fill('#invite-name', LEARNER.name);
    await page.selectOption('#invite-department', 'ot');
    await page.selectOption('#invite-team', { label: 'Substation maintenance' });
    await page.click('form.invite button[type=submit]');
    const link = (await page.locator('[data-testid=invitation-link]').textContent()) ?? '';
    expect(link).toMatch(/\/set-password\?token=[a-z2-7]{32}$/);
    await expectAccessible(page);

    // The learner uses the same browser profile after the admin signs out.
    await page.context().clearCookies();
    const learnerPage = await browser.newPage();
    await learnerPage.goto(link);
    await expect(learnerPage.locator('h1').textContent()).resolves.toBe('Welcome to Switchyard');
    await expectAccessible(learnerPage);
    await learnerPage.fill('#password', 'qwerty123456');
    await learnerPage.fill('#confirm', 'qwerty123456');
    await learnerPage.click('button[type=submit]');
    await expect(learnerPage.locator('[role=alert]').textContent()).resolves.toContain(
      'common passwords',
    );
    await learnerPage.fill('#password', LEARNER.password);
    await learnerPage.fill('#confirm', LEARNER.password);
    await learnerPage.click('button[type=submit]');
    await learnerPage.waitForURL('**/learn?welcome=1');
    await expect(
      learnerPage.locator('[data-testid=password-set]').textContent(),
    ).resolves.toContain(LEARNER.email);
    await expect(learnerPage.locator('[data-testid=welcome] h2').textContent()).resolves.toBe(
      'Welcome to Switchyard',
    );
    expect(await learnerPage.locator('[data-testid=welcome] a.button').count()).toBeGreaterThan(1);
    await expectAccessible(learnerPage);
    await learnerPage.goto(server.url + '/account');
    await expect(learnerPage.locator('h1').textContent()).resolves.toBe('Your account');
    await expect(learnerPage.locator('main').textContent()).resolves.toContain(LEARNER.email);
    await expectAccessible(learnerPage);
    const forbidden = await learnerPage.goto(server.url + '/admin/users');
    expect(forbidden?.status()).toBe(403);
    await expectAccessible(learnerPage);
    await learnerPage.context().clearCookies();
    const reused = await learnerPage.goto(link);
    expect(reused?.status()).toBe(403);
    await learnerPage.close();
  });

  test('changing the password ends the other sessions', async () => {
    const otherCookie = await signInOverHttp(server.url, LEARNER.email, LEARNER.password);
    const signedIn = await fetch(server.url + '/account', {
      headers: { cookie: otherCookie },
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(200);

    await page.context().clearCookies();
    await page.goto(server.url + '/login');
    await expectAccessible(page);
    await page.fill('#email', LEARNER.email);
    await page.fill('#password', LEARNER.password);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(server.url + '/account');
    await page.fill('#current', LEARNER.password);
    await page.fill('#next', 'a different passphrase now');
    await page.fill('#confirm', 'a different passphrase now');
    await page.click('form:has(input[value=password]) button[type=submit]');
    await page.waitForURL('**/account?saved=password');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain(
      'other sessions have ended',
    );
    await expectAccessible(page);

    const ended = await fetch(server.url + '/account', {
      headers: { cookie: otherCookie },
      redirect: 'manual',
    });
    expect(ended.status).toBe(302);
    await page.reload();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your account');
  });

  test('the admin pages pass axe: a person, the audit log and the manager home', async () => {
    await page.context().clearCookies();
    await page.goto(server.url + '/login');
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(server.url + '/admin/users');
    await page.click(`a:has-text("${LEARNER.name}")`);
    await expect(page.locator('h2').first().textContent()).resolves.toContain(LEARNER.name);
    await expectAccessible(page);
    await page.click('button:has-text("Create a password-reset link")');
    await expect(page.locator('[data-testid=reset-link]').textContent()).resolves.toMatch(
      /set-password\?token=/,
    );
    await page.goto(server.url + '/admin/audit');
    await expectAccessible(page);
    const types = await page.locator('tbody td:nth-child(2)').allTextContents();
    expect(types).toEqual(
      expect.arrayContaining([
        'setup.admin-created',
        'invitation.used',
        'password.changed',
        'sign-in.success',
        'team.created',
      ]),
    );
    await page.goto(server.url + '/manage');
    await expectAccessible(page);
  });

  test('no request left the site origin', () => {
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  });
});
