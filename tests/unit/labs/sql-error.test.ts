import { describe, expect, test } from 'vitest';
import {
  bareSqliteMessage,
  explainSqlError,
  findToken,
  positionAt,
} from '../../../src/lib/shared/labs/sql-error.ts';

describe('positionAt', () => {
  test('counts lines and columns from 1', () => {
    expect(positionAt('SELECT a\nFROM t', 9)).toEqual({ offset: 9, line: 2, column: 1 });
    expect(positionAt('SELECT a', 7)).toEqual({ offset: 7, line: 1, column: 8 });
  });

  test('clamps offsets past the end of the text', () => {
    expect(positionAt('abc', 10)).toEqual({ offset: 3, line: 1, column: 4 });
  });
});

describe('findToken', () => {
  test('skips occurrences inside string literals and comments', () => {
    const query = "-- FORM\nSELECT 'FORM' FORM t";
    expect(findToken(query, 'FORM')).toBe(query.lastIndexOf('FORM'));
  });

  test('matches whole words only, case-insensitively', () => {
    expect(findToken('SELECT mwh, mw FROM t', 'MW')).toBe(12);
  });
});

describe('bareSqliteMessage', () => {
  test.each([
    ['SQLITE_ERROR: no such table: x', 'no such table: x'],
    ['SQLITE_ERROR: SQL logic error: no such column: kw', 'no such column: kw'],
    ['near "FORM": syntax error', 'near "FORM": syntax error'],
  ])('strips driver prefixes from %s', (raw, bare) => {
    expect(bareSqliteMessage(raw)).toBe(bare);
  });
});

describe('explainSqlError', () => {
  test('points a syntax error at the token SQLite names', () => {
    const query = 'SELECT feeder, max(mw)\nFORM scada_analogs';
    const explained = explainSqlError('near "FORM": syntax error', query);
    expect(explained.message).toContain('could not read the query at "FORM"');
    expect(explained.position).toEqual({ offset: 23, line: 2, column: 1 });
  });

  test('points an unfinished query at its end', () => {
    const query = 'SELECT max(mw FROM scada_analogs  ';
    expect(explainSqlError('incomplete input', query).position?.offset).toBe(
      query.trimEnd().length,
    );
  });

  test('names an unknown column and where it is used', () => {
    const explained = explainSqlError(
      'SQLITE_ERROR: no such column: kw',
      'SELECT kw FROM scada_analogs',
    );
    expect(explained.message).toContain('no column named kw');
    expect(explained.position).toEqual({ offset: 7, line: 1, column: 8 });
  });

  test('suggests the SQLite way for functions from other dialects', () => {
    const explained = explainSqlError(
      'no such function: date_trunc',
      "SELECT date_trunc('hour', ts) FROM scada_analogs",
    );
    expect(explained.message).toMatch(/strftime/);
    expect(explained.position?.column).toBe(8);
  });

  test('tells a learner that the data is read-only', () => {
    expect(
      explainSqlError('attempt to write a readonly database', 'DELETE FROM t').message,
    ).toMatch(/read-only/);
  });

  test('passes an unknown message through without a position', () => {
    expect(explainSqlError('disk I/O error', 'SELECT 1')).toEqual({
      message: 'SQLite says: disk I/O error',
      position: null,
    });
  });
});
