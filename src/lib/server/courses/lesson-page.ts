import type { Database } from '../../../../db/client.ts';
import {
  answersFromForm,
  type CheckAnswers,
  type CheckGrade,
} from '../../shared/courses/grading.ts';
import type { Learner } from '../completion/grading.ts';
import { getCourseProgress } from '../completion/read.ts';
import type { CourseProgress, LessonProgress } from '../completion/requirements.ts';
import { findLastLabCheck, type LastLabCheck } from '../labs/last-check.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { isPersonOpeningPage } from '../http/page-visit.ts';
import {
  latestCheckFeedback,
  markLessonComplete,
  recordLessonOpened,
  submitKnowledgeCheck,
} from './actions.ts';
import type { CatalogCourse, CatalogLesson } from './catalog.ts';
import { courseOutline, type OutlineEntry } from './outline.ts';

/** A lesson with its course and neighbours, as `findLesson` returns it. */
export interface LessonInCourse {
  course: CatalogCourse;
  lesson: CatalogLesson;
  next: CatalogLesson | null;
}

/** Where a posted lesson form sends the learner, or why it was refused. */
export type LessonFormResult =
  { ok: true; redirect: string } | { ok: false; status: 400; message: string };

/** Carries out a lesson page's form: mark the lesson complete, or answer its knowledge check. */
export async function handleLessonForm(
  db: Database,
  learner: Learner,
  { course, lesson, next }: LessonInCourse,
  request: Request,
): Promise<LessonFormResult> {
  const form = await request.formData().catch(() => null);
  const action = form?.get('action');
  if (form && action === 'complete') {
    await markLessonComplete(db, learner, course, lesson);
    return {
      ok: true,
      redirect: next ? `/courses/${course.slug}/${next.slug}` : `/courses/${course.slug}`,
    };
  }
  if (form && action === 'check' && lesson.data.check) {
    const answers = answersFromForm(lesson.data.check, form);
    const { attemptId } = await submitKnowledgeCheck(db, learner, course, lesson, answers);
    return {
      ok: true,
      redirect: `/courses/${course.slug}/${lesson.slug}?attempt=${attemptId}#check`,
    };
  }
  return {
    ok: false,
    status: 400,
    message: 'That form could not be read. Reload the page and try again.',
  };
}

/** What a lesson page shows a learner (or a visitor, who has no progress). */
export interface LessonView {
  progress: CourseProgress | null;
  lessonProgress: LessonProgress | null;
  feedback: { grade: CheckGrade; answers: CheckAnswers } | null;
  lastLabCheck: LastLabCheck | null;
  outline: OutlineEntry[];
}

/**
 * Reads what a lesson page shows (`?attempt=` names a check attempt to give feedback on). Opening
 * a lesson is itself a learning event: when the learner opens it (a GET that is not a prefetch), their
 * first visit is recorded, so the page needs no script to say it was opened.
 */
export async function loadLessonView(
  db: Database,
  learner: Learner | null,
  { course, lesson }: LessonInCourse,
  request: Request,
): Promise<LessonView> {
  const base = recordBase(db);
  const progress = learner ? await getCourseProgress(db, base, learner.id, course) : null;
  if (learner && progress && isPersonOpeningPage(request))
    await recordLessonOpened(db, learner, course, lesson, progress);
  const attemptId = new URL(request.url).searchParams.get('attempt');
  const feedback =
    learner && attemptId
      ? await latestCheckFeedback(db, learner.id, course, lesson, attemptId)
      : null;
  const lastLabCheck =
    learner && lesson.data.lab
      ? await findLastLabCheck(db, base, learner.id, course.slug, lesson.slug)
      : null;
  return {
    progress,
    lessonProgress: progress?.lessons.find((entry) => entry.slug === lesson.slug) ?? null,
    feedback,
    lastLabCheck,
    outline: await courseOutline(
      db,
      base,
      learner && progress ? { userId: learner.id, progress } : null,
      course,
    ),
  };
}
