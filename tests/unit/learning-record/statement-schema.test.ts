import { describe, expect, test } from 'vitest';
import { parseStatements } from '../../../src/lib/server/learning-record/validate.ts';
import { makeStatement, mboxAgent, VERB } from '../../helpers/statements.ts';

const account = { homePage: 'https://switchyard.example', name: 'u_123' };

describe('parseStatements accepts', () => {
  test.each([
    ['a minimal statement', makeStatement()],
    ['no id, no timestamp', makeStatement({ id: undefined, timestamp: undefined })],
    ['an account agent', makeStatement({ actor: { account } })],
    ['an openid agent', makeStatement({ actor: { openid: 'https://id.example/ada' } })],
    ['an mbox_sha1sum agent', makeStatement({ actor: { mbox_sha1sum: 'a'.repeat(40) } })],
    [
      'an identified group',
      makeStatement({ actor: { objectType: 'Group', account, member: [mboxAgent('B')] } }),
    ],
    [
      'an anonymous group',
      makeStatement({ actor: { objectType: 'Group', member: [mboxAgent('B')] } }),
    ],
    ['an agent object', makeStatement({ object: { objectType: 'Agent', account } })],
    [
      'a statement ref',
      makeStatement({
        object: { objectType: 'StatementRef', id: crypto.randomUUID() },
        context: undefined,
      }),
    ],
    [
      'a sub-statement',
      makeStatement({
        object: {
          objectType: 'SubStatement',
          actor: mboxAgent('B'),
          verb: { id: VERB.attempted },
          object: { id: 'https://x.example/a' },
        },
        context: undefined,
      }),
    ],
    [
      'a score and duration',
      makeStatement({
        result: {
          score: { scaled: 0.5, raw: 5, min: 0, max: 10 },
          success: true,
          duration: 'PT4M30.5S',
        },
      }),
    ],
    [
      'a single context activity',
      makeStatement({ context: { contextActivities: { parent: { id: 'https://x.example/c' } } } }),
    ],
    ['a timestamp with offset', makeStatement({ timestamp: '2026-03-01T09:30:00+02:00' })],
    [
      'extensions with null values',
      makeStatement({ result: { extensions: { 'https://x.example/ext': null } } }),
    ],
    [
      'a 2.0 context agent',
      makeStatement({
        version: '2.0.0',
        context: { contextAgents: [{ objectType: 'contextAgent', agent: mboxAgent('I') }] },
      }),
    ],
    [
      'a choice interaction',
      makeStatement({
        object: {
          id: 'https://x.example/q1',
          definition: {
            interactionType: 'choice',
            correctResponsesPattern: ['a'],
            choices: [{ id: 'a' }, { id: 'b' }],
          },
        },
      }),
    ],
  ])('%s', (_name, statement) => {
    const result = parseStatements([statement], '2.0.0');
    expect(result).toMatchObject({ ok: true });
  });

  test('turns a single context activity into a list and lower-cases ids', () => {
    const id = crypto.randomUUID().toUpperCase();
    const result = parseStatements(
      [
        makeStatement({
          id,
          context: { contextActivities: { parent: { id: 'https://x.example/c' } } },
        }),
      ],
      '1.0.3',
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.statements[0]?.id).toBe(id.toLowerCase());
    expect(result.statements[0]?.context?.contextActivities?.parent).toEqual([
      { id: 'https://x.example/c' },
    ]);
  });
});

describe('parseStatements refuses, naming the problem', () => {
  test.each([
    ['an actor with two IFIs', { actor: { mbox: 'mailto:a@b.example', account } }, 'exactly one'],
    ['an actor with no IFI', { actor: { name: 'Nobody' } }, 'exactly one'],
    ['a bad mbox', { actor: { mbox: 'a@b.example' } }, 'actor.mbox'],
    ['a relative verb IRI', { verb: { id: 'completed' } }, 'verb.id'],
    ['a verb IRI with a space', { verb: { id: 'http://x.example/a b' } }, 'verb.id'],
    [
      'a bad language tag',
      { verb: { id: VERB.completed, display: { 'english!': 'x' } } },
      'language tag',
    ],
    ['an unknown property', { mood: 'happy' }, 'mood'],
    ['a null property', { result: null }, 'result'],
    ['a scaled score above 1', { result: { score: { scaled: 1.5 } } }, 'scaled'],
    ['raw above max', { result: { score: { raw: 11, max: 10 } } }, 'raw'],
    ['min not below max', { result: { score: { min: 5, max: 5 } } }, 'min'],
    ['a bad duration', { result: { duration: '4 minutes' } }, 'duration'],
    ['an impossible date', { timestamp: '2026-02-30T10:00:00Z' }, 'timestamp'],
    ['a -00:00 offset', { timestamp: '2026-02-03T10:00:00-00:00' }, 'timestamp'],
    ['a bad id', { id: 'not-a-uuid' }, 'id'],
    ['a voiding statement without a StatementRef', { verb: { id: VERB.voided } }, 'StatementRef'],
    [
      'an unknown objectType',
      { object: { objectType: 'Thing', id: 'https://x.example' } },
      'objectType',
    ],
    [
      'revision on an agent object',
      { object: { objectType: 'Agent', account }, context: { revision: '2' } },
      'revision',
    ],
    [
      'a group as a group member',
      { actor: { objectType: 'Group', member: [{ objectType: 'Group', account }] } },
      'member',
    ],
    [
      'an anonymous group without members',
      { actor: { objectType: 'Group', member: [] } },
      'needs members',
    ],
    [
      'choices on a true-false question',
      {
        object: {
          id: 'https://x.example/q',
          definition: { interactionType: 'true-false', choices: [{ id: 'a' }] },
        },
      },
      'choices',
    ],
    [
      'an attachment without fileUrl',
      {
        attachments: [
          {
            usageType: 'https://x.example/u',
            display: { en: 'a' },
            contentType: 'text/plain',
            length: 1,
            sha2: 'a'.repeat(64),
          },
        ],
      },
      'fileUrl',
    ],
    [
      'context agents under 1.0',
      { context: { contextAgents: [{ objectType: 'contextAgent', agent: mboxAgent('I') }] } },
      '2.0.0',
    ],
    [
      'deeply nested extensions',
      {
        result: {
          extensions: { 'https://x.example/e': JSON.parse('['.repeat(100) + ']'.repeat(100)) },
        },
      },
      'nest',
    ],
  ])('%s', (_name, overrides, fragment) => {
    const result = parseStatements([makeStatement(overrides)], '1.0.3');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  test('two statements with the same id in one batch', () => {
    const id = crypto.randomUUID();
    const result = parseStatements([makeStatement({ id }), makeStatement({ id })], '2.0.0');
    expect(result).toEqual({
      ok: false,
      message: 'the batch holds two statements with the same id',
    });
  });

  test('points at the offending statement of a batch', () => {
    const result = parseStatements(
      [makeStatement(), makeStatement({ verb: { id: 'x' } })],
      '2.0.0',
    );
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^statements\[1\]\.verb\.id: /),
    });
  });
});
