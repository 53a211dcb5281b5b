import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  axeViolations,
  foreignRequests,
  launchBrowser,
  type TestBrowser,
} from '../helpers/browser.ts';
import { addPersonByCli } from '../helpers/people.ts';

const LEARNER = { email: 'it.engineer@utility.example', password: 'breaker before disconnector' };
const SCENARIO = 'isolate-t1';
let server: TestServer;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  addPersonByCli(server.databaseUrl, {
    email: LEARNER.email,
    name: 'Ivy Engineer',
    role: 'learner',
    password: LEARNER.password,
  });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function expectAccessible(target: Page = page): Promise<void> {
  expect(await axeViolations(target), target.url()).toEqual([]);
}

async function signIn(): Promise<void> {
  await page.goto(`${server.url}/login?next=/sims`);
  await page.fill('#email', LEARNER.email);
  await page.fill('#password', LEARNER.password);
  await page.click('button[type=submit]');
  await page.waitForURL('**/sims');
}

/** Opens the scene with the diagnostics hook and waits for its first frame. */
async function openScene(target: Page, scenario = SCENARIO): Promise<void> {
  await target.goto(`${server.url}/sims/${scenario}?diagnostics`);
  await target.waitForFunction(() => window.switchyardDiagnostics !== undefined, null, {
    timeout: 30_000,
  });
  await target.evaluate(() => window.switchyardDiagnostics?.renderFrame());
}

async function settle(target: Page = page): Promise<void> {
  await target.waitForFunction(() => window.switchyardDiagnostics?.isSettled() === true, null, {
    timeout: 60_000,
  });
  await target.evaluate(() => window.switchyardDiagnostics?.renderFrame());
}

async function goTo(viewpoint: string, target: Page = page): Promise<void> {
  await target.selectOption('#sim-viewpoint', viewpoint);
  await settle(target);
}

describe('simulations list and briefing', () => {
  test('a signed-out visitor sees the four scenarios, reads a briefing and is asked to sign in', async () => {
    await page.goto(`${server.url}/sims`);
    await expect.poll(() => page.locator('.sim-card').count(), { timeout: 30_000 }).toBe(4);
    await expectAccessible();
    await page.click(`.sim-card[data-scenario=${SCENARIO}] h2 a`);
    await page.waitForURL(`**/sims/${SCENARIO}`);
    await expect
      .poll(() => page.locator('#briefing-heading').textContent(), { timeout: 30_000 })
      .toBe('Briefing');
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 30_000 })
      .toContain('Switching order RS-2291');
    await expect
      .poll(() => page.locator(`a[href="/login?next=/sims/${SCENARIO}"]`).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await expect.poll(() => page.locator('.sim-3d').count(), { timeout: 30_000 }).toBe(0);
    await expectAccessible();
  });
});

