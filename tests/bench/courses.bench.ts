// Course engine figures: initial JavaScript of course and lesson pages, and server render time of a
// lesson for a signed-in learner.
import { gzipSync } from 'node:zlib';
import { startServer } from '../helpers/server.ts';
import { signInOverHttp } from '../helpers/http.ts';
import { courseSlugs, readCourse } from '../helpers/content.ts';
import { addPersonByCli } from '../helpers/people.ts';

const server = await startServer();
try {
  const email = 'bench.learner@utility.example';
  const password = 'benchmark lesson reader';
  addPersonByCli(server.databaseUrl, {
    email,
    name: 'Bench Learner',
    role: 'learner',
    password,
  });
  const cookie = await signInOverHttp(server.url, email, password);
  const course = readCourse('distribution-grid-basics');
  const lesson = course.lessons[1]!;

  /** gzip bytes of every script a page loads at start: inline module scripts and same-origin script files. */
  async function initialJs(path: string): Promise<{ bytes: number; files: number }> {
    const html = await (await fetch(server.url + path, { headers: { cookie } })).text();
    let bytes = 0;
    let files = 0;
    for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const attributes = match[1] ?? '';
      const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
      const body = src ? await (await fetch(new URL(src, server.url))).text() : (match[2] ?? '');
      if (!body.trim()) continue;
      bytes += gzipSync(body).length;
      files += 1;
    }
    return { bytes, files };
  }

  const plain = courseSlugs()
    .flatMap((slug) => readCourse(slug).lessons)
    .find((entry) => !entry.data['check']);
  const overview = await initialJs(`/courses/${course.slug}`);
  const withoutCheck = plain ? await initialJs(`/courses/${plain.course}/${plain.slug}`) : null;
  const withCheck = await initialJs(`/courses/${course.slug}/${lesson.slug}`);
  console.log(
    `Course overview page (Markdown, no check): ${overview.bytes} B gzip of initial JS in ${overview.files} scripts (target 0)`,
  );
  console.log(
    withoutCheck
      ? `Lesson page without a check (${plain?.course}/${plain?.slug}, a ${plain?.data['kind']} lesson, with outline and contents): ${withoutCheck.bytes} B gzip of initial JS in ${withoutCheck.files} scripts (target 0)`
      : 'Lesson page without a check: no such lesson in the content',
  );
  console.log(
    `Lesson page with a knowledge check: ${withCheck.bytes} B gzip of initial JS in ${withCheck.files} scripts (target <= 4096)`,
  );

  const path = `${server.url}/courses/${course.slug}/${lesson.slug}`;
  for (let i = 0; i < 30; i += 1) await (await fetch(path, { headers: { cookie } })).text();
  const times: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const start = performance.now();
    const response = await fetch(path, { headers: { cookie } });
    await response.text();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(
    `Signed-in lesson page render over HTTP: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${times.length} requests (target median < 15 ms)`,
  );
} finally {
  await server.dispose();
}
