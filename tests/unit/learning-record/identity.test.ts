import { describe, expect, test } from 'vitest';
import {
  actorKey,
  userAgent,
  userIdOf,
} from '../../../src/lib/server/learning-record/actor-key.ts';
import { statementFingerprint } from '../../../src/lib/server/learning-record/fingerprint.ts';
import { parseTimestamp } from '../../../src/lib/server/learning-record/formats.ts';
import { parseStatements } from '../../../src/lib/server/learning-record/validate.ts';
import type { Statement } from '../../../src/lib/server/learning-record/statement-schema.ts';
import { makeStatement, mboxAgent } from '../../helpers/statements.ts';

function parsed(input: Record<string, unknown>): Statement {
  const result = parseStatements([input], '2.0.0');
  if (!result.ok) throw new Error(result.message);
  return result.statements[0] as Statement;
}

describe('actorKey', () => {
  test.each([
    [{ mbox: 'mailto:Ada@Utility.Example' }, 'mbox:mailto:Ada@utility.example'],
    [
      { mbox_sha1sum: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' },
      'sha1:abcdef0123456789abcdef0123456789abcdef01',
    ],
    [{ openid: 'https://id.example/ada' }, 'openid:https://id.example/ada'],
    [
      { account: { homePage: 'https://sy.example', name: 'u 1' } },
      'account:https://sy.example u 1',
    ],
  ])('keys %j as %s', (agent, key) => {
    expect(actorKey(agent)).toBe(key);
  });

  test('gives an anonymous group no key', () => {
    expect(actorKey({ objectType: 'Group', member: [{ mbox: 'mailto:a@b.example' }] })).toBeNull();
  });

  test('names a Switchyard user by an account on the site origin', () => {
    const agent = userAgent('https://sy.example', 'u_42', 'Ada');
    expect(agent).toEqual({
      objectType: 'Agent',
      name: 'Ada',
      account: { homePage: 'https://sy.example', name: 'u_42' },
    });
    expect(userIdOf(agent, 'https://sy.example')).toBe('u_42');
    expect(userIdOf(agent, 'https://other.example')).toBeNull();
    expect(userIdOf({ mbox: 'mailto:a@b.example' })).toBeNull();
  });
});

describe('statementFingerprint', () => {
  const base = makeStatement();

  test.each([
    [
      'another id, authority, stored and version',
      {
        id: crypto.randomUUID(),
        version: '1.0.0',
        stored: '2026-01-01T00:00:00Z',
        authority: mboxAgent('Other'),
      },
    ],
    [
      'other activity definition and verb display',
      {
        object: {
          objectType: 'Activity',
          id: base['object'] && (base['object'] as { id: string }).id,
        },
        verb: { id: (base['verb'] as { id: string }).id },
      },
    ],
    ['the same instant in another zone', { timestamp: '2026-03-01T11:30:00+02:00' }],
    [
      'an e-mail domain in capitals',
      { actor: { ...mboxAgent('Ada Operator'), mbox: 'mailto:ada.operator@UTILITY.example' } },
    ],
  ])('ignores %s', (_name, overrides) => {
    expect(statementFingerprint(parsed({ ...base, ...overrides }))).toBe(
      statementFingerprint(parsed(base)),
    );
  });

  test.each([
    ['another verb', { verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }],
    ['another instant', { timestamp: '2026-03-01T09:30:00.001Z' }],
    ['a result', { result: { completion: true } }],
    ['another duration spelling', { result: { duration: 'PT60S' } }],
  ])('notices %s', (_name, overrides) => {
    expect(statementFingerprint(parsed({ ...base, ...overrides }))).not.toBe(
      statementFingerprint(parsed(base)),
    );
  });

  test('treats group members as unordered', () => {
    const group = (members: unknown[]) =>
      makeStatement({ actor: { objectType: 'Group', member: members } });
    const [a, b] = [mboxAgent('A'), mboxAgent('B')];
    expect(statementFingerprint(parsed(group([a, b])))).toBe(
      statementFingerprint(parsed(group([b, a]))),
    );
  });
});

describe('parseTimestamp', () => {
  test.each([
    ['2026-03-01T09:30:00Z', Date.UTC(2026, 2, 1, 9, 30)],
    ['2026-03-01T09:30:00.123456Z', Date.UTC(2026, 2, 1, 9, 30, 0, 123)],
    ['2026-03-01T11:30:00+02:00', Date.UTC(2026, 2, 1, 9, 30)],
    ['2026-03-01T09:30:00', Date.UTC(2026, 2, 1, 9, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, ms) => {
    expect(parseTimestamp(text)?.ms).toBe(ms);
  });

  test.each([
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-01',
    '2026-03-01T24:00:00Z',
    'yesterday',
  ])('refuses %s', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});