describe('headset', () => {
  test('enters immersive-vr through the iwer emulator; pointing the right controller at breaker 52-BT and pulling the trigger twice selects and closes it, in the engine and in the scene; the thumbsticks snap-turn and walk', async () => {
    await signIn();
    const vr = await browser.newPage();
    // Closed even when the test fails: a presenting headset page left open stalls the next tests.
    onTestFinished(() => vr.close());
    // The headset's canvas is the window: a small one keeps software rendering affordable.
    await vr.setViewportSize({ width: 400, height: 300 });
    // The emulator is injected by the test before the app creates its XR store; it is not in the app's bundle.
    const iwer = readFileSync('node_modules/iwer/build/iwer.min.js', 'utf8');
    await vr.addInitScript({
      content: `${iwer};
        window.__xrDevice = new IWER.XRDevice(IWER.metaQuest3);
        window.__xrDevice.installRuntime({ forceInstall: true });
        window.__xrModes = [];
        const request = navigator.xr.requestSession.bind(navigator.xr);
        navigator.xr.requestSession = async (mode, init) => {
          window.__xrModes.push(mode);
          window.__xrSession = await request(mode, init);
          return window.__xrSession;
        };`,
    });
    await openScene(vr);
    await vr.waitForSelector('[data-testid=enter-vr]:not([disabled])', { timeout: 30_000 });
    await goTo('bus', vr);
    await vr.click('[data-testid=enter-vr]');
    await vr.waitForFunction(() => window.switchyardDiagnostics?.isPresenting() === true, null, {
      timeout: 30_000,
    });
    await expect
      .poll(() => vr.evaluate(() => (window as unknown as { __xrModes: string[] }).__xrModes), {
        timeout: 30_000,
      })
      .toEqual(['immersive-vr']);
    await expect
      .poll(() => vr.evaluate(() => window.switchyardDiagnostics?.indicatorColor('52-BT')), {
        timeout: 30_000,
      })
      .toBe('#1fb344');

    /**
     * Lets the scene render `count` more frames. The emulator's controllers are read once a
     * frame, so a press or a stick push must last a few frames, however slow they come.
     */
    const frames = async (count = 3) => {
      const now = await vr.evaluate(() => window.switchyardDiagnostics!.renderInfo().frame);
      await vr.waitForFunction(
        (target) => window.switchyardDiagnostics!.renderInfo().frame >= target,
        now + count,
        { timeout: 60_000, polling: 20 },
      );
    };

    // Aim the right controller's ray (its -Z axis) from beside the player at the tie breaker.
    await vr.evaluate(() => {
      const device = (
        window as unknown as {
          __xrDevice: {
            controllers: Record<
              string,
              {
                position: { set(x: number, y: number, z: number): void };
                quaternion: { set(x: number, y: number, z: number, w: number): void };
              }
            >;
          };
        }
      ).__xrDevice;
      const viewer = window.switchyardDiagnostics!.viewer();
      const local = { x: 0.2, y: 1.3, z: -0.3 };
      const target = { x: 0, y: 2.35, z: 14 };
      let [dx, dy, dz] = [
        target.x - (viewer.x + local.x),
        target.y - local.y,
        target.z - (viewer.z + local.z),
      ];
      const length = Math.hypot(dx, dy, dz);
      [dx, dy, dz] = [dx / length, dy / length, dz / length];
      // Shortest rotation taking (0, 0, -1) to the aim direction.
      let [qx, qy, qz, qw] = [dy, -dx, 0, 1 - dz];
      const norm = Math.hypot(qx, qy, qz, qw);
      [qx, qy, qz, qw] = [qx / norm, qy / norm, qz / norm, qw / norm];
      device.controllers['right']!.position.set(local.x, local.y, local.z);
      device.controllers['right']!.quaternion.set(qx, qy, qz, qw);
    });
    await vr.waitForFunction(
      () =>
        document.querySelector('[data-testid=hover-readout]')?.getAttribute('data-device') ===
        '52-BT',
      null,
      { timeout: 30_000 },
    );
    /**
     * Pulls and lets go of the right trigger: a click when the headset reports the release
     * (selectend) within 300 ms of the press (selectstart). The emulator reports each once a
     * frame, so the trigger is let go as soon as the press is reported; on a machine too busy to
     * render two frames within 300 ms the pull was no click, nothing happened, and it is pulled
     * again.
     */
    const pullTrigger = async () => {
      const attempts = await vr.evaluate(async () => {
        const { __xrSession: session, __xrDevice: device } = window as unknown as {
          __xrSession: EventTarget;
          __xrDevice: {
            controllers: Record<string, { updateButtonValue(id: string, v: number): void }>;
          };
        };
        const right = device.controllers['right']!;
        const reported = (type: string) =>
          new Promise<number>((resolve) =>
            session.addEventListener(type, (event) => resolve(event.timeStamp), { once: true }),
          );
        const gaps: number[] = [];
        while (gaps.length < 10) {
          const pressed = reported('selectstart');
          right.updateButtonValue('trigger', 1);
          const down = await pressed;
          const released = reported('selectend');
          right.updateButtonValue('trigger', 0);
          gaps.push((await released) - down);
          if (gaps.at(-1)! <= 300) break;
        }
        return gaps;
      });
      expect(attempts.at(-1), `press to release, ms: ${attempts.join(', ')}`).toBeLessThanOrEqual(
        300,
      );
    };
    await pullTrigger();
    await vr.waitForFunction(
      () =>
        document.querySelector('[data-testid=selected-device]')?.textContent?.startsWith('52-BT,'),
      null,
      { timeout: 30_000 },
    );
    await pullTrigger();
    await vr.waitForFunction(
      () =>
        document.querySelector('[data-testid=selected-device]')?.textContent ===
        '52-BT, 13.8 kV bus tie breaker: closed, live',
      null,
      { timeout: 30_000 },
    );
    await expect
      .poll(() => vr.locator('option[data-device="52-BT"]').textContent(), { timeout: 30_000 })
      .toContain(': closed');
    await vr.waitForFunction(
      () => window.switchyardDiagnostics?.indicatorColor('52-BT') === '#e3261c',
      null,
      { timeout: 30_000 },
    );

    // The right thumbstick snap-turns 45 degrees, once per push; the left one walks where the player faces.
    const stick = (hand: 'left' | 'right', x: number, y: number) =>
      vr.evaluate(
        ([side, axisX, axisY]) =>
          (
            window as unknown as {
              __xrDevice: {
                controllers: Record<string, { updateAxes(id: string, x: number, y: number): void }>;
              };
            }
          ).__xrDevice.controllers[side]!.updateAxes('thumbstick', axisX, axisY),
        [hand, x, y] as const,
      );
    const pose = () => vr.evaluate(() => window.switchyardDiagnostics!.xrOrigin()!);
    /** Signed turn in degrees from one yaw to another, in -180..180. */
    const turn = (from: number, to: number) => ((((to - from + 180) % 360) + 360) % 360) - 180;
    const start = await pose();
    await stick('right', 1, 0);
    await expect
      .poll(async () => turn(start.yaw, (await pose()).yaw), { timeout: 60_000 })
      .toBeCloseTo(-45, 3);
    // Held for more frames, the push still turns only once.
    await frames(10);
    await stick('right', 0, 0);
    await frames();
    const turned = await pose();
    expect(turn(start.yaw, turned.yaw)).toBeCloseTo(-45, 3);
    await stick('left', 0, -1);
    await expect
      .poll(async () => Math.hypot((await pose()).x - turned.x, (await pose()).z - turned.z), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0.5);
    await stick('left', 0, 0);
    await frames();
    const stopped = await pose();
    await frames(10);
    expect(await pose()).toEqual(stopped);
    expect(stopped.yaw).toBeCloseTo(turned.yaw, 3);

    const requested = browser.requests.filter((url) => url.includes('/xr/profiles/'));
    expect(requested.some((url) => url.endsWith('/xr/profiles/profilesList.json'))).toBe(true);
    expect(foreignRequests(browser.requests, server.url)).toEqual([]);
  }, 240_000);
});

