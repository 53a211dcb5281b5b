// Statement query: GET one learner's statements for one course among 1,000,000, over HTTP and
// in-process. Expects a build in dist/ (`npx node src/cli/start.mjs --build-only`); builds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { parseStatementParams } from '../../src/lib/server/learning-record/query-params.ts';
import { queryStatements } from '../../src/lib/server/learning-record/query.ts';
import { createXapiCredential } from '../../src/lib/server/xapi-credentials/credentials.ts';
import {
  COURSES,
  courseId,
  generateStatements,
  learnerAgent,
  startBuiltServer,
} from './xapi-fixtures.ts';

const TOTAL = 1_000_000;
const LEARNERS = 5000;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-xapi-query-bench-'));

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

try {
  const bigDb = await openDatabase({ url: `file:${join(dir, 'million.db')}` });
  await migrateDatabase(bigDb);
  let started = performance.now();
  await generateStatements(bigDb, TOTAL, LEARNERS);
  const reader = await createXapiCredential(bigDb, { name: 'reader', scope: 'read' });
  console.log(
    `\nGenerated ${fmt(TOTAL)} statements of ${fmt(LEARNERS)} learners in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const samples = Array.from({ length: 300 }, (_, i) => ({
    learner: (i * 7919) % LEARNERS,
    course: (i * 31) % COURSES,
  }));
  const queryOf = (s: { learner: number; course: number }) =>
    `agent=${encodeURIComponent(JSON.stringify(learnerAgent(s.learner)))}&activity=${encodeURIComponent(courseId(s.course))}&related_activities=true`;

  const inProcess: number[] = [];
  let found = 0;
  for (const sample of samples) {
    const parsed = parseStatementParams(new URLSearchParams(queryOf(sample)));
    if (parsed.kind !== 'query') throw new Error('bad query');
    started = performance.now();
    found += (await queryStatements(bigDb, parsed.query)).bodies.length;
    inProcess.push(performance.now() - started);
  }
  bigDb.$client.close();

  const bigServer = await startBuiltServer(`file:${join(dir, 'million.db')}`);
  const readerAuth = `Basic ${Buffer.from(`${reader.key}:${reader.secret}`).toString('base64')}`;
  const overHttp: number[] = [];
  try {
    for (const [index, sample] of [...samples.slice(0, 20), ...samples].entries()) {
      started = performance.now();
      const response = await fetch(`${bigServer.url}/xapi/statements?${queryOf(sample)}`, {
        headers: { Authorization: readerAuth, 'X-Experience-API-Version': '2.0.0' },
      });
      const page = (await response.json()) as { statements: unknown[] };
      if (response.status !== 200 || page.statements.length === 0)
        throw new Error(`GET failed: ${response.status}`);
      if (index >= 20) overHttp.push(performance.now() - started);
    }
  } finally {
    bigServer.stop();
  }
  console.log(
    `GET one learner's statements for one course (agent + activity + related_activities; ${(found / samples.length).toFixed(1)} statements each):`,
  );
  console.log(
    `  over HTTP: median ${median(overHttp).toFixed(2)} ms (target < 20 ms), in-process query: median ${median(inProcess).toFixed(2)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
