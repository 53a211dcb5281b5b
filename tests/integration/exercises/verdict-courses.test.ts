import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { activityIds } from '../../../src/lib/shared/courses/activity-ids.ts';
import type { CourseRequirements } from '../../../src/lib/server/completion/requirements.ts';
import { writeVerdicts } from '../../../src/lib/server/exercises/verdicts.ts';
import { recordBase } from '../../../src/lib/server/learning-record/record-base.ts';
import { contentScenario } from '../../helpers/content.ts';
import {
  applyEntry,
  createExerciseState,
  scoreExercise,
  type ExerciseEntry,
  type ExerciseRole,
  type ExerciseScore,
} from '../../../src/sim/index.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { scriptOrder } from '../../helpers/exercise-script.ts';
import { addUser } from '../../helpers/people.ts';

/**
 * A joint exercise's verdicts go through the one grading path with the catalogue's courses: a pass
 * completes a course that requires the exercise's scenario, with its certificate, as a pass of any
 * other graded activity would; a fail completes nothing.
 */

const joint = contentScenario('joint-isolate-t1');
const { scenario, substation } = joint;
let db: Database;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup?.());

/** Plays the scenario's order with correct three-part communication and scores it (as the room does). */
function playedScore(people: Record<ExerciseRole, { id: string; name: string }>): ExerciseScore {
  let state = createExerciseState(substation, scenario);
  let seq = 0;
  const append = (role: ExerciseRole, command: ExerciseEntry['command']) => {
    seq += 1;
    const entry = { seq, clientEventId: `e${seq}`, userId: people[role].id, role, command };
    state = applyEntry(state, { ...entry, at: Date.parse('2026-05-04T14:00:00Z') + seq * 1000 });
  };
  for (const role of ['authority', 'field', 'analyst'] as const)
    append(role, { kind: 'join', name: people[role].name });
  for (const { role, command } of scriptOrder(scenario, seq + 1)) append(role, command);
  return scoreExercise(state);
}

async function certificatesOf(userId: string, courseId: string): Promise<number> {
  const result = await db.$client.execute({
    sql: 'SELECT count(*) AS n FROM certificates WHERE user_id = ? AND course_id = ?',
    args: [userId, courseId],
  });
  return Number(result.rows[0]?.['n']);
}

async function courseStatus(userId: string, courseId: string): Promise<string | null> {
  const result = await db.$client.execute({
    sql: 'SELECT status FROM completions WHERE user_id = ? AND activity_id = ?',
    args: [userId, activityIds.course(recordBase(db), courseId)],
  });
  return (result.rows[0]?.['status'] as string | undefined) ?? null;
}

describe('joint exercise verdicts and course requirements', () => {
  test('a passing team completes the course that requires the exercise, once; a failing participant does not', async () => {
    const course: CourseRequirements = {
      slug: 'joint-switching-practice',
      data: { title: 'Joint switching practice', passingScore: 80, scenarios: [scenario.id] },
      lessons: [],
    };
    const people = {} as Record<ExerciseRole, { id: string; name: string }>;
    for (const role of ['authority', 'field', 'analyst'] as const) {
      const user = await addUser(db, { displayName: `Joint ${role}` });
      people[role] = { id: user.id, name: user.displayName };
    }
    const played = playedScore(people);
    expect(played.participants.every((p) => p.passed)).toBe(true);
    // The analyst is marked as failing, to show that only a pass completes the course.
    const score: ExerciseScore = {
      ...played,
      participants: played.participants.map((p) =>
        p.role === 'analyst' ? { ...p, passed: false } : p,
      ),
    };
    const input = {
      exerciseId: crypto.randomUUID(),
      scenario,
      score,
      finishedAt: Date.parse('2026-05-04T15:00:00Z'),
      courses: [course],
    };
    expect(await writeVerdicts(db, input)).toEqual({ ok: true });
    for (const role of ['authority', 'field'] as const) {
      expect(await courseStatus(people[role].id, course.slug)).toBe('passed');
      expect(await certificatesOf(people[role].id, course.slug)).toBe(1);
    }
    expect(await courseStatus(people.analyst.id, course.slug)).toBeNull();
    expect(await certificatesOf(people.analyst.id, course.slug)).toBe(0);
    // Written again after a crash: nothing is stored twice.
    expect(await writeVerdicts(db, input)).toEqual({ ok: true });
    expect(await certificatesOf(people.field.id, course.slug)).toBe(1);
  });
});