describe('desktop', () => {
  /** Chooses equipment in the list (its keyboard way to point at it) and waits for the panel. */
  async function choose(id: string): Promise<void> {
    await page.selectOption('#sim-device-picker', id);
    await expect
      .poll(() => page.locator('#sim-actions-heading').textContent(), { timeout: 30_000 })
      .toBe(id);
  }

  /**
   * Picks equipment in the 3D view: the list turns the view to it, the selection is cleared, then
   * it is picked again in the scene under the crosshair, by a mouse click or by Enter on what
   * the pointer is over.
   */
  async function pickInScene(id: string, how: 'mouse' | 'keyboard'): Promise<void> {
    await settle();
    const begun = await page.evaluate(() => window.switchyardDiagnostics!.glides());
    await choose(id);
    // The view turns to it a moment after the choice: wait until that glide has begun and ended.
    await page.waitForFunction((n) => window.switchyardDiagnostics!.glides() > n, begun, {
      timeout: 60_000,
    });
    await settle();
    await page.focus('.sim-viewport');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('#sim-actions-heading').textContent(), { timeout: 30_000 })
      .toBe('Nothing selected');
    const box = await page.locator('.sim-viewport canvas').boundingBox();
    if (box === null) throw new Error('no canvas');
    // From a corner to the centre: the scene learns what is under the pointer as it moves.
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
    await page.waitForFunction(
      (device) =>
        document.querySelector('[data-testid=hover-readout]')?.getAttribute('data-device') ===
        device,
      id,
      { timeout: 30_000 },
    );
    if (how === 'mouse') await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    else await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=selected-device]').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${id},`));
  }

  async function press(name: string | RegExp, how: 'mouse' | 'keyboard'): Promise<void> {
    const button = page.getByRole('button', { name, exact: typeof name === 'string' });
    if (how === 'mouse') await button.click();
    else {
      await button.focus();
      await page.keyboard.press('Enter');
    }
  }

  test('walks the yard, picks equipment in the 3D view by mouse and by keyboard, completes the T1 isolation, sees the verified result, and the list shows the best result', async () => {
    await openScene(page);
    await expectAccessible();

    // Walking: W moves the viewer forward (north-west from the control house door).
    await goTo('gate');
    const before = await page.evaluate(() => window.switchyardDiagnostics!.viewer());
    await page.focus('.sim-viewport');
    await page.keyboard.down('KeyW');
    // Walk until the viewer has moved; a loaded machine renders fewer frames per second.
    await page.waitForFunction(
      (start) => {
        const now = window.switchyardDiagnostics!.viewer();
        return Math.hypot(now.x - start.x, now.z - start.z) > 0.5;
      },
      before,
      { timeout: 60_000 },
    );
    await page.keyboard.up('KeyW');
    await settle();

    // The breakers are picked in the scene, the tie breaker from the list; the scene shows the result.
    await choose('52-BT');
    await press('Close 52-BT', 'mouse');
    await page.waitForFunction(
      () => window.switchyardDiagnostics?.indicatorColor('52-BT') === '#e3261c',
      null,
      { timeout: 30_000 },
    );
    await pickInScene('52-T1L', 'mouse');
    await press('Open 52-T1L', 'keyboard');
    await page.waitForFunction(
      () => window.switchyardDiagnostics?.indicatorColor('52-T1L') === '#1fb344',
      null,
      { timeout: 30_000 },
    );
    await pickInScene('52-H1', 'keyboard');
    await press('Open 52-H1', 'mouse');

    // The rest of the order from the equipment list, buttons by mouse and keyboard in turn (the
    // 2D test works the whole order from the keyboard alone).
    await choose('89-T1H');
    await press('Open 89-T1H', 'keyboard');
    await choose('89-T1L');
    await press('Open 89-T1L', 'mouse');
    for (const id of ['52-H1', '89-T1H', '52-T1L', '89-T1L']) {
      await choose(id);
      await press(`Lock ${id}`, 'mouse');
      await press(`Tag ${id} Do Not Operate`, 'keyboard');
    }
    await press(/Prove the voltage tester/, 'keyboard');
    await choose('89-T1H');
    await press('Test for voltage at T1 138 kV terminals', 'mouse');
    await choose('52-T1L');
    await press('Test for voltage at T1 13.8 kV terminals', 'mouse');
    await press('Test for voltage at 52-T1L bus side', 'keyboard');
    await press(/Prove the voltage tester/, 'mouse');
    await choose('57-T1H');
    await press('Close 57-T1H', 'keyboard');
    await choose('57-T1L');
    await press('Close 57-T1L', 'mouse');
    await choose('52-T1L');
    await press('Apply portable grounds on 52-T1L bus side', 'keyboard');
    await press(/Hand over to the crew/, 'mouse');
    await expect
      .poll(() => page.locator('[data-testid=current-step]').textContent(), { timeout: 30_000 })
      .toContain('Every step is done');
    await expect
      .poll(() => page.evaluate(() => window.switchyardDiagnostics?.bladeAngle('57-T1H')), {
        timeout: 30_000,
      })
      .toBe(0);

    await press('Finish and submit', 'keyboard');
    const result = page.locator('[data-testid=sim-verified-result]');
    await result.waitFor({ timeout: 30_000 });
    await expect.poll(() => result.getAttribute('data-passed'), { timeout: 30_000 }).toBe('true');
    await expect
      .poll(() => result.locator('.sim-verdict').textContent(), { timeout: 30_000 })
      .toContain('100 of 100 points');
    await expectAccessible();

    await page.goto(`${server.url}/sims`);
    await expect
      .poll(
        () =>
          page
            .locator(`.sim-card[data-scenario=${SCENARIO}] [data-testid=best-result]`)
            .textContent(),
        { timeout: 30_000 },
      )
      .toContain('passed, 100 of 100');
  }, 300_000);

  test('opening a disconnector under load shows an arc flash at it in the scene', async () => {
    await openScene(page);
    await choose('89-T1H');
    await press('Open 89-T1H', 'mouse');
    await expect
      .poll(() => page.locator('[data-testid=sim-alarm]').textContent(), { timeout: 30_000 })
      .toContain('Arc flash at 89-T1H');
    await expect
      .poll(() => page.evaluate(() => window.switchyardDiagnostics?.bladeAngle('89-T1H')), {
        timeout: 30_000,
      })
      .toBeLessThan(-70);
  }, 120_000);
});

