// Data lab figures: a typical lab query on the week of 1-minute SCADA data, run in the browser
// (SQLite in WebAssembly, from the Run button to the drawn table and chart), and graded on the server
// over HTTP. Run after a build: npx node tests/bench/labs-browser.bench.ts
import { startServer } from '../helpers/server.ts';
import { signInOverHttp } from '../helpers/http.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { readCourse } from '../helpers/content.ts';
import { addPersonByCli } from '../helpers/people.ts';

const COURSE = 'sql-for-grid-data';
const LESSON = 'filter-and-aggregate';
const lab = readCourse(COURSE).lessons.find((lesson) => lesson.slug === LESSON)!.data.lab;
/** Typical lab queries on scada_analogs (40,000 rows): the lab's answer and an hourly peak per feeder. */
const QUERIES: [string, string][] = [
  ['filter and aggregate (the lab answer)', lab.check.reference as string],
  [
    'hourly average and peak per feeder',
    "SELECT feeder, strftime('%Y-%m-%dT%H:00:00Z', ts) AS hour, ROUND(AVG(mw), 3) AS avg_mw, MAX(mw) AS peak_mw FROM scada_analogs WHERE quality = 'good' GROUP BY feeder, hour ORDER BY feeder, hour",
  ],
];

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
  };
};

const server = await startServer();
const browser = await launchBrowser();
try {
  const email = 'bench.analyst@utility.example';
  const password = 'benchmark lab analyst';
  addPersonByCli(server.databaseUrl, {
    email,
    name: 'Bench Analyst',
    role: 'learner',
    password,
  });
  const cookie = await signInOverHttp(server.url, email, password);
  const [name = '', value = ''] = cookie.split('=');
  await browser.context.addCookies([{ name, value, url: server.url }]);
  const page = await browser.newPage();

  const opened = performance.now();
  await page.goto(`${server.url}/courses/${COURSE}/${LESSON}`);
  await page.waitForSelector('[data-testid=lab-status]:has-text("The data is loaded")', {
    timeout: 60_000,
  });
  const loadMs = performance.now() - opened;
  const data = await fetch(`${server.url}/api/labs/datasets/scada-week`, {
    headers: { 'accept-encoding': 'gzip' },
  });
  const gzipBytes = Number(data.headers.get('content-length') ?? 0);
  await data.arrayBuffer();
  console.log(
    `Lab page to data loaded in the browser: ${loadMs.toFixed(0)} ms (scada-week as SQLite: ${(gzipBytes / 1024).toFixed(0)} KiB gzip)`,
  );

  for (const [label, query] of QUERIES) {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(query);
    await page.keyboard.press('Escape');
    const endToEnd: number[] = [];
    const sqlite: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const run = await page.evaluate(async () => {
        const status = document.querySelector('[data-testid=lab-status]')!;
        const button = document.querySelector<HTMLButtonElement>('[data-testid=lab-run]')!;
        const started = performance.now();
        let sawRunning = false;
        const done = new Promise<string>((resolve) => {
          const observer = new MutationObserver(() => {
            const text = status.textContent ?? '';
            if (text.startsWith('Running')) sawRunning = true;
            else if (sawRunning && text.includes('computed in your browser')) {
              observer.disconnect();
              resolve(text);
            }
          });
          observer.observe(status, { childList: true, subtree: true, characterData: true });
        });
        button.click();
        const text = await done;
        // Wait for the frame that shows the table and chart.
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        return { ms: performance.now() - started, text };
      });
      if (i < 3) continue;
      endToEnd.push(run.ms);
      sqlite.push(Number(/in (\d+) ms/.exec(run.text)?.[1] ?? NaN));
    }
    const total = stats(endToEnd);
    const engine = stats(sqlite);
    console.log(
      `Browser, ${label}: median ${total.median.toFixed(1)} ms, p95 ${total.p95.toFixed(1)} ms from Run to drawn result (SQLite alone: median ${engine.median} ms) over ${endToEnd.length} runs (target < 200 ms)`,
    );
  }

  for (const [label, query] of QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < 33; i += 1) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/labs/${COURSE}/${LESSON}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, cookie },
        body: JSON.stringify({ query }),
      });
      await response.json();
      if (!response.ok) throw new Error(`grading answered ${response.status}`);
      if (i >= 3) times.push(performance.now() - started);
    }
    const { median, p95 } = stats(times);
    console.log(
      `Server grading over HTTP, ${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${times.length} requests (target median < 300 ms)`,
    );
  }
} finally {
  await browser.close();
  await server.dispose();
}
