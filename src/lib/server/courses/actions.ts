import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { checkAttempts, statements } from '../../../../db/schema.ts';
import { actorKey, userAgent } from '../learning-record/actor-key.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../shared/courses/activity-ids.ts';
import { gradeCheck, type CheckAnswers, type CheckGrade } from '../../shared/courses/grading.ts';
import { now } from '../clock.ts';
import { recordGrading, type GradingInput, type Learner } from '../completion/grading.ts';
import { getCourseProgress } from '../completion/read.ts';
import type { CourseProgress } from '../completion/requirements.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { getCatalog, type CatalogCourse, type CatalogLesson } from './catalog.ts';

const en = (text: string) => ({ 'en-US': text });

function lessonObject(origin: string, course: CatalogCourse, lesson: CatalogLesson) {
  return {
    objectType: 'Activity' as const,
    id: activityIds.lesson(origin, course.slug, lesson.slug),
    definition: { type: ACTIVITY_TYPES.lesson, name: en(lesson.data.title) },
  };
}

function courseContext(origin: string, course: CatalogCourse) {
  return { contextActivities: { parent: [{ id: activityIds.course(origin, course.slug) }] } };
}

/** Records that a learner opened a lesson, once per lesson (and starts the course on the first). */
export async function recordLessonOpened(
  db: Database,
  learner: Learner,
  course: CatalogCourse,
  lesson: CatalogLesson,
  progress: CourseProgress,
): Promise<void> {
  const origin = recordBase(db);
  const lessonId = activityIds.lesson(origin, course.slug, lesson.slug);
  if (progress.lessons.find((entry) => entry.slug === lesson.slug)?.isComplete) return;
  const key = actorKey(userAgent(origin, learner.id));
  const [seen] = await db
    .select({ seq: statements.seq })
    .from(statements)
    .where(and(eq(statements.actorKey, key ?? ''), eq(statements.objectId, lessonId)))
    .limit(1);
  if (seen) return;
  const started = progress.isStarted
    ? []
    : [
        {
          verb: VERBS.attempted,
          object: {
            objectType: 'Activity' as const,
            id: activityIds.course(origin, course.slug),
            definition: { type: ACTIVITY_TYPES.course, name: en(course.data.title) },
          },
        },
      ];
  await recordOrThrow(db, {
    learner,
    statements: [
      ...started,
      {
        verb: VERBS.experienced,
        object: lessonObject(origin, course, lesson),
        context: courseContext(origin, course),
      },
    ],
  });
}

/** Records server statements through the grading transaction; a refusal is a broken invariant. */
async function recordOrThrow(db: Database, input: GradingInput): Promise<void> {
  const result = await recordGrading(db, input);
  if (!result.ok) throw new Error(`learning record refused a server statement: ${result.message}`);
}

/** Marks a lesson complete, then completes the course when that was the last requirement. */
export async function markLessonComplete(
  db: Database,
  learner: Learner,
  course: CatalogCourse,
  lesson: CatalogLesson,
): Promise<CourseProgress> {
  const origin = recordBase(db);
  await recordOrThrow(db, {
    learner,
    statements: [
      {
        verb: VERBS.completed,
        object: lessonObject(origin, course, lesson),
        result: { completion: true },
        context: courseContext(origin, course),
      },
    ],
    courses: (await getCatalog()).courses.values(),
  });
  return getCourseProgress(db, origin, learner.id, course);
}

/** Grades a knowledge check on the server, records answered + passed/failed, and keeps the attempt for feedback. */
export async function submitKnowledgeCheck(
  db: Database,
  learner: Learner,
  course: CatalogCourse,
  lesson: CatalogLesson,
  answers: CheckAnswers,
): Promise<{ attemptId: string; grade: CheckGrade; progress: CourseProgress }> {
  const check = lesson.data.check;
  if (!check) throw new Error(`lesson ${lesson.slug} has no knowledge check`);
  const origin = recordBase(db);
  const grade = gradeCheck(check, answers, course.data.passingScore);
  const checkId = activityIds.check(origin, course.slug, lesson.slug);
  const context = {
    contextActivities: {
      parent: [{ id: checkId }],
      grouping: [{ id: activityIds.course(origin, course.slug) }],
    },
  };
  const answered = grade.questions.map((question) => ({
    verb: VERBS.answered,
    object: {
      objectType: 'Activity' as const,
      id: activityIds.question(origin, course.slug, lesson.slug, question.id),
      definition: { type: ACTIVITY_TYPES.question },
    },
    result: { success: question.isCorrect, response: question.chosen.join('[,]') },
    context,
  }));
  const outcome = {
    verb: grade.isPassed ? VERBS.passed : VERBS.failed,
    object: {
      objectType: 'Activity' as const,
      id: checkId,
      definition: {
        type: ACTIVITY_TYPES.assessment,
        name: en(`Knowledge check: ${lesson.data.title}`),
      },
    },
    result: {
      score: { scaled: grade.score, raw: grade.correctCount, min: 0, max: grade.questionCount },
      success: grade.isPassed,
      completion: true,
    },
    context: courseContext(origin, course),
  };
  const completedLesson = grade.isPassed
    ? [
        {
          verb: VERBS.completed,
          object: lessonObject(origin, course, lesson),
          result: { completion: true },
          context: courseContext(origin, course),
        },
      ]
    : [];
  const attemptId = crypto.randomUUID();
  const at = now();
  const attemptRow = db
    .insert(checkAttempts)
    .values({
      id: attemptId,
      userId: learner.id,
      courseId: course.slug,
      lessonId: lesson.slug,
      answers: JSON.stringify(answers),
      score: grade.score,
      isPassed: grade.isPassed,
      createdAt: at,
    })
    .toSQL();
  await recordOrThrow(db, {
    learner,
    statements: [...answered, outcome, ...completedLesson],
    courses: (await getCatalog()).courses.values(),
    alsoWrite: [{ sql: attemptRow.sql, args: attemptRow.params as never }],
    now: at,
  });
  const progress = await getCourseProgress(db, origin, learner.id, course);
  return { attemptId, grade, progress };
}

/** The learner's latest attempt at a lesson's check, regraded for feedback. */
export async function latestCheckFeedback(
  db: Database,
  learnerId: string,
  course: CatalogCourse,
  lesson: CatalogLesson,
  attemptId: string,
): Promise<{ grade: CheckGrade; answers: CheckAnswers } | null> {
  const check = lesson.data.check;
  if (!check) return null;
  const [row] = await db
    .select()
    .from(checkAttempts)
    .where(
      and(
        eq(checkAttempts.id, attemptId),
        eq(checkAttempts.userId, learnerId),
        eq(checkAttempts.lessonId, lesson.slug),
        eq(checkAttempts.courseId, course.slug),
      ),
    )
    .orderBy(desc(checkAttempts.createdAt))
    .limit(1);
  if (!row) return null;
  const answers = JSON.parse(row.answers) as CheckAnswers;
  return { grade: gradeCheck(check, answers, course.data.passingScore), answers };
}