describe('2D mode', () => {
  /** Tabs forward until the focused element's text is `name`, then presses Enter. */
  async function tabTo(name: string | RegExp): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const text = (await page.evaluate(() => document.activeElement?.textContent ?? '')).trim();
      if (typeof name === 'string' ? text === name : name.test(text)) {
        await page.keyboard.press('Enter');
        return;
      }
    }
    throw new Error(`no focusable control named ${String(name)}`);
  }

  /** From the action panel, Escape returns to the diagram; typing an id jumps to it; Enter opens its actions. */
  async function chooseDevice(id: string): Promise<void> {
    const isInDiagram = await page.evaluate(
      () => document.activeElement?.closest('svg.sld') !== null,
    );
    if (!isInDiagram) {
      await page.keyboard.press('Escape');
      const isBack = await page.evaluate(() => document.activeElement?.closest('svg.sld') !== null);
      if (!isBack) await page.focus('svg.sld [role=button][tabindex="0"]');
    }
    // The diagram's type-ahead forgets what was typed 900 ms before: start afresh.
    await page.waitForFunction(
      () =>
        performance.now() - ((window as unknown as { lastTyped?: number }).lastTyped ?? 0) > 950,
      null,
      { timeout: 30_000 },
    );
    await page.keyboard.type(id);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-device')), {
        timeout: 30_000,
      })
      .toBe(id);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#sim-actions-heading').textContent(), { timeout: 30_000 })
      .toBe(id);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 })
      .toBe('sim-actions-heading');
  }

  test('completes the T1 isolation with the keyboard alone; the page has no accessibility violations', async () => {
    await page.goto(`${server.url}/sims/${SCENARIO}/2d`);
    await page.waitForSelector('svg.sld [role=button]');
    // When a character was last typed, for the type-ahead wait in chooseDevice.
    await page.evaluate(() =>
      document.addEventListener(
        'keydown',
        (event) => {
          if (event.key.length === 1)
            (window as unknown as { lastTyped?: number }).lastTyped = performance.now();
        },
        true,
      ),
    );
    await expectAccessible();
    const entry = page.locator('svg.sld [role=button][tabindex="0"]').first();
    await expect
      .poll(() => entry.getAttribute('aria-label'), { timeout: 30_000 })
      .toMatch(/^[\w-]+, .+/);
    // Into the diagram with Tab only.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('svg.sld') !== null)) break;
    }
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), {
        timeout: 30_000,
      })
      .toBe('button');

    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-device'));
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-device')), {
        timeout: 30_000,
      })
      .not.toBe(first);

    const steps: [string, string[]][] = [
      ['52-BT', ['Close 52-BT']],
      ['52-T1L', ['Open 52-T1L']],
      ['52-H1', ['Open 52-H1']],
      ['89-T1H', ['Open 89-T1H']],
      ['89-T1L', ['Open 89-T1L']],
      ['52-H1', ['Lock 52-H1', 'Tag 52-H1 Do Not Operate']],
      ['89-T1H', ['Lock 89-T1H', 'Tag 89-T1H Do Not Operate']],
      ['52-T1L', ['Lock 52-T1L', 'Tag 52-T1L Do Not Operate']],
      [
        '89-T1L',
        [
          'Lock 89-T1L',
          'Tag 89-T1L Do Not Operate',
          'Prove the voltage tester on a known live source',
        ],
      ],
      ['89-T1H', ['Test for voltage at T1 138 kV terminals']],
      [
        '52-T1L',
        [
          'Test for voltage at T1 13.8 kV terminals',
          'Test for voltage at 52-T1L bus side',
          'Prove the voltage tester on a known live source',
        ],
      ],
    ];
    for (const [id, actions] of steps) {
      await chooseDevice(id);
      for (const action of actions) {
        await page.focus('#sim-actions-heading');
        await tabTo(action);
      }
    }
    await chooseDevice('57-T1H');
    await tabTo('Close 57-T1H');
    await chooseDevice('57-T1L');
    await tabTo('Close 57-T1L');
    await chooseDevice('52-T1L');
    await tabTo('Apply portable grounds on 52-T1L bus side');
    await page.focus('#sim-actions-heading');
    await tabTo(/^Hand over to the crew/);
    await expect
      .poll(() => page.locator('[data-testid=current-step]').textContent(), { timeout: 30_000 })
      .toContain('Every step is done');
    await expect
      .poll(() => page.locator('[data-testid=sim-announcer]').textContent(), { timeout: 30_000 })
      .toContain('Step 12 done');
    await expect
      .poll(() => page.locator('svg.sld [data-device="57-T1L"]').getAttribute('aria-label'), {
        timeout: 30_000,
      })
      .toBe('57-T1L, T1 13.8 kV earthing switch: closed, earthed');
    await tabTo('Finish and submit');
    const result = page.locator('[data-testid=sim-verified-result]');
    await result.waitFor({ timeout: 30_000 });
    await expect.poll(() => result.getAttribute('data-passed'), { timeout: 30_000 }).toBe('true');
    await expectAccessible();
  }, 240_000);

  test('opening a disconnector under load flashes an arc, raises the alarm, ends the attempt, and the verified result explains it', async () => {
    await page.goto(`${server.url}/sims/${SCENARIO}/2d`);
    await page.click('svg.sld [data-device="89-T1H"]');
    await page.getByRole('button', { name: 'Open 89-T1H', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-testid=sim-alarm]').textContent(), { timeout: 30_000 })
      .toContain('Arc flash at 89-T1H');
    await expect
      .poll(() => page.locator('.sim-flash.flash-arc-flash').count(), { timeout: 30_000 })
      .toBe(1);
    const result = page.locator('[data-testid=sim-verified-result]');
    await result.waitFor({ timeout: 30_000 });
    await expect.poll(() => result.getAttribute('data-passed'), { timeout: 30_000 }).toBe('false');
    await expect
      .poll(() => result.locator('h3').first().textContent(), { timeout: 30_000 })
      .toBe('Critical events');
    await expect
      .poll(() => result.textContent(), { timeout: 30_000 })
      .toContain('Arc flash at 89-T1H');
    await expect
      .poll(() => page.getByRole('button', { name: 'Open 89-T1L', exact: true }).count(), {
        timeout: 30_000,
      })
      .toBe(0);
    await expectAccessible();
  });

  test('an attempt finished offline waits in IndexedDB and is verified when the browser is back online', async () => {
    await page.goto(`${server.url}/sims/${SCENARIO}/2d`);
    await page.click('svg.sld [data-device="52-BT"]');
    await page.getByRole('button', { name: 'Close 52-BT', exact: true }).click();
    await browser.context.setOffline(true);
    await page.getByRole('button', { name: 'Finish and submit' }).click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=sim-submission]')
        ?.textContent?.includes('You are offline'),
    );
    const queued = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('switchyard-sim-attempts');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('outbox').objectStore('outbox').count();
              count.onsuccess = () => {
                resolve(count.result);
                open.result.close();
              };
            };
          }),
      );
    await expect.poll(() => queued(), { timeout: 30_000 }).toBe(1);
    await browser.context.setOffline(false);
    const result = page.locator('[data-testid=sim-verified-result]');
    await result.waitFor({ timeout: 30_000 });
    await expect.poll(() => result.getAttribute('data-passed'), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => queued(), { timeout: 30_000 }).toBe(0);
  });
});
