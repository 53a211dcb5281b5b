import { describe, expect, test } from 'vitest';
import {
  VERDICT_RESULT_FIELDS,
  VERDICT_VERBS,
  browserVerdictRefusal,
} from '../../../src/lib/server/completion/trust.ts';
import type { Statement } from '../../../src/lib/server/learning-record/statement-schema.ts';

const BASE = 'https://training.example';
const actor = { objectType: 'Agent' as const, account: { homePage: BASE, name: 'u1' } };
const statement = (verb: string, object: string, result?: Record<string, unknown>): Statement =>
  ({ actor, verb: { id: verb }, object: { objectType: 'Activity', id: object }, result }) as never;

describe('browserVerdictRefusal', () => {
  describe.each(VERDICT_VERBS)('verb $name', (verb) => {
    test('is refused about a Switchyard activity, with the reason', () => {
      const refusal = browserVerdictRefusal(BASE, statement(verb.id, `${BASE}/courses/cip`));
      expect(refusal).toContain(verb.name);
      expect(refusal).toContain(verb.reason);
    });

    test('is allowed about an external activity', () => {
      expect(
        browserVerdictRefusal(BASE, statement(verb.id, 'https://vendor.example/c')),
      ).toBeNull();
    });
  });

  test.each(VERDICT_RESULT_FIELDS)(
    'result.$field is refused about a Switchyard activity',
    (entry) => {
      const value = entry.field === 'score' ? { scaled: 1 } : true;
      const refusal = browserVerdictRefusal(
        BASE,
        statement('http://adlnet.gov/expapi/verbs/experienced', `${BASE}/sims/yard`, {
          [entry.field]: value,
        }),
      );
      expect(refusal).toContain(`result.${entry.field}`);
    },
  );

  test('lets learning events through', () => {
    for (const verb of ['experienced', 'attempted', 'progressed', 'interacted']) {
      const id = `http://adlnet.gov/expapi/verbs/${verb}`;
      expect(browserVerdictRefusal(BASE, statement(id, `${BASE}/courses/cip/read`))).toBeNull();
    }
  });

  test('looks inside a sub-statement', () => {
    const sub = {
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: {
        objectType: 'SubStatement',
        actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
        object: { objectType: 'Activity', id: `${BASE}/courses/cip` },
      },
    } as never as Statement;
    expect(browserVerdictRefusal(BASE, sub)).toContain('passed');
  });
});
