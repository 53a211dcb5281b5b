import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { rebuildCompletionsAndCertificates } from '../../../src/lib/server/completion/rebuild.ts';
import { switchyardAuthority } from '../../../src/lib/server/completion/trust.ts';
import { setRecordBase } from '../../../src/lib/server/learning-record/record-base.ts';
import {
  storeStatements,
  type StoreOptions,
} from '../../../src/lib/server/learning-record/store-statements.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';
import {
  COURSE,
  LESSON,
  VERB,
  makeStatement,
  mboxAgent,
  voiding,
} from '../../helpers/statements.ts';

const ORIGIN = 'https://switchyard.example';
const options: StoreOptions = { authority: mboxAgent('LMS feed'), siteOrigin: ORIGIN };
let db: Database;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  const set = await setRecordBase(db, ORIGIN);
  if (!set.ok) throw new Error(set.message);
});
afterAll(() => cleanup());

async function rows(sql: string, args: (string | number)[] = []) {
  const result = await db.$client.execute({ sql, args });
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((name) => [name, row[name]])),
  );
}
async function countWhere(where: string, args: (string | number)[] = []): Promise<number> {
  return Number(
    (await rows(`SELECT count(*) AS n FROM statements WHERE ${where}`, args))[0]?.['n'],
  );
}
async function bodyOf(id: string) {
  return JSON.parse(
    String((await rows('SELECT body FROM statements WHERE id = ?', [id]))[0]?.['body']),
  );
}

describe('storeStatements', () => {
  test('stamps stored, authority and version, and assigns missing ids', async () => {
    const result = await storeStatements(
      db,
      [makeStatement({ id: undefined, timestamp: undefined })],
      {
        ...options,
        version: '1.0.3',
      },
    );
    if (!result.ok) throw new Error(result.message);
    const body = await bodyOf(result.ids[0] as string);
    expect(body).toMatchObject({
      id: result.ids[0],
      version: '1.0.0',
      authority: mboxAgent('LMS feed'),
    });
    expect(new Date(body.stored).toISOString()).toBe(body.stored);
    expect(body.timestamp).toBe(body.stored);
  });

  test('stores the same statement twice only once', async () => {
    const statement = makeStatement();
    await storeStatements(db, [statement], options);
    const again = await storeStatements(db, [statement], {
      ...options,
      authority: mboxAgent('Other'),
    });
    expect(again).toEqual({ ok: true, ids: [statement['id']], storedCount: 0 });
    expect(await countWhere('id = ?', [statement['id'] as string])).toBe(1);
  });

  test('refuses a batch whose id is stored with other content, writing none of it', async () => {
    const stored = makeStatement();
    await storeStatements(db, [stored], options);
    const fresh = makeStatement();
    const result = await storeStatements(
      db,
      [fresh, { ...stored, verb: { id: VERB.passed } }],
      options,
    );
    expect(result).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await countWhere('id = ?', [fresh['id'] as string])).toBe(0);
  });

  test('refuses a whole batch for one invalid statement', async () => {
    const good = makeStatement();
    const result = await storeStatements(
      db,
      [good, makeStatement({ verb: { id: 'done' } })],
      options,
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringContaining('statements[1].verb.id'),
    });
    expect(await countWhere('id = ?', [good['id'] as string])).toBe(0);
  });

  test('refuses a batch the permission check denies', async () => {
    const statement = makeStatement();
    const result = await storeStatements(db, [statement], {
      ...options,
      authorize: () => 'not yours',
    });
    expect(result).toEqual({ ok: false, reason: 'forbidden', message: 'not yours' });
    expect(await countWhere('id = ?', [statement['id'] as string])).toBe(0);
  });

  test('keeps stored increasing even when the clock goes back', async () => {
    const first = await storeStatements(db, [makeStatement()], {
      ...options,
      now: Date.UTC(2030, 0, 1),
    });
    const second = await storeStatements(db, [makeStatement()], {
      ...options,
      now: Date.UTC(2020, 0, 1),
    });
    if (!first.ok || !second.ok) throw new Error('store failed');
    expect((await bodyOf(second.ids[0] as string)).stored).toBe('2030-01-01T00:00:00.000Z');
  });

  test('stores concurrent batches from many callers, each exactly once', async () => {
    const batches = Array.from({ length: 20 }, () => [makeStatement(), makeStatement()]);
    const results = await Promise.all(batches.map((batch) => storeStatements(db, batch, options)));
    expect(results.every((result) => result.ok)).toBe(true);
    const ids = batches.flat().map((s) => s['id'] as string);
    expect(await countWhere(`id IN (${ids.map(() => '?').join(',')})`, ids)).toBe(40);
  });
});

