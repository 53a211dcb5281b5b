// WebXR substation figures: initial JavaScript of the scenario page (gzip), draw calls and triangles
// per frame in every viewpoint (the densest with labels and energization colours on), and the time
// from navigation to the first rendered frame in headless Chromium. Run after a build:
// `npx node tests/bench/xr.bench.ts` (SWITCHYARD_DIST_DIR selects another build folder).
import { startServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signInOverHttp } from '../helpers/http.ts';
import { addPersonByCli } from '../helpers/people.ts';
import { measurePageJs } from './page-js.ts';

const SCENARIO = 'isolate-t1';
const VIEWPOINTS = ['gate', 'overview', 'lines', 'transformers', 'bus', 'control-house'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const email = 'bench.xr@utility.example';
  const password = 'benchmark the switchyard scene';
  addPersonByCli(server.databaseUrl, { email, name: 'Bench XR', role: 'learner', password });
  const cookie = await signInOverHttp(server.url, email, password);

  // --- Initial JavaScript: scripts, islands and everything they import statically.
  const js = await measurePageJs(`${server.url}/sims/${SCENARIO}`, cookie);
  const { bodies, gz, initialBytes } = js;
  const initial = new Set(js.initial);
  console.log(
    `Scenario page initial JavaScript: ${kb(initialBytes)} gzip in ${initial.size} files + inline (target <= 400 KB)`,
  );
  for (const url of [...initial].sort((a, b) => gz(b) - gz(a)).slice(0, 6))
    console.log(`  ${kb(gz(url)).padStart(9)}  ${url.replace(server.url, '')}`);
  for (const url of js.lazy) {
    const name = url.replace(/^.*\//, '');
    if (!/^(step|xr-layer)\./.test(name)) continue;
    bodies.set(url, await (await fetch(url)).text());
    const why = name.startsWith('step')
      ? "after the first frame: the engine's step with its schemas"
      : 'only where immersive VR is supported: the headset layer';
    console.log(`  loaded ${why}: ${kb(gz(url))}`);
  }
  if (
    [...initial].some((url) =>
      (bodies.get(url) ?? '').includes('The provided key is an unsupported'),
    )
  ) {
    console.log(
      '  WARNING: this is a development build of React (built with NODE_ENV set, e.g. inside vitest); rebuild with --force for production figures',
    );
  }
  const emulatorInInitial = [...initial].some((url) =>
    /IWER|@iwer|installDevUI/.test(bodies.get(url) ?? ''),
  );
  console.log(
    `  WebXR emulator (iwer) in the initial JavaScript: ${emulatorInInitial ? 'YES' : 'no'}`,
  );

  // --- Rendering: first frame after navigation, then draw calls and triangles per viewpoint.
  const [name, value] = cookie.split('=');
  await browser.context.addCookies([{ name: name ?? '', value: value ?? '', url: server.url }]);
  const firstFrames: number[] = [];
  const page = await browser.newPage();
  for (let i = 0; i < 4; i++) {
    await page.goto(`${server.url}/sims/${SCENARIO}?diagnostics`);
    const handle = await page.waitForFunction(
      () => performance.getEntriesByName('switchyard:first-frame')[0]?.startTime,
      null,
      { timeout: 60_000 },
    );
    firstFrames.push(Number(await handle.jsonValue()));
  }
  const warm = firstFrames.slice(1).sort((a, b) => a - b);
  console.log(
    `First rendered frame after navigation: ${(firstFrames[0]! / 1000).toFixed(2)} s on the first load, median ${((warm[1] ?? 0) / 1000).toFixed(2)} s on reloads (target < 3 s)`,
  );
  await page.waitForFunction(() => window.switchyardDiagnostics !== undefined);
  const measure = async (label: string) => {
    await page.waitForFunction(() => window.switchyardDiagnostics?.isSettled() === true, null, {
      timeout: 20_000,
    });
    await page.evaluate(() => window.switchyardDiagnostics?.renderFrame());
    await page.evaluate(() => window.switchyardDiagnostics?.renderFrame());
    const info = await page.evaluate(() => window.switchyardDiagnostics!.renderInfo());
    return { label, ...info };
  };
  const rows = [];
  for (const viewpoint of VIEWPOINTS) {
    await page.selectOption('#sim-viewpoint', viewpoint);
    rows.push(await measure(viewpoint));
  }
  await page.check('text=Labels');
  await page.check('text=Live and earthed colours');
  for (const viewpoint of ['overview', 'transformers', 'control-house']) {
    await page.selectOption('#sim-viewpoint', viewpoint);
    rows.push(await measure(`${viewpoint} + labels + colours`));
  }
  for (const row of rows)
    console.log(
      `  ${row.label.padEnd(34)} ${String(row.calls).padStart(4)} draw calls ${String(row.triangles).padStart(8)} triangles`,
    );
  const worstCalls = rows.reduce((a, b) => (b.calls > a.calls ? b : a));
  const worstTriangles = rows.reduce((a, b) => (b.triangles > a.triangles ? b : a));
  console.log(
    `Densest view: ${worstCalls.calls} draw calls (${worstCalls.label}; target <= 100), ${worstTriangles.triangles} triangles (${worstTriangles.label}; target <= 300,000)`,
  );
} finally {
  await browser.close();
  await server.dispose();
}
