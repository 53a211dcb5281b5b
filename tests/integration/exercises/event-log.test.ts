import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { appendToLog, loadLog } from '../../../src/lib/server/exercises/event-log.ts';
import { insertExercise } from '../../../src/lib/server/exercises/exercise.ts';
import type { ExerciseEntry } from '../../../src/sim/index.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

let db: Database;
let cleanup: () => void;
let userId: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  userId = (await addUser(db, { role: 'manager' })).id;
});

afterAll(() => cleanup?.());

async function newExercise(): Promise<string> {
  const { id } = await insertExercise(db, {
    scenarioId: 'joint-isolate-t1',
    createdBy: userId,
    participants: [{ userId, role: 'authority' }],
  });
  return id;
}

function burst(seq: number, clientEventId: string): ExerciseEntry {
  return {
    seq,
    clientEventId,
    userId,
    role: 'authority',
    at: 1_000 + seq,
    command: { kind: 'burst', severity: 'info', text: `burst ${seq}` },
  };
}

describe('appendToLog', () => {
  test('entries of many exercises offered at once are all stored, each in its own log and order', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => newExercise()));
    const outcomes = await Promise.all(
      ids.flatMap((id) => [1, 2, 3].map((seq) => appendToLog(db, id, burst(seq, `e${seq}`)))),
    );
    expect(outcomes.every((o) => o.kind === 'stored')).toBe(true);
    for (const id of ids)
      expect(((await loadLog(db, id)) as ExerciseEntry[]).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test('in one batch, a second entry for a taken number is behind and a resent client id is a duplicate', async () => {
    const id = await newExercise();
    const [first, rival, resent] = await Promise.all([
      appendToLog(db, id, burst(1, 'a')),
      appendToLog(db, id, burst(1, 'b')),
      appendToLog(db, id, burst(2, 'a')),
    ]);
    expect(first).toEqual({ kind: 'stored' });
    expect(rival).toEqual({ kind: 'behind' });
    expect(resent).toEqual({ kind: 'duplicate', seq: 1 });
    expect(await loadLog(db, id)).toEqual([burst(1, 'a')]);
  });

  test('an entry that cannot be stored fails alone; the others in its batch are stored', async () => {
    const id = await newExercise();
    const results = await Promise.allSettled([
      appendToLog(db, id, burst(1, 'ok-1')),
      appendToLog(db, 'no-such-exercise', burst(1, 'orphan')),
      appendToLog(db, id, burst(2, 'ok-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((await loadLog(db, id)) as ExerciseEntry[]).map((e) => e.clientEventId)).toEqual([
      'ok-1',
      'ok-2',
    ]);
  });
});
