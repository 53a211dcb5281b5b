import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { DEFAULT_CANONICAL_ORIGIN } from '../../src/lib/server/site-origin.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { addUser, signInAs } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

/** What the test reaches in the page: the bundled client module and the record it created. */
interface PageGlobals {
  SwitchyardLearningRecord: typeof import('../../src/lib/client/learning-record.ts');
  record: import('../../src/lib/client/learning-record.ts').LearningRecord;
  refused: unknown[];
}

let server: TestServer;
let browser: TestBrowser;
let db: Database;
let learner: { homePage: string; userId: string; name: string };

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  const user = await addUser(db, { displayName: 'Bea Browser' });
  learner = { homePage: DEFAULT_CANONICAL_ORIGIN, userId: user.id, name: user.displayName };
  const bundle = await build({
    entryPoints: ['src/lib/client/learning-record.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'SwitchyardLearningRecord',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  browser = await launchBrowser();
  await browser.context.addCookies([
    { name: 'switchyard_session', value: await signInAs(db, user.id), url: server.url },
  ]);
  // The client is injected into a real page of the site on every load, reloads included
  // (init scripts run wrapped in a function, so the bundle's global is published explicitly).
  const script = `${bundle.outputFiles[0]?.text ?? ''}\nglobalThis.SwitchyardLearningRecord = SwitchyardLearningRecord;`;
  await browser.context.addInitScript({ content: script });
});

afterAll(async () => {
  await browser?.close();
  db?.$client.close();
  await server?.dispose();
});

async function storedIds(ids: string[]): Promise<Map<string, number>> {
  const result = await db.$client.execute({
    sql: `SELECT id, count(*) AS n FROM statements WHERE id IN (SELECT value FROM json_each(?)) GROUP BY id`,
    args: [JSON.stringify(ids)],
  });
  return new Map(result.rows.map((row) => [String(row['id']), Number(row['n'])]));
}

/** Creates the page's learning record (as a lesson page would on load). */
function startRecord(page: Page, databaseName: string, flushDelayMs = 300): Promise<void> {
  return page.evaluate(
    async ({ databaseName, flushDelayMs }) => {
      const globals = globalThis as unknown as PageGlobals;
      globals.refused = [];
      globals.record = await globals.SwitchyardLearningRecord.createLearningRecord({
        databaseName,
        flushDelayMs,
        retryBaseMs: 200,
        maxBackoffMs: 1000,
        onDeadLetter: (letter) => globals.refused.push(letter),
      });
      await globals.record.flush(); // what earlier pages left, if it can go now
    },
    { databaseName, flushDelayMs },
  );
}

/** Records events through the client; returns the ids it assigned. */
function recordEvents(page: Page, count: number, actor?: unknown): Promise<string[]> {
  return page.evaluate(
    async ({ learner, count, actor }) => {
      const globals = globalThis as unknown as PageGlobals;
      const self = globals.SwitchyardLearningRecord.learnerAgent(learner);
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        ids.push(
          await globals.record.record({
            actor: actor ?? self,
            verb: {
              id: 'http://adlnet.gov/expapi/verbs/experienced',
              display: { 'en-US': 'experienced' },
            },
            object: {
              objectType: 'Activity',
              id: `${learner.homePage}/courses/substation-fundamentals/step-${i}`,
            },
          }),
        );
      }
      return ids;
    },
    { learner, count, actor },
  );
}

const pending = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).record.pending());

describe('learning record client', () => {
  test('acceptance 4: 50 events recorded offline survive a reload and reach the server exactly once', async () => {
    const page = await browser.newPage();
    const html = await (await page.goto(`${server.url}/`))?.text();
    await startRecord(page, 'acceptance-4');
    try {
      await browser.context.setOffline(true);
      const ids = await recordEvents(page, 50);
      await page.waitForTimeout(800);
      expect(await pending(page)).toBe(50);
      expect((await storedIds(ids)).size).toBe(0);

      // Reload while offline; the page itself comes from a cache, as an offline-capable page would.
      await page.route(`${server.url}/`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: html ?? '' }),
      );
      await page.reload();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await startRecord(page, 'acceptance-4');
      await page.waitForTimeout(800);
      expect(await pending(page)).toBe(50);
      expect((await storedIds(ids)).size).toBe(0);
      await page.unroute(`${server.url}/`);

      await browser.context.setOffline(false);
      await expect.poll(async () => (await storedIds(ids)).size, { timeout: 20_000 }).toBe(50);
      await expect.poll(() => pending(page), { timeout: 5_000 }).toBe(0);
      const counts = await storedIds(ids);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      const total = await db.$client.execute({
        sql: 'SELECT count(*) AS n FROM statements WHERE user_id = ?',
        args: [learner.userId],
      });
      expect(Number(total.rows[0]?.['n'])).toBe(50);
    } finally {
      await browser.context.setOffline(false);
      await page.close();
    }
  });

  test('statements still queued when the tab closes leave with a keepalive request', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await startRecord(page, 'closing-tab', 60_000);
    const ids = await recordEvents(page, 5);
    expect((await storedIds(ids)).size).toBe(0);
    await page.close({ runBeforeUnload: true });
    await expect.poll(async () => (await storedIds(ids)).size, { timeout: 10_000 }).toBe(5);
  });

  test('a statement the server refuses for good goes to the dead-letter store; the rest are sent', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await startRecord(page, 'dead-letters', 60_000);
    const good = await recordEvents(page, 2);
    const [bad] = await recordEvents(page, 1, {
      objectType: 'Agent',
      mbox: 'mailto:someone.else@utility.example',
    });
    const more = await recordEvents(page, 2);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).record.flush());
    expect((await storedIds([...good, ...more])).size).toBe(4);
    expect((await storedIds([bad as string])).size).toBe(0);
    const letters = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).record.deadLetters(),
    );
    expect(letters).toMatchObject([{ id: bad, status: 403 }]);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).refused.length)).toBe(
      1,
    );
    expect(await pending(page)).toBe(0);
    await page.close();
  });
});
