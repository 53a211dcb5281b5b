/** Where in the query an error points: 0-based offset, 1-based line and column. */
export interface QueryPosition {
  offset: number;
  line: number;
  column: number;
}

/** A SQLite error said in plain words, with where it is in the query when that can be told. */
export interface ExplainedSqlError {
  message: string;
  position: QueryPosition | null;
}

/** Functions people bring from other SQL dialects, with what SQLite offers instead. */
const FOREIGN_FUNCTIONS: Record<string, string> = {
  date_trunc: "cut timestamps with strftime, e.g. strftime('%Y-%m-%dT%H:00', ts) for the hour",
  to_char: "format times with strftime, e.g. strftime('%Y-%m-%d', ts)",
  extract:
    "take parts of a time with strftime, e.g. CAST(strftime('%H', ts) AS INTEGER) for the hour",
  datepart: "take parts of a time with strftime, e.g. strftime('%H', ts)",
  now: "use datetime('now')",
  getdate: "use datetime('now')",
  len: 'use length()',
  isnull: 'use coalesce() or ifnull()',
  nvl: 'use coalesce() or ifnull()',
  stddev: 'compute it from avg(x * x) - avg(x) * avg(x), then sqrt()',
  median: 'sort the values and take the middle one with LIMIT and OFFSET',
};

/** Line and column of an offset in a text. */
export function positionAt(text: string, offset: number): QueryPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const line = before.split('\n').length;
  const column = clamped - before.lastIndexOf('\n');
  return { offset: clamped, line, column };
}

/** Offsets of the parts of a query that are code: outside quotes and comments. */
function codeMask(query: string): boolean[] {
  const mask = new Array<boolean>(query.length).fill(true);
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    const next = query[i + 1];
    let end = -1;
    if (char === "'") end = closing(query, i, "'");
    else if (char === '-' && next === '-')
      end = query.indexOf('\n', i) < 0 ? query.length : query.indexOf('\n', i);
    else if (char === '/' && next === '*')
      end = query.indexOf('*/', i + 2) < 0 ? query.length : query.indexOf('*/', i + 2) + 2;
    if (end < 0) {
      i++;
      continue;
    }
    for (let j = i; j < end; j++) mask[j] = false;
    i = end;
  }
  return mask;
}

/** Offset just past a quoted string that starts at `start` (doubled quotes stay inside). */
function closing(query: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < query.length) {
    if (query[i] === quote) {
      if (query[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return query.length;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Offset of the first occurrence of a token in code (not in a string or comment), case-insensitive. */
export function findToken(query: string, token: string): number | null {
  if (!token) return null;
  const isWord = /^\w/.test(token) && /\w$/.test(token);
  const pattern = new RegExp(
    isWord ? `(?<![\\w.])${escapeRegExp(token)}(?!\\w)` : escapeRegExp(token),
    'gi',
  );
  const mask = codeMask(query);
  for (const match of query.matchAll(pattern)) {
    if (mask[match.index] || token.startsWith("'")) return match.index;
  }
  // A qualified name such as t.col: fall back to the bare occurrence.
  const fallback = query.toLowerCase().indexOf(token.toLowerCase());
  return fallback >= 0 ? fallback : null;
}

/** Rules from SQLite's own messages to plain words; the first capture group is the token to point at. */
const RULES: { pattern: RegExp; explain: (token: string) => string; at?: 'end' }[] = [
  {
    pattern: /^near "(.*)": syntax error$/s,
    explain: (t) =>
      `SQLite could not read the query at "${t}". Look for a missing comma, a misspelled keyword or a clause in the wrong order (SELECT, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT).`,
  },
  {
    pattern: /^incomplete input$/,
    explain: () =>
      'The query stops before it is finished: a bracket, a quote or a clause is not closed.',
    at: 'end',
  },
  {
    pattern: /^unrecognized token: "(.*)"$/s,
    explain: (t) =>
      `SQLite does not recognise ${t}. Text values go in single quotes ('F1'); check that every quote is closed.`,
  },
  {
    pattern: /^no such column: (.+)$/,
    explain: (t) =>
      `There is no column named ${t} in the tables this query reads. Check the spelling against the dataset's columns; text values need single quotes ('${t}').`,
  },
  {
    pattern: /^no such table: (?:main\.)?(.+)$/,
    explain: (t) => `There is no table named ${t} in this lab's data.`,
  },
  {
    pattern: /^no such function: (.+)$/,
    explain: (t) => {
      const instead = FOREIGN_FUNCTIONS[t.toLowerCase()];
      return `SQLite has no function named ${t}${instead ? `: ${instead}` : ''}.`;
    },
  },
  {
    pattern: /^ambiguous column name: (.+)$/,
    explain: (t) =>
      `More than one joined table has a column named ${t}: write it with its table name, e.g. table_name.${t}.`,
  },
  {
    pattern: /^misuse of aggregate(?: function)?:? (\w+)\(\)$/,
    explain: (t) =>
      `${t}() sums up many rows, so it belongs in SELECT or HAVING, not in WHERE or GROUP BY.`,
  },
  {
    pattern: /^wrong number of arguments to function (\w+)\(\)$/,
    explain: (t) => `${t}() was given the wrong number of arguments.`,
  },
  {
    pattern:
      /^(HAVING) clause on a non-aggregate query$|^a GROUP BY clause is required before (HAVING)$/,
    explain: () =>
      'HAVING filters groups, so the query needs a GROUP BY before it (or use WHERE to filter rows).',
  },
  {
    pattern: /^(?:attempt to write a readonly database|.*query_only.*)$/,
    explain: () => 'The lab data is read-only: write a SELECT query that reads it.',
  },
  {
    pattern:
      /^(?:SELECTs to the left and right of (\w+) do not have the same number of result columns)$/,
    explain: (t) => `Both sides of ${t} must return the same number of columns.`,
  },
];

/** Removes driver prefixes so the rules see SQLite's own message. */
export function bareSqliteMessage(raw: string): string {
  return raw
    .replace(/^(?:Error: )?(?:SQLITE_[A-Z_]+: ?)?/, '')
    .replace(/^SQL logic error: ?/, '')
    .replace(/ in ".*" at offset \d+$/s, '')
    .trim();
}

/**
 * Explains a SQLite error message in plain words, and finds where in the query it points: the
 * token SQLite names, or the end for an unfinished query. Unknown messages pass through unchanged.
 */
export function explainSqlError(raw: string, query: string): ExplainedSqlError {
  const message = bareSqliteMessage(raw);
  for (const rule of RULES) {
    const match = rule.pattern.exec(message);
    if (!match) continue;
    const token = match.slice(1).find((group) => group !== undefined) ?? '';
    const offset = rule.at === 'end' ? query.trimEnd().length : findToken(query, token);
    return {
      message: rule.explain(token),
      position: offset === null ? null : positionAt(query, offset),
    };
  }
  return { message: message ? `SQLite says: ${message}` : 'The query failed.', position: null };
}
