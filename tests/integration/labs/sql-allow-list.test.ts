import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, test } from 'vitest';
import { closeLabGrading, gradeLabQuery } from '../../../src/lib/server/labs/grade.ts';
import { labAuthorizer } from '../../../src/lib/server/labs/sql-allow-list.ts';

// The allow-list is SQLite's authorizer: it judges what SQLite resolved, so spelling, quoting,
// case and comments cannot hide a call or a table from it.

/** A small lab database under the allow-list, like the runner's. */
function labDatabase(): { db: DatabaseSync; why: () => string | null } {
  const db = new DatabaseSync(':memory:');
  db.exec("CREATE TABLE feeders (feeder TEXT, mw REAL); INSERT INTO feeders VALUES ('F1', 2.5)");
  db.exec('CREATE TABLE hidden (secret TEXT)');
  const authorizer = labAuthorizer(['feeders']);
  db.setAuthorizer(authorizer.authorize);
  return { db, why: authorizer.lastRefusal };
}

describe('labAuthorizer', () => {
  test.each([
    ['a read of a lab table', 'SELECT feeder, round(mw, 1) FROM feeders'],
    ['window functions', 'SELECT feeder, lag(mw) OVER (ORDER BY feeder) FROM feeders'],
    [
      'a recursive CTE',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT count(*) FROM n',
    ],
    ['the schema', 'SELECT name FROM sqlite_schema'],
    ['a schema pragma function', "SELECT name FROM pragma_table_info('feeders')"],
    ['JSON walking', "SELECT value FROM json_each('[1, 2]')"],
    ['date functions', "SELECT strftime('%H', '2024-01-01T10:00:00Z'), julianday('now') > 0"],
  ])('allows %s', (_name, sql) => {
    const { db } = labDatabase();
    expect(() => db.prepare(sql).all()).not.toThrow();
  });

  test.each([
    [
      'an extension loader',
      "SELECT load_extension('/tmp/x.so')",
      /load_extension\(\) is not a function/,
    ],
    [
      'a quoted, upper-case extension loader',
      'SELECT "LOAD_EXTENSION"(\'x\')',
      /LOAD_EXTENSION\(\) is not a function/i,
    ],
    [
      'a call hidden behind a comment',
      'SELECT /* round( */ sqlite_source_id()',
      /sqlite_source_id\(\) is not a function/,
    ],
    ['an internal function', 'SELECT sqlite_compileoption_get(0)', /not a function/],
    ['a function no lab needs', 'SELECT zeroblob(10)', /zeroblob\(\) is not a function/],
    [
      'a table outside the lab',
      'SELECT secret FROM hidden',
      /hidden is not one of this lab's tables/,
    ],
    [
      'a pragma function other than the schema ones',
      'SELECT * FROM [pragma_database_list]',
      /not one of this lab's tables/,
    ],
    [
      'a schema-qualified pragma function',
      'SELECT * FROM main."pragma_compile_options"',
      /not one of this lab's tables/,
    ],
    ['a PRAGMA statement', 'PRAGMA writable_schema = 1', /PRAGMA is not allowed/],
    ['ATTACH', "ATTACH DATABASE ':memory:' AS other", /ATTACH and DETACH are not allowed/],
    ['a write', "INSERT INTO feeders VALUES ('F9', 1)", /read-only/],
    ['a temporary table', 'CREATE TEMP TABLE t AS SELECT 1', /read-only/],
    ['a write inside a CTE statement', 'WITH x AS (SELECT 1) DELETE FROM feeders', /read-only/],
  ])('refuses %s, saying why', (_name, sql, reason) => {
    const { db, why } = labDatabase();
    expect(() => db.prepare(sql).all()).toThrow(/not authorized|prohibited/);
    expect(why()).toMatch(reason);
  });
});

describe('a lab grading under the allow-list', () => {
  afterAll(() => closeLabGrading());
  const check = {
    reference: 'SELECT COUNT(*) AS n FROM scada_analogs',
    rowOrder: 'any',
    columns: 'names',
    tolerance: 1e-6,
  } as const;

  test.each([
    [
      'a bare extension loader the guard lets through',
      "SELECT load_extension('x') AS n",
      /load_extension\(\) is not a function/,
    ],
    [
      'a function in a quoted name',
      'SELECT "Unlikely"(1) + "changes"() AS n',
      /changes\(\) is not a function/,
    ],
    [
      'an internal function',
      'SELECT sqlite_offset(ts) AS n FROM scada_analogs',
      /sqlite_offset(\(\) is not a function| is SQLite's internal)/,
    ],
  ])('answers 422 with the reason for %s', async (_name, query, reason) => {
    const result = await gradeLabQuery({ datasets: ['scada-week'], check, query });
    expect(result).toMatchObject({ ok: false, status: 422 });
    if (!result.ok) expect(result.error).toMatch(reason);
  });

  test('still grades the reference', async () => {
    const result = await gradeLabQuery({ datasets: ['scada-week'], check, query: check.reference });
    expect(result).toMatchObject({ ok: true, passed: true });
  });
});
