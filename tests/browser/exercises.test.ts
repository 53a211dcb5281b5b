import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase, type Database } from '../../db/client.ts';
import { contentScenario } from '../helpers/content.ts';
import { PROTOCOL } from '../../src/sim/exercise/protocol.ts';
import type { OrderStep } from '../../src/sim/index.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchSharedBrowser, type SharedBrowser } from '../helpers/browser.ts';
import { addUser, signInAs } from '../helpers/people.ts';

const PEOPLE = {
  admin: { email: 'trainer@utility.example', displayName: 'Tara Trainer', role: 'admin' },
  authority: { email: 'control@utility.example', displayName: 'Colm Control', role: 'learner' },
  field: { email: 'yard@utility.example', displayName: 'Yara Yard', role: 'learner' },
  analyst: { email: 'soc@utility.example', displayName: 'Sol Analyst', role: 'learner' },
} as const;
type Person = keyof typeof PEOPLE;
const TITLE = 'Joint exercise: isolate transformer T1';
const COMMS_PANEL = 'xr-comms-panel';
const order = contentScenario('joint-isolate-t1').scenario.exercise!.order;
/** Generous: three browsers, a presenting headset and the server share two loaded cores. */
const WAIT = { timeout: 60_000 };
let server: TestServer;
let db: Database;
let chromium: SharedBrowser;
const ids = {} as Record<Person, string>;
const pages = {} as Record<Person, Page>;

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  chromium = await launchSharedBrowser();
  for (const person of Object.keys(PEOPLE) as Person[]) {
    const user = await addUser(db, PEOPLE[person]);
    ids[person] = user.id;
    // The headset's canvas is the window: a small one keeps software rendering affordable.
    const viewport = person === 'field' ? { width: 400, height: 300 } : undefined;
    const context = await chromium.newPerson(server.url, await signInAs(db, user.id), viewport);
    pages[person] = await context.newPage();
  }
  // The headset emulator is injected by the test before the app creates its XR store.
  const iwer = readFileSync('node_modules/iwer/build/iwer.min.js', 'utf8');
  await pages.field.addInitScript({
    content: `${iwer};
      window.__xrDevice = new IWER.XRDevice(IWER.metaQuest3);
      window.__xrDevice.installRuntime({ forceInstall: true });
      const request = navigator.xr.requestSession.bind(navigator.xr);
      navigator.xr.requestSession = async (mode, init) => {
        window.__xrSession = await request(mode, init);
        return window.__xrSession;
      };`,
  });
});

afterAll(async () => {
  db?.$client.close();
  await chromium?.close();
  await server?.dispose();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

/** Presses a button from the keyboard. */
async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).press('Enter', WAIT);
}

/** The newest instruction number shown on a page. */
async function newestInstruction(page: Page): Promise<number> {
  const numbers = await page
    .locator('[data-instruction]')
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-instruction'))));
  return Math.max(0, ...numbers);
}

/** The authority operates a breaker through SCADA: pick it on the diagram, then the command. */
async function scada(device: string, verb: 'Open' | 'Close'): Promise<void> {
  const page = pages.authority;
  await page.click(`svg.sld [data-device="${device}"]`);
  await press(page, `${verb} ${device}`);
  await page.waitForFunction(
    ([id, pos]) =>
      document
        .querySelector(`svg.sld [data-device="${id}"]`)
        ?.getAttribute('aria-label')
        ?.includes(pos) === true,
    [device, verb === 'Open' ? 'open' : 'closed'] as const,
    WAIT,
  );
}

/** The authority issues an order step as an instruction (stating the time now); returns its number. */
async function issue(step: OrderStep): Promise<{ n: number; time: string }> {
  const page = pages.authority;
  const before = await newestInstruction(page);
  const index = order.filter((s) => s.role !== 'authority').indexOf(step);
  await page.selectOption('#instruction-step', String(index));
  await page.waitForFunction(
    ([operation, targets]) =>
      document.querySelector<HTMLSelectElement>('#instruction-operation')?.value === operation &&
      document.querySelector<HTMLInputElement>('#instruction-targets')?.value === targets,
    [step.operation, step.targets.join(', ')] as const,
    WAIT,
  );
  const time = await page.inputValue('#instruction-time');
  await press(page, 'Issue instruction');
  await page.waitForFunction(
    (last) =>
      [...document.querySelectorAll('[data-instruction]')].some(
        (item) => Number(item.getAttribute('data-instruction')) > last,
      ),
    before,
    WAIT,
  );
  return { n: await newestInstruction(page), time };
}

