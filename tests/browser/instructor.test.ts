import { writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase, type Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { contentScenario } from '../helpers/content.ts';
import type { OrderStep } from '../../src/sim/index.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchSharedBrowser, type SharedBrowser } from '../helpers/browser.ts';
import { addPersonByCli } from '../helpers/people.ts';

const PASSWORD = 'three part communication';
const PEOPLE = {
  admin: { email: 'trainer@utility.example', name: 'Tara Trainer', role: 'admin' },
  authority: { email: 'control@utility.example', name: 'Colm Control', role: 'learner' },
  field: { email: 'yard@utility.example', name: 'Yara Yard', role: 'learner' },
  analyst: { email: 'soc@utility.example', name: 'Sol Analyst', role: 'learner' },
} as const;
type Person = keyof typeof PEOPLE;
const order = contentScenario('joint-isolate-t1').scenario.exercise!.order;
let server: TestServer;
let db: Database;
let chromium: SharedBrowser;
const pages = {} as Record<Person, Page>;

beforeAll(async () => {
  server = await startServer();
  for (const person of Object.values(PEOPLE)) {
    addPersonByCli(server.databaseUrl, { ...person, password: PASSWORD });
  }
  db = await openDatabase({ url: server.databaseUrl });
  // One Chromium, a context (own cookies) for each person: cheaper than a browser each.
  chromium = await launchSharedBrowser();
  for (const person of Object.keys(PEOPLE) as Person[]) {
    const context = await chromium.newPerson(server.url);
    const page = await context.newPage();
    pages[person] = page;
    await page.goto(`${server.url}/login?next=/learn`);
    await page.fill('#email', PEOPLE[person].email);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL('**/learn');
  }
});

afterAll(async () => {
  db?.$client.close();
  await chromium?.close();
  await server?.dispose();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

/** The newest instruction number shown on the authority's page. */
async function newestInstruction(page: Page): Promise<number> {
  const numbers = await page
    .locator('[data-instruction]')
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-instruction'))));
  return Math.max(0, ...numbers);
}

/** Presses a button from the keyboard (in the headset the emulator's overlay takes the pointer). */
async function click(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).press('Enter', { timeout: 30_000 });
}

async function scada(page: Page, device: string, verb: 'Open' | 'Close'): Promise<void> {
  await page.click(`svg.sld [data-device="${device}"]`);
  await click(page, `${verb} ${device}`);
  await page.waitForFunction(
    ([id, pos]: [string, string]) =>
      document
        .querySelector(`svg.sld [data-device="${id}"]`)
        ?.getAttribute('aria-label')
        ?.includes(pos) === true,
    [device, verb === 'Open' ? 'open' : 'closed'] as [string, string],
    { timeout: 30_000 },
  );
}

/** One instruction through all five parts; `echo` is what the receiver repeats back. */
async function instruct(
  stepIndex: number,
  options: {
    echo?: string;
    whilePresenting?: () => Promise<void>;
    /** A step that is not in the order (the crew adapting to an inject). */
    replan?: { role: 'field' | 'analyst'; operation: OrderStep['operation']; targets: string[] };
  } = {},
): Promise<void> {
  const authority = pages.authority;
  const step = options.replan ?? order[stepIndex]!;
  const receiver = pages[step.role as Person];
  const before = await newestInstruction(authority);
  if (options.replan) {
    await authority.selectOption('#instruction-to', options.replan.role);
    await authority.selectOption('#instruction-operation', options.replan.operation);
    await authority.fill('#instruction-targets', options.replan.targets.join(', '));
  } else {
    await authority.selectOption(
      '#instruction-step',
      String(order.filter((s) => s.role !== 'authority').indexOf(order[stepIndex]!)),
    );
  }
  await authority.fill('#instruction-time', '14:05');
  await click(authority, 'Issue instruction');
  await authority.waitForFunction(
    (last) =>
      [...document.querySelectorAll('[data-instruction]')].some(
        (item) => Number(item.getAttribute('data-instruction')) > last,
      ),
    before,
    { timeout: 30_000 },
  );
  const n = await newestInstruction(authority);
  await receiver.waitForSelector(`#repeat-${n}-operation`, { timeout: 30_000 });
  await options.whilePresenting?.();
  const carryOut = async () => {
    for (;;) {
      const button = receiver
        .locator(`[data-instruction="${n}"] button`, { hasText: 'Carry out' })
        .first();
      if ((await button.count()) === 0) break;
      const label = await button.textContent();
      await button.press('Enter');
      await receiver.waitForFunction(
        ([id, text]) =>
          ![...document.querySelectorAll(`[data-instruction="${id}"] button`)].some(
            (b) => b.textContent === text,
          ),
        [n, label] as const,
        { timeout: 30_000 },
      );
    }
  };
  await receiver.selectOption(`#repeat-${n}-operation`, step.operation);
  await receiver.fill(`#repeat-${n}-targets`, options.echo ?? step.targets.join(', '));
  await receiver.fill(`#repeat-${n}-time`, '14:05');
  await click(receiver, `Repeat back instruction ${n}`);
  await click(authority, `Confirm instruction ${n}`);
  await receiver.waitForSelector(`[data-instruction="${n}"].status-confirmed`, { timeout: 30_000 });
  await carryOut();
  await click(receiver, `Report instruction ${n} complete`);
  await click(authority, `Acknowledge report ${n}`);
  await authority.waitForFunction(
    (id) => document.querySelector(`[data-instruction="${id}"]`) === null,
    n,
    {
      timeout: 30_000,
    },
  );
}

/** Moves focus with Tab alone until it reaches the named control, then presses Enter. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.textContent ?? ''} ${el?.getAttribute('aria-label') ?? ''} ${el?.id ?? ''}`;
    });
    if (name.test(label)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`Tab never reached ${name}`);
}

/**
 * Tabs from the top of the page until the control named `last`, returning each focused control's
 * accessible name; every one of them must show its focus.
 */
async function tabWalk(page: Page, last: RegExp): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const names: string[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      const name =
        el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
      const style = getComputedStyle(el);
      return {
        name: name.replace(/\s+/g, ' ').trim(),
        isShown: el.matches(':focus-visible') && style.outlineStyle !== 'none',
      };
    });
    expect(focused.isShown, `focus on "${focused.name}" is visible`).toBe(true);
    names.push(focused.name);
    if (last.test(focused.name)) return names;
  }
  throw new Error(`Tab never reached ${last}`);
}

