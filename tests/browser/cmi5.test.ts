import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { VENDOR, courseXml, testAuFiles, zip } from '../helpers/cmi5-packages.ts';
import { runCli } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { addPersonByCli } from '../helpers/people.ts';

const MANAGER = { email: 'training.manager@utility.example', password: 'vendor courses count too' };
const LEARNER = { email: 'lineworker@utility.example', password: 'arc flash boundary first' };
let server: TestServer;
let browser: TestBrowser;
let page: Page;

function cli(args: string[], input?: string): void {
  const result = runCli(server.databaseUrl, args, input);
  if (result.status !== 0) throw new Error(`switchyard ${args.join(' ')}: ${result.stderr}`);
}

async function signIn(person: { email: string; password: string }, next: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#email', person.email);
  await page.fill('#password', person.password);
  await page.click('main button[type=submit]');
  await page.waitForURL(`**${next}`);
}

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, { ...MANAGER, name: 'Dana Okafor', role: 'manager' });
  cli([
    'team',
    'add',
    '--slug',
    'line-crew',
    '--name',
    'Line crew',
    '--kind',
    'ot',
    '--manager',
    MANAGER.email,
  ]);
  addPersonByCli(server.databaseUrl, {
    ...LEARNER,
    name: 'Sam Lineworker',
    role: 'learner',
    team: 'line-crew',
  });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('an imported cmi5 course, from import to the matrix', () => {
  test('manager imports and assigns, learner passes the AU, Review cannot complete, content is sandboxed, a waiver is given and revoked by keyboard', async () => {
    // The AU's URL asks it to probe what the sandbox lets it reach of the site.
    const file = join(server.dir, 'arc-flash.zip');
    writeFileSync(
      file,
      zip({
        'cmi5.xml': courseXml(
          { id: `${VENDOR}/courses/arc-flash-refresher`, title: 'Arc Flash Refresher' },
          [
            {
              id: `${VENDOR}/aus/arc-flash-quiz`,
              title: 'Arc flash boundaries',
              url: 'au/index.html?probe=1',
              moveOn: 'Passed',
              masteryScore: '0.8',
            },
          ],
        ),
        ...testAuFiles(),
      }),
    );
    await signIn(MANAGER, '/manage/imported-courses');
    expect(await axeViolations(page)).toEqual([]);
    await page.setInputFiles('#package', file);
    await page.fill('#publisher', 'Grid Safety Media');
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForURL('**/courses/arc-flash-refresher?**');
    expect(await page.textContent('[data-testid=imported-badge]')).toBe('Imported cmi5 course');
    expect(await page.textContent('[data-testid=publisher]')).toContain('Grid Safety Media');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/manage/teams/line-crew`);
    await page.selectOption('#assign-item', 'course:arc-flash-refresher');
    await page.fill('#assign-due', '2099-06-30');
    await page.click('form:has(#assign-item) button[type=submit]');
    await page.waitForLoadState('load');

    await signIn(LEARNER, '/courses/arc-flash-refresher');
    await page.click('form.launch button[value=Normal]');
    await page.waitForURL('**/cmi5/content/**');
    await page.waitForFunction(
      () => /^(done|error)/.test(document.getElementById('result')?.textContent ?? ''),
      null,
      { timeout: 60_000 },
    );
    expect(await page.textContent('#result')).toBe('done Normal passed:200 terminated:200');
    const probe = JSON.parse((await page.textContent('#probe')) ?? '{}') as Record<string, string>;
    expect(probe['origin']).toBe('null');
    expect(probe['cookie']).toMatch(/^blocked:SecurityError/);
    expect(probe['page']).toMatch(/^blocked:/);

    await page.goto(`${server.url}/courses/arc-flash-refresher`);
    expect(await page.textContent('[data-testid=course-status]')).toContain('Completed');
    await page.click('form.launch button[value=Review]');
    await page.waitForURL('**/cmi5/content/**');
    await page.waitForFunction(
      () => /^(done|error)/.test(document.getElementById('result')?.textContent ?? ''),
      null,
      { timeout: 60_000 },
    );
    // The test AU tries to report a pass in Review mode; the LMS refuses it (cmi5 10.0).
    expect(await page.textContent('#result')).toBe('done Review passed:403 terminated:200');

    await signIn(MANAGER, '/manage/teams/line-crew');
    const headers = await page.locator('[data-testid=matrix] thead th').allTextContents();
    const column = headers.findIndex((text) => text.includes('Arc Flash Refresher'));
    expect(headers[column]).toContain('reported by imported content');
    const cell =
      (await page
        .locator('[data-testid=matrix] tbody tr')
        .first()
        .locator('> *')
        .nth(column)
        .textContent()) ?? '';
    expect(cell).toMatch(/Completed/);
    expect(cell).toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2} \w+ \d{4}/);

    // The manager waives a unit of another imported course for Sam, and revokes it, by keyboard.
    const xml = join(server.dir, 'cmi5.xml');
    writeFileSync(
      xml,
      courseXml({ id: `${VENDOR}/courses/confined-space`, title: 'Confined Space Entry' }, [
        {
          id: `${VENDOR}/aus/cs-1`,
          title: 'Atmosphere testing',
          url: `${VENDOR}/cs/1.html`,
          moveOn: 'Completed',
        },
        {
          id: `${VENDOR}/aus/cs-2`,
          title: 'Rescue plan',
          url: `${VENDOR}/cs/2.html`,
          moveOn: 'Completed',
        },
      ]),
    );
    cli(['cmi5', 'import', xml]);
    await page.click('[data-testid=matrix] tbody tr a[href^="/manage/learners/"]');
    await page.click('[data-testid=waivers-link]');
    await page.waitForURL('**/waivers');
    expect(await axeViolations(page), page.url()).toEqual([]);
    const unit = page.locator('[data-testid=waiver-unit]', { hasText: 'Atmosphere testing' });
    await unit.locator('select').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Gas detector course with the fire service, 2026');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/waivers?notice=*');
    expect(await page.textContent('[data-testid=waiver-notice]')).toBe('Unit waived.');
    expect(await unit.textContent()).toContain('Waived (Equivalent AU)');
    expect(await axeViolations(page), page.url()).toEqual([]);
    await unit.locator('input[name=reason]').focus();
    await page.keyboard.type('Recorded for the wrong learner');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/waivers?notice=Waiver*');
    expect(await unit.textContent()).toContain('Not done yet');
  });
});
