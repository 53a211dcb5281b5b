import { describe, expect, test } from 'vitest';
import {
  formatStatement,
  parseAcceptLanguage,
} from '../../../src/lib/server/learning-record/format.ts';
import {
  decodeMoreToken,
  encodeMoreToken,
} from '../../../src/lib/server/learning-record/more-token.ts';
import { parseStatementParams } from '../../../src/lib/server/learning-record/query-params.ts';
import { makeStatement } from '../../helpers/statements.ts';

const parse = (query: string) => parseStatementParams(new URLSearchParams(query));
const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:ada@utility.example' }));

describe('parseStatementParams', () => {
  test('reads a full query', () => {
    const result = parse(
      `agent=${agent}&verb=http://adlnet.gov/expapi/verbs/completed&activity=https://x.example/c&related_activities=true&since=2026-01-01T00:00:00Z&limit=10&ascending=true&format=ids`,
    );
    expect(result).toMatchObject({
      kind: 'query',
      query: {
        relatedActivities: true,
        limit: 10,
        ascending: true,
        format: 'ids',
        since: Date.UTC(2026, 0, 1),
      },
    });
  });

  test('reads a single-statement request', () => {
    const id = crypto.randomUUID();
    expect(parse(`voidedStatementId=${id}&format=canonical`)).toEqual({
      kind: 'single',
      request: { id, isVoided: true, format: 'canonical', attachments: false },
    });
  });

  test.each([
    ['an unknown parameter', 'colour=red', 'unknown parameter colour'],
    ['a parameter in the wrong case', 'Verb=http://x.example/v', 'unknown parameter Verb'],
    ['a repeated parameter', 'limit=1&limit=2', 'twice'],
    [
      'both ids',
      `statementId=${crypto.randomUUID()}&voidedStatementId=${crypto.randomUUID()}`,
      'not both',
    ],
    [
      'a filter with statementId',
      `statementId=${crypto.randomUUID()}&verb=http://x.example/v`,
      'only format and attachments',
    ],
    ['an agent that is not JSON', 'agent=ada', 'JSON'],
    [
      'an anonymous group as agent',
      `agent=${encodeURIComponent('{"objectType":"Group","member":[{"mbox":"mailto:a@b.example"}]}')}`,
      'identify',
    ],
    ['a negative limit', 'limit=-1', 'limit'],
    ['a bad boolean', 'ascending=yes', 'ascending must be true or false'],
    ['a bad format', 'format=full', 'format must be'],
    ['more with other parameters', 'more=abc&limit=1', 'only parameter'],
  ])('refuses %s', (_name, query, fragment) => {
    const result = parse(query);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.message).toContain(fragment);
  });
});

describe('more tokens', () => {
  test('carry the query and the cursor', () => {
    const token = encodeMoreToken({ verb: 'http://x.example/v' }, { last: 40, head: 90 });
    expect(decodeMoreToken(token)).toEqual({
      params: { verb: 'http://x.example/v' },
      cursor: { last: 40, head: 90 },
    });
  });

  test.each(['', '!!!', Buffer.from('{"q":1}').toString('base64url')])('refuse %j', (token) => {
    expect(decodeMoreToken(token)).toBeNull();
  });
});

describe('formatStatement', () => {
  const body = JSON.stringify(makeStatement());

  test('ids keeps only identifiers of agents, activities and verbs', () => {
    const statement = JSON.parse(formatStatement(body, 'ids', []));
    expect(statement.actor).toEqual({
      objectType: 'Agent',
      mbox: 'mailto:ada.operator@utility.example',
    });
    expect(statement.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/completed' });
    expect(statement.object).toEqual({
      id: 'https://switchyard.example/courses/substation-fundamentals/breakers',
    });
  });

  test('canonical keeps one language, the reader’s best match', () => {
    const statement = JSON.parse(
      formatStatement(body, 'canonical', parseAcceptLanguage('fr;q=0.9, de')),
    );
    expect(statement.object.definition.name).toEqual({ 'fr-FR': 'Disjoncteurs' });
    expect(statement.verb.display).toEqual({ 'en-US': 'completed' });
  });

  test('exact returns the statement untouched', () => {
    expect(formatStatement(body, 'exact', [])).toBe(body);
  });
});
