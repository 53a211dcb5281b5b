import type { Database } from '../../db/client.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../src/lib/shared/courses/activity-ids.ts';
import { recordGrading } from '../../src/lib/server/completion/grading.ts';
import { recordBase } from '../../src/lib/server/learning-record/record-base.ts';
import { readCourse } from './content.ts';

/** A course's lessons in order, with the correct answers of each check, from content/. */
export function courseLessons(course: string): { slug: string; answers: Map<string, number[]> }[] {
  return readCourse(course).lessons.map(({ slug, data }) => {
    const questions = (data['check']?.questions ?? []) as { id: string; answer: number[] }[];
    return { slug, answers: new Map(questions.map((question) => [question.id, question.answer])) };
  });
}

/** The form a learner posts to answer a lesson's check correctly. */
export function correctCheckForm(answers: Map<string, number[]>): URLSearchParams {
  const fields = new URLSearchParams({ action: 'check' });
  for (const [id, indices] of answers) {
    for (const index of indices) fields.append(`q-${id}`, String(index));
  }
  return fields;
}

/** Records, as the course engine's grader does, a passed check and a completed lesson. */
export async function passLesson(
  db: Database,
  learner: { id: string; displayName: string },
  course: string,
  lesson: string,
  withCheck: boolean,
): Promise<void> {
  const base = recordBase(db);
  const context = { contextActivities: { parent: [{ id: activityIds.course(base, course) }] } };
  const result = await recordGrading(db, {
    learner,
    statements: [
      ...(withCheck
        ? [
            {
              verb: VERBS.passed,
              object: {
                objectType: 'Activity' as const,
                id: activityIds.check(base, course, lesson),
                definition: { type: ACTIVITY_TYPES.assessment },
              },
              result: { success: true, completion: true, score: { scaled: 1 } },
              context,
            },
          ]
        : []),
      {
        verb: VERBS.completed,
        object: {
          objectType: 'Activity' as const,
          id: activityIds.lesson(base, course, lesson),
          definition: { type: ACTIVITY_TYPES.lesson },
        },
        result: { completion: true },
        context,
      },
    ],
  });
  if (!result.ok) throw new Error(result.message);
}

/**
 * The completion tables (rows, learners' summaries, activity keys) and certificates, without the
 * time each row was last recomputed.
 */
export async function completionTables(db: Database): Promise<{
  completions: Record<string, unknown>[];
  certificates: Record<string, unknown>[];
  summaries: Record<string, unknown>[];
  activityKeys: Record<string, unknown>[];
}> {
  const read = async (sql: string) =>
    (await db.$client.execute(sql)).rows.map((row) => {
      const { updated_at: _, ...rest } = { ...row } as Record<string, unknown>;
      return rest;
    });
  return {
    completions: await read('SELECT * FROM completions ORDER BY actor_key, activity_id'),
    certificates: await read('SELECT * FROM certificates ORDER BY code'),
    summaries: await read(
      'SELECT user_id, hex(packed) AS packed, evidence FROM completion_summaries ORDER BY user_id',
    ),
    activityKeys: await read('SELECT * FROM activity_keys ORDER BY key'),
  };
}
