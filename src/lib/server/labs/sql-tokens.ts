/** A lexical token of a SQLite query. */
export interface SqlToken {
  kind:
    'word' | 'name' | 'string' | 'blob' | 'number' | 'parameter' | 'symbol' | 'comment' | 'space';
  text: string;
  /** 0-based offset of the token in the query. */
  start: number;
}

/** Where tokenizing stopped because a quote or comment was never closed. */
export interface UnclosedToken {
  kind: 'string' | 'name' | 'comment';
  start: number;
}

const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

function closeQuote(query: string, start: number, close: string): number {
  let i = start + 1;
  while (i < query.length) {
    if (query[i] === close) {
      if (close !== ']' && query[i + 1] === close) i += 2;
      else return i + 1;
    } else i++;
  }
  return -1;
}

const SPACE = /\s+/y;
const NUMBER = /0x[0-9a-f]+|[0-9]*\.?[0-9]*(?:e[+-]?[0-9]+)?/iy;
const WORD = /[A-Za-z0-9_$\u0080-\uffff]+/y;
const PARAMETER = /[?:@$][A-Za-z0-9_]*/y;
const OPERATOR = /\|\||<<|>>|<=|>=|==|!=|<>|->>|->/y;

/** Length of the match of a sticky pattern at an offset, at least 1. */
function lengthAt(pattern: RegExp, query: string, at: number): number {
  pattern.lastIndex = at;
  return Math.max(1, pattern.exec(query)?.[0].length ?? 1);
}

/** Splits a query into tokens the way SQLite's tokenizer does, closely enough to guard it. */
export function tokenizeSql(query: string): { tokens: SqlToken[]; unclosed: UnclosedToken | null } {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlToken['kind'], end: number) => {
    tokens.push({ kind, text: query.slice(i, end), start: i });
    i = end;
  };
  while (i < query.length) {
    const char = query[i] ?? '';
    const next = query[i + 1] ?? '';
    if (/\s/.test(char)) {
      push('space', i + lengthAt(SPACE, query, i));
    } else if (char === '-' && next === '-') {
      const end = query.indexOf('\n', i);
      push('comment', end < 0 ? query.length : end);
    } else if (char === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      if (end < 0) return { tokens, unclosed: { kind: 'comment', start: i } };
      push('comment', end + 2);
    } else if ((char === 'x' || char === 'X') && next === "'") {
      const end = closeQuote(query, i + 1, "'");
      if (end < 0) return { tokens, unclosed: { kind: 'string', start: i } };
      push('blob', end);
    } else if (char in CLOSERS) {
      const end = closeQuote(query, i, CLOSERS[char] ?? char);
      if (end < 0)
        return { tokens, unclosed: { kind: char === "'" ? 'string' : 'name', start: i } };
      push(char === "'" ? 'string' : 'name', end);
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(next))) {
      push('number', i + lengthAt(NUMBER, query, i));
    } else if (/[A-Za-z_\u0080-\uffff]/.test(char)) {
      push('word', i + lengthAt(WORD, query, i));
    } else if (
      char === '?' ||
      ((char === ':' || char === '@' || char === '$') && /[A-Za-z0-9_]/.test(next))
    ) {
      push('parameter', i + lengthAt(PARAMETER, query, i));
    } else {
      OPERATOR.lastIndex = i;
      push('symbol', i + (OPERATOR.exec(query)?.[0].length ?? 1));
    }
  }
  return { tokens, unclosed: null };
}
