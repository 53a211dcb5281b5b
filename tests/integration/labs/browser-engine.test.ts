import { afterAll, describe, expect, test } from 'vitest';
import initSqlJs from 'sql.js';
import { courseSlugs, readCourse } from '../../helpers/content.ts';
import { readFileSync } from 'node:fs';
import { findLabDataFile, labDataKey } from '../../../src/lib/server/labs/lab-data-files.ts';
import { compareResults, type QueryResult } from '../../../src/lib/server/labs/compare-results.ts';
import { closeLabGrading, referenceResult } from '../../../src/lib/server/labs/grade.ts';
import { LabCheckSchema } from '../../../src/lib/content/lab.ts';

// Every lab's reference answer, run on the SQLite file the browser downloads with the WebAssembly
// SQLite the browser runs, must give what the server grades against: a learner sees locally what
// the grader sees.
const labs = courseSlugs()
  .flatMap((course) => readCourse(course).lessons)
  .filter((lesson) => lesson.data.kind === 'lab' && lesson.data.lab)
  .map((lesson) => ({ name: `${lesson.course}/${lesson.slug}`, lab: lesson.data.lab }));
const SQL = await initSqlJs();

afterAll(() => closeLabGrading());

async function runInBrowserEngine(datasets: string[], query: string): Promise<QueryResult> {
  const file = await findLabDataFile(labDataKey(datasets));
  if (!file) throw new Error(`no lab data file for ${datasets.join('+')}`);
  const db = new SQL.Database(readFileSync(file.path));
  try {
    const [result] = db.exec(query);
    return {
      columns: result?.columns ?? [],
      rows: (result?.values ?? []).map((row) =>
        row.map((cell) => (cell instanceof Uint8Array ? null : cell)),
      ),
    };
  } finally {
    db.close();
  }
}

describe('lab reference answers in the browser engine', () => {
  test('the analytics track has labs to check', () => {
    expect(labs.length).toBeGreaterThanOrEqual(3);
  });

  test.each(labs)(
    '$name gives the same result in the browser as on the server',
    async ({ lab }) => {
      const check = LabCheckSchema.parse(lab.check);
      const local = await runInBrowserEngine(lab.datasets, check.reference);
      const server = await referenceResult(lab.datasets, check.reference);
      expect(compareResults(server, local, check)).toMatchObject({ passed: true });
    },
  );
});
