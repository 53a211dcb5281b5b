import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';
import { runCli } from '../helpers/http.ts';
import { completeCourse } from '../helpers/manage.ts';
import { addPersonByCli } from '../helpers/people.ts';

const CIP = 'cip-004-role-based-training';
const MANAGER = {
  email: 'grid.manager@utility.example',
  password: 'recertify every fifteen months',
};
const LEARNER = { email: 'relay.tech@utility.example', name: 'Priya Raman' };
/** "15 months" on the clock: 15 x 31 days is past the last day of any 15-calendar-month validity. */
const FIFTEEN_MONTHS_MS = 15 * 31 * 24 * 60 * 60 * 1000;
let server: TestServer;
let browser: TestBrowser;
let page: Page;
let db: Database;

function cli(databaseUrl: string, args: string[], input?: string): void {
  const result = runCli(databaseUrl, args, input);
  if (result.status !== 0) throw new Error(`switchyard ${args.join(' ')}: ${result.stderr}`);
}

async function expectAccessible(): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

async function signIn(): Promise<void> {
  await page.goto(`${server.url}/login?next=/manage`);
  await page.fill('#email', MANAGER.email);
  await page.fill('#password', MANAGER.password);
  await page.click('main button[type=submit]');
  await page.waitForURL('**/manage');
}

/** The text of the learner's CIP-004 cell in the matrix. */
async function cipCell(): Promise<string> {
  const learnerId = (
    await db.select({ id: users.id }).from(users).where(eq(users.email, LEARNER.email))
  )[0]!.id;
  const column = await page
    .locator('[data-testid=matrix] thead th')
    .allTextContents()
    .then((headers) => headers.findIndex((text) => text.includes('CIP-004')));
  expect(column).toBeGreaterThan(0);
  return (
    (await page.locator(`tr[data-learner="${learnerId}"] > *`).nth(column).textContent()) ?? ''
  );
}

beforeAll(async () => {
  server = await startServer();
  const url = server.databaseUrl;
  addPersonByCli(url, {
    email: MANAGER.email,
    name: 'Victor Haddad',
    role: 'manager',
    department: 'ot',
    password: MANAGER.password,
  });
  cli(url, [
    'team',
    'add',
    '--slug',
    'protection-and-control',
    '--name',
    'Protection and control',
    '--kind',
    'ot',
    '--manager',
    MANAGER.email,
  ]);
  addPersonByCli(url, {
    email: LEARNER.email,
    name: LEARNER.name,
    role: 'learner',
    department: 'ot',
    title: 'Relay technician',
    team: 'protection-and-control',
    password: 'a learner passphrase here',
  });
  addPersonByCli(url, {
    email: 'apprentice@utility.example',
    name: 'Bongani Dlamini',
    role: 'learner',
    department: 'ot',
    team: 'protection-and-control',
    password: 'a learner passphrase here',
  });
  db = await openDatabase({ url });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  db?.$client.close();
  await server?.dispose();
});

describe('training manager journey', () => {
  test('a manager assigns CIP-004 with a 15-month recurrence and sees a completion at once', async () => {
    await signIn();
    await expectAccessible();
    await page.click('a[href="/manage/teams/protection-and-control"]');
    await page.waitForURL('**/manage/teams/protection-and-control');
    await expectAccessible();

    const due = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await page.selectOption('#assign-item', `course:${CIP}`);
    await page.selectOption('#assign-assignee', 'team');
    await page.fill('#assign-due', due);
    await page.fill('#assign-recurrence', '15');
    await page.fill('#assign-note', 'Required before access to the control house.');
    await page.click('[data-testid=assign-form] button[type=submit]');
    await page.waitForURL('**/manage/teams/protection-and-control?notice=assigned');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Assigned');
    expect(await cipCell()).toContain('Not started');
    await expect(page.locator('[data-testid=assignments]').textContent()).resolves.toContain(
      'every 15 months',
    );
    await expectAccessible();

    // The learner completes the course: the course engine's completion and certificate, written
    // through the learning record into the server's database.
    const learnerId = (
      await db.select({ id: users.id }).from(users).where(eq(users.email, LEARNER.email))
    )[0]!.id;
    const { code } = await completeCourse(
      db,
      { id: learnerId, displayName: LEARNER.name },
      CIP,
      Date.now() - 60_000,
      0.95,
    );
    await page.reload();
    const cell = await cipCell();
    expect(cell).toContain('Completed (valid until');
    expect(cell).toContain('score 95%');
    expect(cell).toContain(code);
    expect(await page.locator('[data-figure=complete] dd').textContent()).toBe('50%');

    await page.goto(
      `${server.url}/manage/teams/protection-and-control?status=completed&sort=status`,
    );
    expect(await page.locator('tr[data-learner]').count()).toBe(1);
    await expectAccessible();

    await page.click(`a[href="/manage/learners/${learnerId}"] >> nth=0`);
    await page.waitForURL(`**/manage/learners/${learnerId}`);
    await expect(page.locator('[data-testid=transcript-courses]').textContent()).resolves.toContain(
      code,
    );
    await expectAccessible();
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  });

  test('fifteen months later on the clock, the same matrix shows the completion expired', async () => {
    const databaseUrl = server.databaseUrl;
    await server.stop();
    const later = await startServer({
      DATABASE_URL: databaseUrl,
      SWITCHYARD_CLOCK_OFFSET_MS: String(FIFTEEN_MONTHS_MS),
    });
    const first = server;
    server = later;
    try {
      await signIn();
      await expect(
        page.locator('[data-team=protection-and-control] [data-figure=expired]').textContent(),
      ).resolves.toBe('1');
      await expectAccessible();
      await page.goto(`${server.url}/manage/teams/protection-and-control`);
      const cell = await cipCell();
      expect(cell).toContain('Expired (was valid until');
      expect(await page.locator('[data-figure=expired] dd').textContent()).toBe('1');
      await expectAccessible();
    } finally {
      await first.dispose();
    }
  });
});
