import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';
import { readCourse, type AuthoredLesson } from '../helpers/content.ts';
import { addPersonByCli } from '../helpers/people.ts';

// A reading course without labs or required simulations, so a browser can complete it end to end.
const COURSE = 'distribution-grid-basics';
const LEARNER = { email: 'field.tech@utility.example', password: 'sequence of events record' };
let server: TestServer;
let browser: TestBrowser;
let page: Page;
const course = readCourse(COURSE);

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Fiona Field',
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

/** Ticks the given option indices of every question of a lesson's check and submits. */
async function answerCheck(
  lesson: AuthoredLesson,
  pick: (question: any) => number[],
): Promise<void> {
  for (const question of lesson.data.check.questions) {
    for (const box of await page.locator(`input[type=checkbox][name="q-${question.id}"]`).all())
      await box.uncheck();
    for (const index of pick(question)) {
      await page.check(`input[name="q-${question.id}"][value="${index}"]`);
    }
  }
  const before = page.url();
  await page.click('#check button[type=submit]');
  // Each attempt gets its own ?attempt= address, with or without the script's enhancement.
  await page.waitForFunction((previous) => location.href !== previous, before);
  await page.waitForSelector('[data-testid=check-result]');
}

/** Resolves with the POST a lesson page's script sends to record that the learner opened it. */
function visitPosted(lesson: AuthoredLesson) {
  return page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === `/courses/${COURSE}/${lesson.slug}` &&
      response.request().postData() === 'action=opened',
    { timeout: 60_000 },
  );
}

describe('course journey', () => {
  test('the catalogue lists the tracks, filters and searches', async () => {
    await page.goto(`${server.url}/courses`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Course catalogue');
    await expectAccessible();
    await page.selectOption('#audience', 'ot');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForURL(/audience=ot/);
    const titles = await page.locator('.course-card h3').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    await expectAccessible();
    await page.goto(
      `${server.url}/courses?q=${encodeURIComponent(String(course.data.title).split(' ')[0] ?? '')}`,
    );
    await expect(page.locator('main').textContent()).resolves.toContain(course.data.title);
  });

  test('a learner signs in, reads two lessons, fails then passes a check, completes the course and opens the certificate', async () => {
    await page.goto(`${server.url}/login?next=/courses/${COURSE}`);
    await expectAccessible();
    await page.fill('#email', LEARNER.email);
    await page.fill('#password', LEARNER.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`**/courses/${COURSE}`);
    await expectAccessible();
    const [first] = course.lessons;
    const firstVisit = visitPosted(first!);
    await page.click('[data-testid=course-status] a');

    for (const [index, lesson] of course.lessons.entries()) {
      await page.waitForURL(`**/courses/${COURSE}/${lesson.slug}**`);
      await expect(page.locator('h1').textContent()).resolves.toBe(lesson.data.title);
      // The page's script, not the GET, records the visit: once the page is shown, it posts it.
      if (index === 0) expect((await firstVisit).status()).toBe(204);
      if (index < 2) await expectAccessible();
      if (lesson.data.check) {
        if (index === 0) {
          await answerCheck(lesson, (question) => [question.answer[0] === 0 ? 1 : 0]);
          await expect(page.locator('[data-testid=check-result]').textContent()).resolves.toContain(
            'Not passed yet',
          );
          // The enhanced form moves focus to the result, so a screen reader announces it.
          await expect(
            page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
          ).resolves.toBe('check-result');
          await expect(page.locator('#check').textContent()).resolves.toContain(
            lesson.data.check.questions[0].explanation.slice(0, 40),
          );
          await expectAccessible();
        }
        await answerCheck(lesson, (question) => question.answer);
        await expect(page.locator('[data-testid=check-result]').textContent()).resolves.toContain(
          'Passed',
        );
        const next = page.locator('a[rel=next]');
        if (await next.count()) await next.click();
        else await page.goto(`${server.url}/courses/${COURSE}`);
      } else {
        await page.click('form.complete button');
      }
    }
    await page.goto(`${server.url}/courses/${COURSE}`);
    await expect(page.locator('[data-testid=course-status]').textContent()).resolves.toContain(
      'Completed',
    );
    await page.click('[data-testid=course-status] a');
    await page.waitForURL('**/certificates/**');
    await expect(page.locator('h1').textContent()).resolves.toBe('Fiona Field');
    await expect(page.locator('[data-testid=certificate-status]').textContent()).resolves.toBe(
      'Valid',
    );
    await expectAccessible();
    await page.emulateMedia({ media: 'print' });
    const headerVisible = await page.locator('.site-header').isVisible();
    expect(headerVisible).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/learn`);
    await expectAccessible();
    await expect(page.locator('#certificates-heading + ul').textContent()).resolves.toContain(
      course.data.title,
    );
  });

  test('the statements are readable through /xapi/statements by the learner', async () => {
    const read = () =>
      page.evaluate(async () => {
        const result = await fetch('/xapi/statements?limit=100', {
          headers: { 'X-Experience-API-Version': '1.0.3' },
        });
        return { status: result.status, body: await result.json() };
      });
    expect((await read()).status).toBe(200);
    // `experienced` comes from the visits the lesson pages posted (a page's GET records nothing).
    await expect
      .poll(
        async () =>
          (await read()).body.statements.map((statement: any) =>
            statement.verb.id.split('/').pop(),
          ),
        { timeout: 60_000, interval: 500 },
      )
      .toEqual(
        expect.arrayContaining(['experienced', 'answered', 'failed', 'passed', 'completed']),
      );
  });

  test('no request left the site origin', () => {
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  });
});

describe('knowledge-check answers stay on the server', () => {
  test('no lesson HTML or client script carries an explanation or an answer marker before submission', async () => {
    const assetDir = join(process.env['SWITCHYARD_DIST_DIR'] || 'dist', 'client/_astro');
    const assets = existsSync(assetDir) ? readdirSync(assetDir) : [];
    const scripts = assets
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(assetDir, name), 'utf8'))
      .join('\n');
    for (const lesson of course.lessons.filter((entry) => entry.data.check)) {
      const raw = await (await fetch(`${server.url}/courses/${COURSE}/${lesson.slug}`)).text();
      const html = raw
        .replace(/&#39;|&#x27;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      expect(html).toContain(lesson.data.check.questions[0].prompt.slice(0, 30));
      expect(html).not.toContain('correct answer');
      for (const question of lesson.data.check.questions) {
        const marker = question.explanation.slice(0, 50);
        expect(html).not.toContain(marker);
        expect(scripts).not.toContain(marker);
      }
    }
  });
});
