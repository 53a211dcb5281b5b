import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { checkAttempts, statements } from '../../../../db/schema.ts';
import { actorKey, userAgent } from '../learning-record/actor-key.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../courses/activity-ids.ts';
import { gradeCheck, type CheckAnswers, type CheckGrade } from '../../courses/grading.ts';
import { now } from '../clock.ts';
import { recordForLearner, type Learner } from '../progress/record.ts';
import { canonicalOrigin } from '../site-origin.ts';
import type { CatalogCourse, CatalogLesson } from './catalog.ts';
import { getCourseProgress, type CourseProgress } from './progress.ts';
import { issueCertificateIfComplete } from '../certificates/certificate.ts';

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
  const origin = canonicalOrigin();
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
  await recordForLearner(db, learner, [
    ...started,
    {
      verb: VERBS.experienced,
      object: lessonObject(origin, course, lesson),
      context: courseContext(origin, course),
    },
  ]);
}

/** Marks a lesson complete, then completes the course when that was the last requirement. */
export async function markLessonComplete(
  db: Database,
  learner: Learner,
  course: CatalogCourse,
  lesson: CatalogLesson,
): Promise<CourseProgress> {
  const origin = canonicalOrigin();
  await recordForLearner(db, learner, [
    {
      verb: VERBS.completed,
      object: lessonObject(origin, course, lesson),
      result: { completion: true },
      context: courseContext(origin, course),
    },
  ]);
  return completeCourseIfDone(db, learner, course);
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
  const origin = canonicalOrigin();
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
  await recordForLearner(db, learner, [...answered, outcome, ...completedLesson]);
  const attemptId = crypto.randomUUID();
  await db.insert(checkAttempts).values({
    id: attemptId,
    userId: learner.id,
    courseId: course.slug,
    lessonId: lesson.slug,
    answers: JSON.stringify(answers),
    score: grade.score,
    isPassed: grade.isPassed,
    createdAt: now(),
  });
  const progress = await completeCourseIfDone(db, learner, course);
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

/** Records course completion and issues the certificate once every requirement is met. */
export async function completeCourseIfDone(
  db: Database,
  learner: Learner,
  course: CatalogCourse,
): Promise<CourseProgress> {
  const origin = canonicalOrigin();
  const progress = await getCourseProgress(db, origin, learner.id, course);
  if (progress.isComplete) await issueCertificateIfComplete(db, learner, course, progress);
  return progress;
}

/** After a simulation pass: completes every course that requires that scenario, when it was the last step. */
export async function completeCoursesLinkedToScenario(
  db: Database,
  learner: Learner,
  scenarioId: string,
): Promise<void> {
  const { getCatalog } = await import('./catalog.ts');
  const catalog = await getCatalog();
  for (const course of catalog.courses.values()) {
    const isLinked =
      course.data.scenarios.includes(scenarioId) ||
      course.lessons.some((lesson) => lesson.data.scenario === scenarioId);
    if (isLinked) await completeCourseIfDone(db, learner, course);
  }
}