/** The authority confirms the repeat-back, then (after the report) acknowledges it. */
async function confirm(n: number): Promise<void> {
  await press(pages.authority, `Confirm instruction ${n}`);
}
async function acknowledge(n: number): Promise<void> {
  await press(pages.authority, `Acknowledge report ${n}`);
  await pages.authority.waitForFunction(
    (id) => document.querySelector(`[data-instruction="${id}"]`) === null,
    n,
    WAIT,
  );
}

/** Waits until the page shows instruction n at a status. */
async function waitForStatus(page: Page, n: number, status: string): Promise<void> {
  await page.waitForSelector(`[data-instruction="${n}"].status-${status}`, WAIT);
}

// --- The field operator in the headset: everything through the right controller's ray.

interface HeadsetPanel {
  lines: string[];
  buttons: { label: string; x: number; y: number; z: number }[];
}

async function headsetPanel(): Promise<HeadsetPanel> {
  const panel = await pages.field.evaluate(
    (name) => window.switchyardDiagnostics?.xrPanel(name) ?? null,
    COMMS_PANEL,
  );
  if (panel === null) throw new Error('the headset shows no communications panel');
  return panel;
}

/** Waits until the headset's communications panel satisfies a condition. */
async function waitForPanel(what: string, check: (panel: HeadsetPanel) => boolean): Promise<void> {
  const deadline = Date.now() + WAIT.timeout;
  let panel = await headsetPanel();
  while (!check(panel)) {
    if (Date.now() > deadline)
      throw new Error(`headset panel never showed ${what}:\n${panel.lines.join('\n')}`);
    await pages.field.waitForTimeout(100);
    panel = await headsetPanel();
  }
}

type Controller = {
  position: { set(x: number, y: number, z: number): void };
  quaternion: { set(x: number, y: number, z: number, w: number): void };
  updateButtonValue(id: string, value: number): void;
};

/**
 * Points the right controller at a button of the headset panel and pulls the trigger: waits
 * until the ray is over the button, presses, waits until the panel took the press, lets go.
 * It runs in the page, so each step follows the emulator's frames without round trips.
 */