/** Pages of a PDF (counted from its page objects). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function openExercise(person: Person): Promise<void> {
  const page = pages[person];
  await page.goto(`${server.url}/learn`);
  await page.getByRole('link', { name: 'Joint exercise: isolate transformer T1' }).first().click();
  await page.waitForURL('**/exercises/**');
  // The field operator works in the 2D yard here; the headset has its own journey.
  if (person === 'field') await page.goto(`${page.url()}?view=2d`);
  await page.waitForSelector('[data-testid=connection]:text("Connected")', { timeout: 60_000 });
}

describe('instructor console and after-action review', () => {
  test('the instructor injects "breaker fails to open" during the joint isolation; the crew adapts and finishes; the review shows the inject, the adaptation and the scores', async () => {
    onTestFailed(async () => {
      for (const person of ['authority', 'field', 'analyst'] as const)
        console.log(
          person,
          (await pages[person].locator('.exercise-comms').textContent())?.slice(0, 3000),
        );
    });
    const admin = pages.admin;
    await admin.goto(`${server.url}/exercises`);
    await expectAccessible(admin);
    await admin.selectOption('#create-scenario', 'joint-isolate-t1');
    await admin.fill('#create-authority', PEOPLE.authority.email);
    await admin.fill('#create-field', PEOPLE.field.email);
    await admin.fill('#create-analyst', PEOPLE.analyst.email);
    await click(admin, 'Create exercise');
    await admin.waitForURL('**/exercises?created=*');
    expect(await admin.locator('[data-testid=join-code]').first().textContent()).toMatch(
      /^[A-Z2-9]{6}$/,
    );

    for (const person of ['authority', 'field', 'analyst'] as const) await openExercise(person);
    for (const page of [pages.authority, pages.field, pages.analyst]) {
      await page.waitForFunction(
        () => document.querySelectorAll('.exercise-presence [data-connected=true]').length === 3,
        null,
        {
          timeout: 60_000,
        },
      );
    }
    await expectAccessible(pages.authority);
    await expectAccessible(pages.analyst);

    // The instructor watches from the console, keyboard only.
    const exerciseId = /exercises\/([0-9a-f-]{36})/.exec(pages.authority.url())![1]!;
    await admin.goto(`${server.url}/exercises/${exerciseId}/console`);
    await admin.waitForSelector('[data-testid=connection]:text("Console connected")', {
      timeout: 60_000,
    });
    await admin.waitForFunction(
      () => document.querySelectorAll('.console-people tbody tr').length === 3,
      null,
      { timeout: 30_000 },
    );
    await expectAccessible(admin);
    // Every console control in order by Tab alone, then a private message sent with Space.
    const walk = await tabWalk(admin, /^End the exercise and score it$/);
    const controls = [
      'Reason shown in every view (optional)',
      'Pause the exercise',
      ...contentScenario('joint-isolate-t1').scenario.injects.map((i) => `Inject: ${i.label}`),
      'To',
      'Message (only they see it)',
      'Send privately',
      'Note for the after-action review (participants do not see it live)',
      'Add the note',
      'End the exercise and score it',
    ];
    expect(walk.filter((name) => controls.includes(name))).toEqual(controls);
    // Back past "Add the note", the note and "Send privately" to the message.
    for (let i = 0; i < 4; i++) await admin.keyboard.press('Shift+Tab');
    await admin.keyboard.type('Take your time on 52-T1L.');
    await admin.keyboard.press('Tab');
    await admin.keyboard.press('Space');
    await pages.authority.waitForSelector('.exercise-private li:has-text("Take your time")', {
      timeout: 30_000,
    });
    // Later Tab walks start from the top of the page again.
    await admin.focus('.skip-link');
    const breakerStep = order.findIndex((s) => s.targets.includes('52-T1L'));
    for (const [index, step] of order.entries()) {
      if (index === breakerStep) {
        // The instructor injects "breaker fails to open"; the SCADA trip does nothing, and the
        // authority sends the field operator to trip 52-T1L locally.
        await tabTo(admin, /Inject: 52-T1L fails to open/);
        await pages.authority.waitForSelector('.exercise-log li:has-text("Instructor inject")', {
          timeout: 30_000,
        });
        await pages.authority.click('svg.sld [data-device="52-T1L"]');
        await click(pages.authority, 'Open 52-T1L');
        await pages.authority.waitForSelector('text=52-T1L failed to open', { timeout: 30_000 });
        await instruct(index, {
          replan: { role: 'field', operation: 'open', targets: ['52-T1L'] },
        });
        await click(admin, 'Pause the exercise');
        for (const page of [pages.authority, pages.field, pages.analyst])
          await page.waitForSelector('[data-testid=paused-banner]', { timeout: 30_000 });
        await click(admin, 'Resume the exercise');
        await pages.authority.waitForSelector('[data-testid=paused-banner]', {
          state: 'detached',
          timeout: 30_000,
        });
      } else if (step.role === 'authority') {
        for (const target of step.targets)
          await scada(pages.authority, target, step.operation === 'open' ? 'Open' : 'Close');
      } else {
        await instruct(index);
      }
    }
    await click(pages.authority, 'Close the exercise and score it');
    for (const person of ['authority', 'field', 'analyst'] as const) {
      const result = pages[person].locator('[data-testid=exercise-result]');
      await result.waitFor({ timeout: 60_000 });
      expect(await result.textContent()).toContain('Team: passed');
    }
    expect(
      await pages.authority
        .locator('[data-testid=exercise-result] li[data-role]')
        .allTextContents(),
    ).toEqual([
      expect.stringContaining('passed'),
      expect.stringContaining('passed'),
      expect.stringContaining('passed'),
    ]);
    await expectAccessible(pages.authority);

    // The after-action review: the inject, the adaptation and the scores, from the log.
    await admin.goto(`${server.url}/exercises/${exerciseId}/review`);
    const timeline = await admin.locator('[data-testid=review-timeline]').textContent();
    expect(timeline).toContain('Instructor inject: 52-T1L fails to open from SCADA');
    expect(timeline).toContain('52-T1L failed to open');
    expect(timeline).toContain('To the field operator: Open 52-T1L');
    expect(timeline).toContain('52-T1L tripped locally (adaptation)');
    expect(await admin.locator('[data-testid=review-scores] tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/switching authority\s*passed\s*\d+ of 100/),
      expect.stringMatching(/field operator\s*passed\s*\d+ of 100/),
      expect.stringMatching(/security analyst\s*passed\s*\d+ of 100/),
    ]);
    await admin.waitForSelector('#review-scrubber');
    await expectAccessible(admin);
    await admin.focus('#review-scrubber');
    await admin.keyboard.press('Home');
    await admin.waitForSelector('[data-testid=scrubber-moment]:has-text("Before the first entry")');
    await admin.keyboard.press('End');
    await admin.focus('#review-note');
    await admin.keyboard.type('Good stop when 52-T1L stayed closed.');
    await click(admin, 'Add the note');
    await admin.waitForSelector('[data-testid=review-notes] li:has-text("Good stop")');
    const pdf = await admin.pdf({ format: 'A4', printBackground: true });
    const keep = process.env['SWITCHYARD_REVIEW_PDF'];
    if (keep) writeFileSync(keep, pdf);
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);

    // Watch again in 3D: the same replay in the yard, read-only, by keyboard.
    const watch = admin.getByRole('link', { name: 'Watch again in 3D' });
    expect(await watch.getAttribute('href')).toBe(`/exercises/${exerciseId}/watch`);
    await admin.goto(`${server.url}/exercises/${exerciseId}/watch?diagnostics`);
    await admin.waitForFunction(() => window.switchyardDiagnostics !== undefined, null, {
      timeout: 60_000,
    });
    await expectAccessible(admin);
    const moment = admin.locator('[data-testid=watch-moment]');
    await admin.focus('#watch-scrubber');
    await admin.keyboard.press('Home');
    await moment.filter({ hasText: 'Before the first entry' }).waitFor();
    for (let i = 0; i < 200; i++) {
      if ((await moment.textContent())?.includes('Instructor inject: 52-T1L fails to open')) break;
      await admin.keyboard.press('ArrowRight');
    }
    const breakerAt = async () => ({
      listed: await admin.locator('option[data-device="52-T1L"]').textContent(),
      shown: await admin.evaluate(() => window.switchyardDiagnostics?.indicatorColor('52-T1L')),
    });
    await expect.poll(breakerAt).toEqual({
      listed: expect.stringContaining(': closed'),
      shown: '#e3261c',
    });
    const replan = 'To the field operator: Open 52-T1L';
    expect(await admin.locator('.console-log').textContent()).not.toContain(replan);
    await admin.keyboard.press('End');
    await expect.poll(breakerAt).toEqual({
      listed: expect.stringContaining(': open'),
      shown: '#1fb344',
    });
    expect(await admin.locator('.console-log').textContent()).toContain(replan);
    // No control that does nothing: at the end there is no next entry to go to.
    expect(
      await admin.getByRole('button', { name: 'Next entry' }).getAttribute('aria-disabled'),
    ).toBe('true');
    await admin.selectOption('#sim-device-picker', '52-T1L');
    expect(await admin.getByRole('button', { name: 'Open 52-T1L' }).count()).toBe(0);
    await click(admin, 'Play');
    await expect
      .poll(async () => Number(await admin.inputValue('#watch-scrubber')), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    await click(admin, 'Pause');

    for (const person of ['authority', 'field', 'analyst'] as const) {
      const [row] = await db.select().from(users).where(eq(users.email, PEOPLE[person].email));
      await admin.goto(`${server.url}/manage/learners/${row!.id}`);
      const line = admin
        .locator('tr', { hasText: 'Joint exercise: isolate transformer T1' })
        .first();
      expect(await line.textContent()).toContain('Passed');
    }
  }, 600_000);
});
