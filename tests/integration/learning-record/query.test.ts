import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import {
  parseStatementParams,
  type StatementQuery,
} from '../../../src/lib/server/learning-record/query-params.ts';
import { queryStatements, type PageCursor } from '../../../src/lib/server/learning-record/query.ts';
import { storeStatements } from '../../../src/lib/server/learning-record/store-statements.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { COURSE, VERB, makeStatement, mboxAgent, voiding } from '../../helpers/statements.ts';

let db: Database;
let cleanup: () => void;
const authority = mboxAgent('LMS feed');
const ada = mboxAgent('Ada');
const ben = mboxAgent('Ben');
const other = 'https://switchyard.example/courses/other-course';
const registration = crypto.randomUUID();
const named: Record<string, Record<string, unknown>> = {};

async function store(name: string, statement: Record<string, unknown>, now?: number) {
  named[name] = statement;
  const result = await storeStatements(db, [statement], { authority, ...(now ? { now } : {}) });
  if (!result.ok) throw new Error(result.message);
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  await store('adaLesson', makeStatement({ actor: ada }), Date.UTC(2026, 0, 1));
  await store(
    'adaCourse',
    makeStatement({
      actor: ada,
      verb: { id: VERB.passed },
      object: { id: COURSE },
      context: { registration },
    }),
    Date.UTC(2026, 0, 2),
  );
  await store(
    'benLesson',
    makeStatement({
      actor: ben,
      context: { instructor: ada, contextActivities: { grouping: [{ id: COURSE }] } },
    }),
    Date.UTC(2026, 0, 3),
  );
  await store(
    'adaOther',
    makeStatement({ actor: ada, object: { id: other }, context: undefined }),
    Date.UTC(2026, 0, 4),
  );
  await store(
    'teamWork',
    makeStatement({
      actor: { objectType: 'Group', member: [ada, ben] },
      verb: { id: VERB.experienced },
      object: { id: other },
      context: undefined,
    }),
    Date.UTC(2026, 0, 5),
  );
  await store(
    'benVoided',
    makeStatement({ actor: ben, object: { id: other }, context: undefined }),
    Date.UTC(2026, 0, 6),
  );
  await store('voidBen', voiding(named['benVoided']?.['id'] as string), Date.UTC(2026, 0, 7));
});
afterAll(() => cleanup());

function query(text: string): StatementQuery {
  const parsed = parseStatementParams(new URLSearchParams(text));
  if (parsed.kind !== 'query') throw new Error(`not a query: ${JSON.stringify(parsed)}`);
  return parsed.query;
}
async function names(text: string, cursor?: PageCursor): Promise<string[]> {
  const page = await queryStatements(db, query(text), cursor);
  const byId = new Map(Object.entries(named).map(([name, s]) => [s['id'], name]));
  return page.bodies.map((body) => byId.get(JSON.parse(body).id) ?? 'unknown');
}
const agent = (a: unknown) => `agent=${encodeURIComponent(JSON.stringify(a))}`;

describe('queryStatements', () => {
  test.each([
    [
      'everything, newest first, voided statements left out',
      '',
      ['voidBen', 'teamWork', 'adaOther', 'benLesson', 'adaCourse', 'adaLesson'],
    ],
    [
      'an agent as actor, or as member of the acting group',
      agent(ada),
      ['teamWork', 'adaOther', 'adaCourse', 'adaLesson'],
    ],
    [
      'an agent anywhere with related_agents',
      `${agent(ada)}&related_agents=true`,
      ['teamWork', 'adaOther', 'benLesson', 'adaCourse', 'adaLesson'],
    ],
    [
      'the authority with related_agents',
      `${agent(authority)}&related_agents=true&limit=2`,
      ['voidBen', 'teamWork'],
    ],
    ['a verb', `verb=${VERB.passed}`, ['adaCourse']],
    ['an activity as object', `activity=${COURSE}`, ['adaCourse']],
    [
      'an activity anywhere with related_activities',
      `activity=${COURSE}&related_activities=true`,
      ['benLesson', 'adaCourse', 'adaLesson'],
    ],
    [
      'one learner in one course',
      `${agent(ada)}&activity=${COURSE}&related_activities=true`,
      ['adaCourse', 'adaLesson'],
    ],
    ['a registration', `registration=${registration}`, ['adaCourse']],
    [
      'the voiding statement through its voided target',
      `${agent(ben)}&activity=${other}`,
      ['voidBen', 'teamWork'],
    ],
    [
      'since (exclusive) and until (inclusive)',
      'since=2026-01-02T00:00:00Z&until=2026-01-04T00:00:00Z',
      ['adaOther', 'benLesson'],
    ],
    [
      'oldest first',
      `${agent(ada)}&ascending=true`,
      ['adaLesson', 'adaCourse', 'adaOther', 'teamWork'],
    ],
  ])('filters by %s', async (_name, text, expected) => {
    expect(await names(text)).toEqual(expected);
  });

  test('pages by seq, and later statements do not shift the pages', async () => {
    const first = await queryStatements(db, query('limit=2'));
    expect(first.next).not.toBeNull();
    await store('late', makeStatement({ actor: ada }));
    const second = await names('limit=2', first.next ?? undefined);
    expect(second).toEqual(['adaOther', 'benLesson']);
    const ascending = await queryStatements(db, query('limit=4&ascending=true'));
    await store('later', makeStatement({ actor: ada }));
    const rest = await names('limit=4&ascending=true', ascending.next ?? undefined);
    expect(rest).toEqual(['teamWork', 'voidBen', 'late']);
  });

  test('plans every filtered query as one index range, probing other filters by key', async () => {
    const plan = await db.$client.execute({
      sql: `EXPLAIN QUERY PLAN SELECT s.seq, s.body FROM statement_refs d
        CROSS JOIN statement_refs f0 ON f0.kind = 'related_activity' AND f0.ref = 'x' AND f0.seq = d.seq
        CROSS JOIN statements s ON s.seq = d.seq
        WHERE d.kind = 'agent' AND d.ref = 'y' AND d.seq > 0 AND d.seq <= 9 AND s.is_voided = 0
        ORDER BY d.seq DESC LIMIT 10`,
    });
    const steps = plan.rows.map((row) => String(row['detail']));
    expect(steps[0]).toMatch(
      /SEARCH d USING (COVERING )?INDEX sqlite_autoindex_statement_refs_1 \(ref=\? AND kind=\? AND seq>\? AND seq<\?\)/,
    );
    expect(steps[1]).toMatch(
      /SEARCH f0 USING (COVERING )?INDEX sqlite_autoindex_statement_refs_1 \(ref=\? AND kind=\? AND seq=\?\)/,
    );
    expect(steps[2]).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    expect(steps.join('\n')).not.toContain('TEMP B-TREE');
  });
});