async function pull(label: string): Promise<void> {
  const outcome = await pages.field.evaluate(
    async ([name, wanted, timeout]) => {
      const diagnostics = window.switchyardDiagnostics!;
      const right = (
        window as unknown as { __xrDevice: { controllers: Record<string, Controller> } }
      ).__xrDevice.controllers['right']!;
      const deadline = performance.now() + timeout;
      const until = async (check: () => boolean): Promise<boolean> => {
        while (!check()) {
          if (performance.now() > deadline) return false;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return true;
      };
      const panel = diagnostics.xrPanel(name);
      const aim = panel?.buttons.find((b) => b.label === wanted);
      if (aim === undefined)
        return `no "${wanted}" on the headset panel:\n${panel?.lines.join('\n')}`;
      const from = { x: 0.2, y: 1.25, z: -0.15 };
      let [dx, dy, dz] = [aim.x - from.x, aim.y - from.y, aim.z - from.z];
      const length = Math.hypot(dx, dy, dz);
      [dx, dy, dz] = [dx / length, dy / length, dz / length];
      // Shortest rotation taking the ray's (0, 0, -1) to the aim direction.
      let [qx, qy, qz, qw] = [dy, -dx, 0, 1 - dz];
      const norm = Math.hypot(qx, qy, qz, qw);
      [qx, qy, qz, qw] = [qx / norm, qy / norm, qz / norm, qw / norm];
      right.position.set(from.x, from.y, from.z);
      right.quaternion.set(qx, qy, qz, qw);
      const pointer = () => diagnostics.xrPanel(name);
      if (!(await until(() => pointer()?.hovered === wanted)))
        return `the ray never reached "${wanted}"`;
      right.updateButtonValue('trigger', 1);
      if (!(await until(() => pointer()?.pressed === wanted)))
        return `"${wanted}" was never pressed`;
      right.updateButtonValue('trigger', 0);
      if (!(await until(() => pointer()?.pressed === null))) return `"${wanted}" was never let go`;
      return null;
    },
    [COMMS_PANEL, label, WAIT.timeout] as const,
  );
  if (outcome !== null) throw new Error(outcome);
}

/** The field operator works one instruction in the headset: repeat back, carry out, report. */
async function fieldInHeadset(step: OrderStep): Promise<void> {
  const { n, time } = await issue(step);
  await waitForPanel(`instruction ${n}`, (p) =>
    p.lines.includes(`Instruction ${n} from the switching authority`),
  );
  const operation = PROTOCOL.operations[step.operation].label;
  await pull(operation);
  for (const target of step.targets) {
    await waitForPanel(`choices for ${operation}`, (p) =>
      p.buttons.some((b) => b.label.startsWith('More')),
    );
    for (let page = 0; !(await headsetPanel()).buttons.some((b) => b.label === target); page++) {
      if (page > 10) throw new Error(`${target} is not among the choices`);
      const more = (await headsetPanel()).buttons.find((b) => b.label.startsWith('More'))!;
      await pull(more.label);
    }
    await pull(target);
    await waitForPanel(`${target} chosen`, (p) =>
      p.lines.some((l) => l.startsWith('2. equipment:') && l.includes(target)),
    );
  }
  await pull('Now');
  await waitForPanel('a stated time', (p) => p.lines.some((l) => /^3\. time: \d\d:\d\d$/.test(l)));
  // The instruction was issued a moment ago: a new minute may have begun since.
  const said = (await headsetPanel()).lines.find((l) => l.startsWith('3. time:'))!.slice(-5);
  if (said !== time) await pull(said > time ? '-1 min' : '+1 min');
  await waitForPanel(`time ${time}`, (p) => p.lines.includes(`3. time: ${time}`));
  await pull(`Repeat back instruction ${n}`);
  await waitForStatus(pages.authority, n, 'repeated');
  expect(await pages.authority.locator(`[data-instruction="${n}"]`).textContent()).toContain(
    `Repeat-back: ${operation}`,
  );
  await confirm(n);
  await waitForPanel('the steps to carry out', (p) =>
    p.buttons.some((b) => b.label === `Report instruction ${n} complete`),
  );
  for (;;) {
    const next = (await headsetPanel()).buttons.find((b) => b.label.startsWith('Carry out:'));
    if (next === undefined) break;
    await pull(next.label);
    await waitForPanel(
      `"${next.label}" done`,
      (p) => !p.buttons.some((b) => b.label === next.label),
    );
  }
  await pull(`Report instruction ${n} complete`);
  await waitForStatus(pages.authority, n, 'reported');
  await acknowledge(n);
}

/**
 * A receiver works one instruction from the keyboard in the page's communications panel: the
 * analyst in the 2D view, the field operator beside the presenting headset.
 */
async function fromKeyboard(person: 'field' | 'analyst', step: OrderStep): Promise<void> {
  const page = pages[person];
  const { n, time } = await issue(step);
  await page.waitForSelector(`#repeat-${n}-operation`, WAIT);
  await page.selectOption(`#repeat-${n}-operation`, step.operation);
  await page.fill(`#repeat-${n}-targets`, step.targets.join(', '));
  await page.fill(`#repeat-${n}-time`, time);
  await press(page, `Repeat back instruction ${n}`);
  await waitForStatus(pages.authority, n, 'repeated');
  await confirm(n);
  await waitForStatus(page, n, 'confirmed');
  const carryOut = page.locator(`[data-instruction="${n}"] button`, { hasText: 'Carry out' });
  while ((await carryOut.count()) > 0) {
    const label = await carryOut.first().textContent();
    await carryOut.first().press('Enter');
    await page.waitForFunction(
      ([id, text]) =>
        ![...document.querySelectorAll(`[data-instruction="${id}"] button`)].some(
          (b) => b.textContent === text,
        ),
      [n, label] as const,
      WAIT,
    );
  }
  await press(page, `Report instruction ${n} complete`);
  await waitForStatus(pages.authority, n, 'reported');
  await acknowledge(n);
}

describe('joint exercise in three browsers', () => {
  test('authority in the control room, field operator in the headset then at the keyboard, analyst in 2D: joint isolation of T1 with three-part communication, a verified pass for each', async () => {
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
    await press(admin, 'Create exercise');
    await admin.waitForURL('**/exercises?created=*');
    expect(await admin.locator('[data-testid=join-code]').first().textContent()).toMatch(
      /^[A-Z2-9]{6}$/,
    );

    // Each learner finds the exercise on their home page.
    await Promise.all(
      (['authority', 'field', 'analyst'] as const).map(async (person) => {
        const page = pages[person];
        await page.goto(`${server.url}/learn`);
        await page.getByRole('link', { name: TITLE }).first().click();
        await page.waitForURL('**/exercises/**');
        // The field view exposes the scene's diagnostics hook for the headset checks.
        if (person === 'field') await page.goto(`${page.url()}?diagnostics`);
        await page.waitForFunction(
          () => document.querySelectorAll('.exercise-presence [data-connected=true]').length === 3,
          null,
          WAIT,
        );
      }),
    );
    const field = pages.field;
    await field.waitForSelector('[data-testid=enter-vr]:not([disabled])', WAIT);
    for (const person of ['authority', 'analyst', 'field'] as const)
      await expectAccessible(pages[person]);

    await field.click('[data-testid=enter-vr]');
    await field.waitForFunction(
      () => window.switchyardDiagnostics?.isPresenting() === true,
      null,
      WAIT,
    );
    await waitForPanel('that nothing is pending yet', (p) =>
      p.lines.some((l) => l.startsWith('No open instruction for you')),
    );

    // The field operator's first instruction goes through the headset alone, every part of it
    // by the controller's ray. Then they take the headset off and work the rest from the page's
    // keyboard panel, as the analyst does in 2D (the instructor journey works every field step
    // in the 2D yard); a presenting headset renders every frame, which a busy machine does slowly.
    let headsetInstructions = 0;
    for (const step of order) {
      if (step.role === 'authority') {
        for (const target of step.targets)
          await scada(target, step.operation === 'open' ? 'Open' : 'Close');
      } else if (step.role === 'field' && headsetInstructions === 0) {
        headsetInstructions += 1;
        await fieldInHeadset(step);
        await waitForPanel('that nothing is pending again', (p) =>
          p.lines.some((l) => l.startsWith('No open instruction for you')),
        );
        expect(await field.evaluate(() => window.switchyardDiagnostics?.isPresenting())).toBe(true);
        await field.evaluate(() =>
          (window as unknown as { __xrSession: { end(): Promise<void> } }).__xrSession.end(),
        );
        await field.waitForFunction(
          () => window.switchyardDiagnostics?.isPresenting() === false,
          null,
          WAIT,
        );
      } else {
        await fromKeyboard(step.role === 'field' ? 'field' : 'analyst', step);
      }
    }
    expect(headsetInstructions).toBe(1);

    await press(pages.authority, 'Close the exercise and score it');
    const results = await Promise.all(
      (['authority', 'field', 'analyst'] as const).map(async (person) => {
        const result = pages[person].locator('[data-testid=exercise-result]');
        await result.waitFor(WAIT);
        return result.textContent();
      }),
    );
    for (const text of results) expect(text).toContain('Team: passed');
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

    // Each participant's transcript, as their manager sees it, holds the verified pass.
    for (const person of ['authority', 'field', 'analyst'] as const) {
      await admin.goto(`${server.url}/manage/learners/${ids[person]}`);
      expect(await admin.locator('tr', { hasText: TITLE }).first().textContent()).toContain(
        'Passed',
      );
    }
  }, 600_000);
});