describe('voiding', () => {
  test('marks the target voided', async () => {
    const target = makeStatement();
    await storeStatements(db, [target], options);
    const result = await storeStatements(db, [voiding(target['id'] as string)], options);
    expect(result.ok).toBe(true);
    expect(await countWhere('id = ? AND is_voided = 1', [target['id'] as string])).toBe(1);
  });

  test('marks a statement voided when its voiding statement arrived first', async () => {
    const target = makeStatement();
    await storeStatements(db, [voiding(target['id'] as string)], options);
    await storeStatements(db, [target], options);
    expect(await countWhere('id = ? AND is_voided = 1', [target['id'] as string])).toBe(1);
  });

  test('refuses to void a voiding statement, stored or in the same batch', async () => {
    const first = voiding(crypto.randomUUID());
    await storeStatements(db, [first], options);
    const stored = await storeStatements(db, [voiding(first['id'] as string)], options);
    expect(stored).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringContaining('cannot be voided'),
    });
    const second = voiding(crypto.randomUUID());
    const sameBatch = await storeStatements(db, [second, voiding(second['id'] as string)], options);
    expect(sameBatch).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('completions', () => {
  // Graded state comes from Switchyard's own authority; the LMS feed's statements never count.
  const graded: StoreOptions = { authority: switchyardAuthority(ORIGIN), siteOrigin: ORIGIN };

  async function completion(actorKey: string, activity: string) {
    return (
      await rows('SELECT * FROM completions WHERE actor_key = ? AND activity_id = ?', [
        actorKey,
        activity,
      ])
    )[0];
  }

  test('follow the best outcome, best score, graded attempts and completion times', async () => {
    const actor = mboxAgent('Cora Completer');
    const key = `mbox:${actor.mbox}`;
    const at = (minute: number) => `2026-04-01T10:${String(minute).padStart(2, '0')}:00Z`;
    await storeStatements(
      db,
      [
        makeStatement({
          actor,
          verb: { id: VERB.attempted },
          object: { id: COURSE },
          timestamp: at(0),
        }),
      ],
      graded,
    );
    expect(await completion(key, COURSE)).toMatchObject({
      status: 'attempted',
      attempts: 0,
      first_completed_at: null,
    });
    await storeStatements(
      db,
      [
        makeStatement({
          actor,
          verb: { id: VERB.failed },
          object: { id: COURSE },
          result: { score: { scaled: 0.4 } },
          timestamp: at(5),
        }),
      ],
      graded,
    );
    expect(await completion(key, COURSE)).toMatchObject({
      status: 'failed',
      is_success: 0,
      best_score: 0.4,
      attempts: 1,
    });
    const passed = makeStatement({
      actor,
      verb: { id: VERB.passed },
      object: { id: COURSE },
      result: { score: { raw: 9, min: 0, max: 10 } },
      timestamp: at(10),
    });
    await storeStatements(db, [passed], graded);
    await storeStatements(
      db,
      [
        makeStatement({
          actor,
          verb: { id: VERB.failed },
          object: { id: COURSE },
          result: { score: { scaled: 0.2 } },
          timestamp: at(20),
        }),
      ],
      graded,
    );
    expect(await completion(key, COURSE)).toMatchObject({
      status: 'passed',
      is_success: 1,
      best_score: 0.9,
      attempts: 3,
      first_completed_at: Date.parse(at(10)),
      last_completed_at: Date.parse(at(10)),
    });
    await storeStatements(db, [voiding(passed['id'] as string)], options);
    expect(await completion(key, COURSE)).toMatchObject({
      status: 'failed',
      best_score: 0.4,
      attempts: 2,
      first_completed_at: null,
    });
  });

  test('ignore graded verbs from any other authority (an xAPI credential, a learner)', async () => {
    const actor = mboxAgent('Fay Forger');
    for (const verb of [VERB.completed, VERB.passed]) {
      const stored = await storeStatements(
        db,
        [
          makeStatement({
            actor,
            verb: { id: verb },
            object: { id: COURSE },
            result: { success: true },
          }),
        ],
        options,
      );
      expect(stored.ok).toBe(true);
    }
    expect(await completion(`mbox:${actor.mbox}`, COURSE)).toBeUndefined();
  });

  test('link an account on the site origin to the user it names', async () => {
    const user = await addUser(db);
    const actor = { objectType: 'Agent', account: { homePage: ORIGIN, name: user.id } };
    await storeStatements(db, [makeStatement({ actor })], graded);
    const stranger = {
      objectType: 'Agent',
      account: { homePage: 'https://elsewhere.example', name: user.id },
    };
    await storeStatements(db, [makeStatement({ actor: stranger })], graded);
    const linked = await rows(
      'SELECT actor_key, user_id FROM completions WHERE activity_id = ? AND actor_key LIKE ? ORDER BY actor_key',
      [LESSON, `%${user.id}`],
    );
    expect(linked).toEqual([
      { actor_key: `account:https://elsewhere.example ${user.id}`, user_id: null },
      { actor_key: `account:${ORIGIN} ${user.id}`, user_id: user.id },
    ]);
  });

  test('rebuild to exactly what the writes maintained', async () => {
    const summaries = () =>
      rows(
        'SELECT user_id, hex(packed) AS packed, evidence FROM completion_summaries ORDER BY user_id',
      );
    const before = await rows('SELECT * FROM completions ORDER BY actor_key, activity_id');
    const summariesBefore = await summaries();
    expect(summariesBefore.length).toBeGreaterThan(0);
    await db.$client.execute('DELETE FROM completions');
    expect(await summaries()).toEqual([]);
    const { completions: count } = await rebuildCompletionsAndCertificates(db, Date.now());
    const after = await rows('SELECT * FROM completions ORDER BY actor_key, activity_id');
    expect(count).toBe(before.length);
    const strip = (list: typeof before) => list.map(({ updated_at: _, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    expect(await summaries()).toEqual(summariesBefore);
  });
});
