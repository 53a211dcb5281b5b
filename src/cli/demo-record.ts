import { ACTIVITY_TYPES, VERBS, activityIds } from '../lib/shared/courses/activity-ids.ts';
import { userAgent } from '../lib/server/learning-record/actor-key.ts';
import type { ContentCourse } from '../lib/content/content-files.ts';
import { roundScaled } from '../lib/shared/score.ts';

/** Plausible learning-record statements for the demo, as a learner's browser and the server write them. */

const DAY = 24 * 60 * 60 * 1000;
const en = (text: string) => ({ 'en-US': text });

/** What a learner did with an item: nothing, started it, or finished it between two dates. */
export type Outcome =
  { kind: 'started'; startAt: number } | { kind: 'completed'; startAt: number; completeAt: number };

/** Statements for the generator to store, and the course completion they end with (if any). */
export interface GeneratedActivity {
  statements: Record<string, unknown>[];
  completion: { statementId: string; at: number; score: number } | null;
}

interface Learner {
  id: string;
  name: string;
}

const scoreBetween = (random: () => number, low: number, high: number) =>
  roundScaled(low + random() * (high - low));

/**
 * A course worked through lesson by lesson: `attempted` on the course, each lesson `experienced`,
 * knowledge checks failed then passed now and then, labs passed, lessons `completed`, and for a
 * finished course the `completed` statement the certificate is issued on.
 */
export function courseActivity(
  origin: string,
  learner: Learner,
  course: ContentCourse,
  outcome: Outcome,
  random: () => number,
): GeneratedActivity {
  const actor = userAgent(origin, learner.id, learner.name);
  const courseId = activityIds.course(origin, course.slug);
  const parent = { contextActivities: { parent: [{ id: courseId }] } };
  const statements: Record<string, unknown>[] = [];
  const add = (at: number, body: Record<string, unknown>) => {
    const id = crypto.randomUUID();
    statements.push({ id, actor, timestamp: new Date(at).toISOString(), ...body });
    return id;
  };
  const courseObject = {
    objectType: 'Activity',
    id: courseId,
    definition: { type: ACTIVITY_TYPES.course, name: en(course.data.title) },
  };
  add(outcome.startAt, { verb: VERBS.attempted, object: courseObject });
  const end = outcome.kind === 'completed' ? outcome.completeAt : outcome.startAt + 3 * DAY;
  const done =
    outcome.kind === 'completed'
      ? course.lessons.length
      : Math.max(1, Math.floor(random() * course.lessons.length));
  const scores: number[] = [];
  course.lessons.slice(0, done).forEach((lesson, index) => {
    const at = outcome.startAt + ((end - outcome.startAt) * (index + 1)) / (done + 1);
    const lessonObject = {
      objectType: 'Activity',
      id: activityIds.lesson(origin, course.slug, lesson.slug),
      definition: { type: ACTIVITY_TYPES.lesson, name: en(lesson.data.title) },
    };
    add(at, { verb: VERBS.experienced, object: lessonObject, context: parent });
    if (lesson.data.check) {
      const check = {
        objectType: 'Activity',
        id: activityIds.check(origin, course.slug, lesson.slug),
        definition: {
          type: ACTIVITY_TYPES.assessment,
          name: en(`Knowledge check: ${lesson.data.title}`),
        },
      };
      const graded = (score: number, isPassed: boolean, offset: number) =>
        add(at + offset, {
          verb: isPassed ? VERBS.passed : VERBS.failed,
          object: check,
          result: { score: { scaled: score }, success: isPassed, completion: true },
          context: parent,
        });
      if (random() < 0.2) graded(scoreBetween(random, 0.4, 0.7), false, 20 * 60 * 1000);
      const score = scoreBetween(random, 0.8, 1);
      graded(score, true, 40 * 60 * 1000);
      scores.push(score);
    }
    if (lesson.data.kind === 'lab') {
      add(at + 50 * 60 * 1000, {
        verb: VERBS.passed,
        object: {
          objectType: 'Activity',
          id: activityIds.lab(origin, course.slug, lesson.slug),
          definition: { type: ACTIVITY_TYPES.assessment, name: en(`Lab: ${lesson.data.title}`) },
        },
        result: { score: { scaled: 1 }, success: true, completion: true },
        context: parent,
      });
    }
    add(at + 60 * 60 * 1000, {
      verb: VERBS.completed,
      object: lessonObject,
      result: { completion: true },
      context: parent,
    });
  });
  if (outcome.kind !== 'completed') return { statements, completion: null };
  const score = scores.length
    ? roundScaled(scores.reduce((sum, value) => sum + value, 0) / scores.length)
    : 1;
  const statementId = add(outcome.completeAt, {
    verb: VERBS.completed,
    object: courseObject,
    result: { completion: true, success: true, score: { scaled: score } },
  });
  return { statements, completion: { statementId, at: outcome.completeAt, score } };
}

/** A simulation attempt as the server records it after replaying the action log: attempted, then passed or failed. */
export function scenarioActivity(
  origin: string,
  learner: Learner,
  scenario: { id: string; title: string },
  outcome: Outcome,
  random: () => number,
): GeneratedActivity {
  const actor = userAgent(origin, learner.id, learner.name);
  const object = {
    objectType: 'Activity',
    id: activityIds.scenario(origin, scenario.id),
    definition: { type: ACTIVITY_TYPES.simulation, name: en(scenario.title) },
  };
  const statements: Record<string, unknown>[] = [];
  const attempt = (at: number, isPassed: boolean) => {
    const registration = crypto.randomUUID();
    const minutes = 8 + Math.floor(random() * 20);
    const raw = isPassed ? 75 + Math.floor(random() * 26) : 30 + Math.floor(random() * 35);
    statements.push(
      {
        id: crypto.randomUUID(),
        actor,
        verb: VERBS.attempted,
        object,
        timestamp: new Date(at).toISOString(),
        context: { registration },
      },
      {
        id: crypto.randomUUID(),
        actor,
        verb: isPassed ? VERBS.passed : VERBS.failed,
        object,
        timestamp: new Date(at + minutes * 60 * 1000).toISOString(),
        context: { registration },
        result: {
          score: { scaled: raw / 100, raw, min: 0, max: 100 },
          success: isPassed,
          completion: true,
          duration: `PT${minutes}M`,
        },
      },
    );
  };
  if (outcome.kind === 'started' || random() < 0.3) attempt(outcome.startAt, false);
  if (outcome.kind === 'completed') attempt(outcome.completeAt - 30 * 60 * 1000, true);
  return { statements, completion: null };
}
