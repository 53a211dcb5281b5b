import { tokenizeSql, type SqlToken } from './sql-tokens.ts';
import { SCHEMA_TABLES, TABLE_FUNCTIONS } from './sql-allow-list.ts';

/** A query the guard lets through, trimmed of trailing semicolons and comments. */
export type GuardedQuery =
  { ok: true; sql: string } | { ok: false; error: string; position: number };

/** The longest query the guard accepts, in characters. */
export const MAX_QUERY_LENGTH = 20_000;

const WRITES = new Set([
  'insert',
  'update',
  'delete',
  'replace',
  'create',
  'drop',
  'alter',
  'vacuum',
  'reindex',
  'analyze',
  'begin',
  'commit',
  'end',
  'rollback',
  'savepoint',
  'release',
  'upsert',
]);
/** The name a word or quoted name stands for: "x", [x] and `x` all name x. */
function nameOf(token: SqlToken): string {
  if (token.kind !== 'name') return token.text.toLowerCase();
  const close = token.text.startsWith('[') ? ']' : token.text[0];
  const inner = token.text.slice(1, -1);
  return (close === ']' ? inner : inner.replaceAll(`${close}${close}`, close ?? '')).toLowerCase();
}

/**
 * Judges what a name refers to, quoted or not and after a schema prefix too: only the schema
 * pragmas among pragma_ functions, only the schema among sqlite_ tables. Early reasons only: the
 * runner's SQLite authorizer enforces the whole allow-list (sql-allow-list.ts) on every query.
 */
function refuseName(token: SqlToken): GuardedQuery | null {
  const name = nameOf(token);
  if (name.startsWith('pragma_') && !TABLE_FUNCTIONS.has(name)) {
    return refuse(
      `${token.text} is not allowed; only pragma_table_info, pragma_table_xinfo and pragma_table_list are.`,
      token,
    );
  }
  if (name.startsWith('sqlite_') && !SCHEMA_TABLES.has(name)) {
    return refuse(
      `${token.text} is SQLite's internal data and is not allowed; a lab query reads the lab's tables (and sqlite_schema).`,
      token,
    );
  }
  return null;
}

const refuse = (error: string, token: { start: number }): GuardedQuery => ({
  ok: false,
  error,
  position: token.start,
});

function refuseWord(
  token: SqlToken,
  next: SqlToken | undefined,
  isFirst: boolean,
): GuardedQuery | null {
  const word = token.text.toLowerCase();
  const isCall = next?.text === '(';
  if (word === 'attach' || word === 'detach') {
    return refuse(
      `${word.toUpperCase()} is not allowed: a lab query reads only the lab's own tables.`,
      token,
    );
  }
  if (word === 'pragma') {
    return refuse(
      "PRAGMA is not allowed in a lab query. To list a table's columns, use SELECT * FROM pragma_table_info('table_name').",
      token,
    );
  }
  // END closes CASE and REPLACE( is a string function; as statements they would write.
  const isStatementWord = word === 'end' ? isFirst : word === 'replace' ? !isCall : true;
  if (WRITES.has(word) && isStatementWord) {
    return refuse(
      `The lab data is read-only, so ${word.toUpperCase()} cannot be used: write a SELECT query.`,
      token,
    );
  }
  return null;
}

/**
 * Checks that a query is one SELECT (or WITH ... SELECT) statement that reads only the lab's
 * tables, before it reaches the database: no ATTACH, PRAGMA, extension loading, writes,
 * parameters or second statement. The database is read-only as well; this gives clear reasons.
 */
export function guardLabQuery(query: string): GuardedQuery {
  if (query.length > MAX_QUERY_LENGTH) {
    return refuse(`A query may be at most ${MAX_QUERY_LENGTH} characters long.`, {
      start: MAX_QUERY_LENGTH,
    });
  }
  const { tokens, unclosed } = tokenizeSql(query);
  if (unclosed) {
    const what =
      unclosed.kind === 'comment'
        ? 'A /* comment'
        : unclosed.kind === 'string'
          ? 'A quote'
          : 'A quoted name';
    return refuse(`${what} opened here is never closed.`, unclosed);
  }
  const code = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const first = code[0];
  if (!first) return refuse('Write a query first: it starts with SELECT or WITH.', { start: 0 });
  const semicolon = code.findIndex((t) => t.text === ';');
  const afterSemicolon =
    semicolon >= 0 ? code.slice(semicolon + 1).find((t) => t.text !== ';') : undefined;
  if (afterSemicolon) {
    return refuse(
      "Run one statement at a time: remove everything after the first ';'.",
      afterSemicolon,
    );
  }
  const statement = semicolon >= 0 ? code.slice(0, semicolon) : code;
  for (const [index, token] of statement.entries()) {
    if (token.kind === 'parameter') {
      return refuse(
        `Query parameters such as ${token.text} cannot be used here: write the value into the query.`,
        token,
      );
    }
    if (token.kind !== 'word' && token.kind !== 'name') continue;
    const named = refuseName(token);
    if (named) return named;
    // Keywords are bare words; a quoted or qualified name is only ever a name.
    if (token.kind === 'name' || statement[index - 1]?.text === '.') continue;
    const refusal = refuseWord(token, statement[index + 1], index === 0);
    if (refusal) return refusal;
  }
  const keyword = first.text.toLowerCase();
  if (first.kind !== 'word' || (keyword !== 'select' && keyword !== 'with')) {
    return refuse(`A lab query starts with SELECT or WITH, not ${first.text}.`, first);
  }
  const last = statement[statement.length - 1] ?? first;
  return { ok: true, sql: query.slice(first.start, last.start + last.text.length) };
}
