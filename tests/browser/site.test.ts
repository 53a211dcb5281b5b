import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('site shell', () => {
  test('the home page loads with zero axe violations and a keyboard skip link', async () => {
    const page = await browser.newPage();
    const response = await page.goto(server.url + '/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toContain('other side of the grid');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Skip to content');
    await page.close();
  });

  test('an unknown address shows the 404 page with zero axe violations', async () => {
    const page = await browser.newPage();
    const response = await page.goto(server.url + '/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('the dark theme follows prefers-color-scheme', async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(server.url + '/');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 23, 21)');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('no request ever leaves the site origin', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  });
});

describe('HTTP contract', () => {
  test('/healthz reports the database', async () => {
    const response = await fetch(server.url + '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  test('every response carries the security headers', async () => {
    for (const path of ['/', '/healthz', '/missing']) {
      const response = await fetch(server.url + path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBeTruthy();
    }
  });

  test('the data survives a restart', async () => {
    await server.stop();
    await server.restart();
    const response = await fetch(server.url + '/healthz');
    expect(response.status).toBe(200);
  });
});
