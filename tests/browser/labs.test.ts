import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';
import { readCourse } from '../helpers/content.ts';
import { addPersonByCli } from '../helpers/people.ts';

// The first lab of the analytics track: a filter and aggregate on a week of SCADA data.
const COURSE = 'sql-for-grid-data';
const LESSON = 'filter-and-aggregate';
const lesson = readCourse(COURSE).lessons.find((entry) => entry.slug === LESSON)!;
const lab = lesson.data.lab;
const LEARNER = { email: 'relay.tech@utility.example', password: 'good quality rows only' };
// Right shape, but it forgets to keep only good-quality rows.
const WRONG =
  'SELECT feeder, COUNT(*) AS good_samples, ROUND(AVG(mw), 3) AS avg_mw, MAX(mw) AS peak_mw FROM scada_analogs GROUP BY feeder ORDER BY feeder';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Rita Relay',
    role: 'learner',
    department: 'ot',
    password: LEARNER.password,
  });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function expectAccessible(): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

/** Replaces the editor's text, as if pasted, and runs it with Ctrl+Enter. */
async function runInEditor(query: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(query);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
}

/** Clicks "Check my answer" and returns the verdict shown once the server has answered. */
async function check(): Promise<string> {
  await Promise.all([
    page.waitForResponse(
      (response) => response.url().includes('/api/labs/') && response.request().method() === 'POST',
    ),
    page.click('[data-testid=lab-check]'),
  ]);
  const verdict = page.locator('[data-testid=lab-verdict]');
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=lab-verdict]')?.getAttribute('data-verdict') !==
      'checking',
  );
  return (await verdict.getAttribute('data-verdict')) ?? '';
}

/** Answers the lesson's knowledge check correctly, so that the lab is the lesson's last requirement. */
async function passKnowledgeCheck(): Promise<void> {
  for (const question of lesson.data.check.questions) {
    for (const index of question.answer) {
      await page.check(`input[name="q-${question.id}"][value="${index}"]`);
    }
  }
  await page.click('#check button[type=submit]');
  await page.waitForSelector('[data-testid=check-result]');
}

describe('data lab journey', () => {
  test('a learner runs a wrong query, fails the check with a reason, fixes it, passes and the lesson is complete', async () => {
    await page.goto(`${server.url}/login?next=/courses/${COURSE}/${LESSON}`);
    await page.fill('#email', LEARNER.email);
    await page.fill('#password', LEARNER.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`**/courses/${COURSE}/${LESSON}`);
    await passKnowledgeCheck();
    await expect(page.locator('.lesson header .done').count()).resolves.toBe(0);
    await page.waitForSelector('[data-testid=lab-status]:has-text("The data is loaded")', {
      timeout: 30_000,
    });
    await expectAccessible();

    // A typo gets a plain-word error that says where it is.
    await runInEditor('SELECT feeder, mw,\nFROM scada_analogs');
    const error = page.locator('[data-testid=lab-error]');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(
      /could not read the query at "FROM".*line 2, column 1/,
    );

    await runInEditor(WRONG);
    await page.waitForSelector('[data-testid=lab-results] caption:has-text("4 rows")');
    await expect(page.locator('[data-testid=lab-results] tbody tr').count()).resolves.toBe(4);
    await expect(
      page.locator('[data-testid=lab-chart]').getAttribute('data-chart-kind'),
    ).resolves.toBe('bar');
    expect(await check()).toBe('failed');
    const reason = await page.locator('[data-testid=lab-verdict]').textContent();
    expect(reason).toMatch(/Not yet\.\s+\S+/);
    await expectAccessible();

    await page.click('button:has-text("Show a hint")');
    await expect(page.locator('[data-testid=lab-hints] li').count()).resolves.toBe(1);

    await runInEditor(lab.check.reference);
    await page.waitForSelector('[data-testid=lab-results] caption:has-text("4 rows")');
    expect(await check()).toBe('passed');
    await expectAccessible();

    await page.reload();
    await expect(page.locator('.lesson header .done').textContent()).resolves.toBe('Done');
    await expect(page.locator('#lab').textContent()).resolves.toContain('Lab passed.');
    await page.waitForSelector('[data-testid=lab-verdict][data-verdict=passed-before]');
    await expectAccessible();
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  });

  test('a time-bucketed result is drawn as a line over time', async () => {
    await runInEditor(
      "SELECT strftime('%Y-%m-%dT%H:00:00Z', ts) AS hour, ROUND(AVG(mw), 3) AS avg_mw FROM scada_analogs WHERE feeder = 'F1' GROUP BY hour ORDER BY hour",
    );
    await page.waitForSelector('[data-testid=lab-results] caption:has-text("168 rows")');
    await expect(
      page.locator('[data-testid=lab-chart]').getAttribute('data-chart-kind'),
    ).resolves.toBe('line');
    await expectAccessible();
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  });

  test('a runaway query is stopped in the browser and the lab keeps working', async () => {
    await runInEditor('SELECT count(*) FROM scada_analogs a, scada_analogs b');
    const error = page.locator('[data-testid=lab-error]');
    await error.waitFor({ timeout: 20_000 });
    await expect(error.textContent()).resolves.toMatch(/was stopped/);
    await runInEditor('SELECT COUNT(*) AS n FROM feeders');
    await page.waitForSelector('[data-testid=lab-results] caption:has-text("1 row")', {
      timeout: 30_000,
    });
  });
});
