import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { addPersonByCli } from '../helpers/people.ts';

// Lesson pages built from Markdown tables, figures, lab tasks and simulation links, one of each
// kind per track, must pass axe with no violations for a signed-in learner.
const LEARNER = { email: 'reader@utility.example', password: 'three part communication' };
const PAGES = [
  '/tracks/substation-operations',
  '/courses/ai-inspection-and-asset-health',
  '/courses/ai-inspection-and-asset-health/judging-a-model',
  '/courses/ai-inspection-and-asset-health/dissolved-gas-analysis',
  '/courses/ot-network-monitoring/goose-replay-and-joint-decisions',
  '/courses/operating-discipline-for-it-staff/three-part-communication',
  '/courses/operating-discipline-for-it-staff/practice-restore-t1',
  '/courses/der-and-inverters/ieee-1547-normal-performance',
  '/courses/distribution-grid-basics/feeders-and-radial-topology',
];
let server: TestServer;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Riley Reader',
    role: 'learner',
    department: 'it',
    password: LEARNER.password,
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${server.url}/login?next=/courses`);
  await page.fill('#email', LEARNER.email);
  await page.fill('#password', LEARNER.password);
  await page.click('button[type=submit]');
  await page.waitForURL('**/courses');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('lesson pages with tables, figures, labs and simulation links', () => {
  test.each(PAGES)('%s renders and passes axe', async (path) => {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await axeViolations(page), path).toEqual([]);
  });
});
