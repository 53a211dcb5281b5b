import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser context that records every request URL it makes. */
export interface TestBrowser {
  context: BrowserContext;
  requests: string[];
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
}

/** Launches Chromium with a fresh profile; every request is recorded for origin assertions. */
export async function launchBrowser(extraArgs: string[] = []): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 800 },
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    requests,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One Chromium whose contexts are separate people (own cookies), started once for a test file. */
export interface SharedBrowser {
  /** A new context signed in with a session cookie (when given), its requests recorded. */
  newPerson: (
    origin: string,
    sessionToken?: string,
    viewport?: { width: number; height: number },
  ) => Promise<TestBrowser>;
  close: () => Promise<void>;
}

/** Launches one Chromium for several people: cheaper than a browser each on a shared machine. */
export async function launchSharedBrowser(): Promise<SharedBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    newPerson: async (origin, sessionToken, viewport = { width: 1280, height: 800 }) => {
      const context = await browser.newContext({ viewport });
      if (sessionToken !== undefined)
        await context.addCookies([
          { name: 'switchyard_session', value: sessionToken, url: origin },
        ]);
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      return { context, requests, newPage: () => context.newPage(), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/** Runs axe on the page and returns its violations (empty means it passed). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

/** Requests that left the site's origin (data: and blob: URLs stay on the machine). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter(
    (url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
  );
}
