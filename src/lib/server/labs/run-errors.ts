import type { RunOutcome } from './runner-process.ts';
import { tokenizeSql } from './sql-tokens.ts';

/** A query that could not be graded: why, in plain words, and where in the query if known. */
export interface RunError {
  ok: false;
  /** HTTP status the grading endpoint should answer with. */
  status: 408 | 413 | 422;
  error: string;
  /** 0-based offset in the learner's query that the error points at. */
  position?: number;
}

/** Offset of the first code token (not in a string or comment) equal to `name`, ignoring case. */
function findInCode(query: string, name: string): number | undefined {
  const wanted = name.toLowerCase();
  const tokens = tokenizeSql(query).tokens.filter(
    (t) => t.kind !== 'space' && t.kind !== 'comment',
  );
  const parts = wanted.split('.');
  for (const [i, token] of tokens.entries()) {
    if (token.text.toLowerCase() === wanted) return token.start;
    // A qualified name such as f.kw arrives as three tokens.
    if (
      parts.length === 2 &&
      token.text.toLowerCase() === parts[0] &&
      tokens[i + 1]?.text === '.' &&
      tokens[i + 2]?.text.toLowerCase() === parts[1]
    ) {
      return token.start;
    }
  }
  return undefined;
}

/** SQLite's messages that have a clearer wording, and the name each one points at. */
const SQL_MESSAGES: { pattern: RegExp; explain: (name: string) => string }[] = [
  {
    pattern: /^near "(.*)": syntax error$/s,
    explain: (n) =>
      `SQLite could not read the query near "${n}": look for a missing comma, keyword or bracket, or a clause out of order.`,
  },
  {
    pattern: /^no such column: (.+)$/,
    explain: (n) =>
      `There is no column named ${n} in the tables this query reads (text values go in single quotes, e.g. 'F1').`,
  },
  {
    pattern: /^no such table: (?:main\.)?(.+)$/,
    explain: (n) => `There is no table named ${n} in this lab's data.`,
  },
  { pattern: /^no such function: (.+)$/, explain: (n) => `SQLite has no function named ${n}.` },
  {
    pattern: /^ambiguous column name: (.+)$/,
    explain: (n) =>
      `More than one table in the query has a column named ${n}: write it with its table name, e.g. t.${n}.`,
  },
  {
    pattern: /^misuse of aggregate(?: function)?:? (\w+)\(\)$/,
    explain: (n) =>
      `${n}() sums up many rows: it belongs in SELECT or HAVING, not in WHERE or GROUP BY.`,
  },
];

function explainSqlMessage(raw: string, query: string): RunError {
  const message = raw.replace(/^(?:SQLITE_[A-Z_]+: )+/, '').trim();
  if (message === 'incomplete input') {
    return {
      ok: false,
      status: 422,
      error: 'The query ends too early: a bracket, quote or clause is not finished.',
      position: query.trimEnd().length,
    };
  }
  if (/readonly|read-only|not authorized/i.test(message)) {
    return {
      ok: false,
      status: 422,
      error: 'The lab data is read-only and reachable only through SELECT queries.',
    };
  }
  for (const { pattern, explain } of SQL_MESSAGES) {
    const name = pattern.exec(message)?.[1];
    if (name === undefined) continue;
    const position = findInCode(query, name);
    return {
      ok: false,
      status: 422,
      error: explain(name),
      ...(position === undefined ? {} : { position }),
    };
  }
  return { ok: false, status: 422, error: `SQLite could not run the query: ${message}` };
}

/** Turns a failed run into an error a learner can act on. */
export function explainRunFailure(
  outcome: Extract<RunOutcome, { ok: false }>,
  query: string,
  limits: { timeMs: number; maxRows: number; maxResultBytes: number },
): RunError {
  const memory =
    /NOMEM|TOOBIG/.test(outcome.code) || /out of memory|too big/i.test(outcome.message);
  switch (outcome.failure) {
    case 'timeout':
      return {
        ok: false,
        status: 408,
        error: `The query ran longer than ${limits.timeMs / 1000} s and was stopped. Look for a join without a join condition, or a recursive query that never ends.`,
      };
    case 'rows':
      return {
        ok: false,
        status: 413,
        error: `The query returns more than ${limits.maxRows.toLocaleString('en-US')} rows. Filter or aggregate it: a lab result has at most that many rows.`,
      };
    case 'size':
      return {
        ok: false,
        status: 413,
        error: `The query's result is larger than ${Math.round(limits.maxResultBytes / 1048576)} MB. Return fewer or shorter values.`,
      };
    case 'crash':
      return {
        ok: false,
        status: 413,
        error:
          'The query needed more memory than a lab allows and was stopped. Return fewer or shorter values.',
      };
    default:
      if (memory)
        return {
          ok: false,
          status: 413,
          error:
            'The query needed more memory than a lab allows (a very long text or blob, or too many rows held at once). Return fewer or shorter values.',
        };
      return explainSqlMessage(outcome.message, query);
  }
}
