import { describe, expect, test } from 'vitest';
import { guardLabQuery } from '../../../src/lib/server/labs/sql-guard.ts';

describe('guardLabQuery', () => {
  test.each([
    ['a plain SELECT', 'SELECT feeder FROM feeders', 'SELECT feeder FROM feeders'],
    [
      'a WITH query',
      'WITH f AS (SELECT 1 AS x) SELECT x FROM f',
      'WITH f AS (SELECT 1 AS x) SELECT x FROM f',
    ],
    ['a trailing semicolon and comment', 'SELECT 1; -- done\n', 'SELECT 1'],
    ['leading comments', '/* peak */ -- by feeder\nSELECT 1', 'SELECT 1'],
    [
      'keywords inside strings',
      "SELECT 'ATTACH; PRAGMA; DELETE' AS note",
      "SELECT 'ATTACH; PRAGMA; DELETE' AS note",
    ],
    [
      'keywords inside comments',
      'SELECT /* no ATTACH; here */ 1',
      'SELECT /* no ATTACH; here */ 1',
    ],
    [
      'replace() and CASE ... END',
      "SELECT replace(feeder, 'F', 'Feeder '), CASE WHEN has_pv THEN 'PV' END FROM feeders",
      "SELECT replace(feeder, 'F', 'Feeder '), CASE WHEN has_pv THEN 'PV' END FROM feeders",
    ],
    ['a quoted column named like a keyword', 'SELECT "delete" FROM t', 'SELECT "delete" FROM t'],
    ['the schema table', 'SELECT name FROM sqlite_schema', 'SELECT name FROM sqlite_schema'],
    [
      'a quoted schema pragma',
      'SELECT name FROM "pragma_table_info"(\'feeders\')',
      'SELECT name FROM "pragma_table_info"(\'feeders\')',
    ],
    [
      'the schema pragma functions',
      "SELECT name FROM pragma_table_info('feeders')",
      "SELECT name FROM pragma_table_info('feeders')",
    ],
  ])('lets through %s', (_name, query, sql) => {
    expect(guardLabQuery(query)).toEqual({ ok: true, sql });
  });

  test.each([
    ['an empty query', '  -- nothing\n', 0, /Write a query first/],
    ['a second statement', 'SELECT 1; SELECT 2', 10, /one statement at a time/],
    ['ATTACH', "ATTACH 'x.db' AS x", 0, /ATTACH is not allowed/],
    ['DETACH', 'DETACH main', 0, /DETACH is not allowed/],
    ['PRAGMA', 'PRAGMA table_info(feeders)', 0, /pragma_table_info/],
    ['other pragma functions', 'SELECT * FROM pragma_function_list', 14, /not allowed/],
    [
      'a write hidden behind WITH',
      'WITH x AS (SELECT 1) UPDATE feeders SET name = 1',
      21,
      /read-only, so UPDATE/,
    ],
    ['REPLACE INTO', 'REPLACE INTO feeders VALUES (1)', 0, /read-only, so REPLACE/],
    ['a statement that is not a query', 'VALUES (1)', 0, /starts with SELECT or WITH/],
    [
      'parameters',
      'SELECT * FROM feeders WHERE feeder = :feeder',
      37,
      /parameters such as :feeder/,
    ],
    ['a quoted pragma function', 'SELECT * FROM "pragma_database_list"', 14, /not allowed/],
    ['a bracketed pragma function', 'SELECT * FROM [pragma_function_list]', 14, /not allowed/],
    ['a backquoted pragma function', 'SELECT * FROM `PRAGMA_compile_options`', 14, /not allowed/],
    ['a schema-qualified pragma', 'SELECT * FROM main."pragma_database_list"', 19, /not allowed/],
    ['sqlite_dbpage', 'SELECT * FROM sqlite_dbpage', 14, /internal/],
    ['quoted sqlite_dbpage', 'SELECT data FROM "sqlite_dbpage"', 17, /internal/],
    ['an unclosed quote', "SELECT 'F1", 7, /quote opened here is never closed/],
    ['an unclosed comment', 'SELECT 1 /* note', 9, /comment opened here is never closed/],
  ])('refuses %s and points at it', (_name, query, position, error) => {
    const guarded = guardLabQuery(query);
    expect(guarded).toMatchObject({ ok: false, position });
    if (!guarded.ok) expect(guarded.error).toMatch(error);
  });

  test('refuses a query longer than 20,000 characters', () => {
    const guarded = guardLabQuery(`SELECT 1 ${' '.repeat(20_000)}`);
    expect(guarded).toMatchObject({ ok: false });
  });
});
