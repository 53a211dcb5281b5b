import { z } from 'zod';
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

/**
 * What a lesson page posts: mark the lesson complete, answer its knowledge check (the answers are
 * the `q-<id>` fields), or say the learner opened it (sent by the page's script once it is shown).
 */
export const LessonFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('complete') }),
  z.object({ action: z.literal('check') }),
  z.object({ action: z.literal('opened') }),
]);

/** A posted lesson form's action. */
export type LessonForm = z.output<typeof LessonFormSchema>;

/** Where a posted lesson form sends the learner, that there is nothing to show, or why it was refused. */
export type LessonFormResult =
  | { ok: true; status: 303; location: string }
  | { ok: true; status: 204 }
  | { ok: false; status: 400; message: string };

const UNREADABLE: LessonFormResult = {
  ok: false,
  status: 400,
  message: 'That form could not be read. Reload the page and try again.',
};

/**
 * Carries out a lesson page's form: mark the lesson complete, answer its knowledge check, or record
 * that the learner opened the lesson (idempotent; 204, since the script that sends it shows nothing).
 */
export async function handleLessonForm(
  db: Database,
  learner: Learner,
  { course, lesson, next }: LessonInCourse,
  request: Request,
): Promise<LessonFormResult> {
  const form = await request.formData().catch(() => null);
  const parsed = LessonFormSchema.safeParse({ action: form?.get('action') });
  if (!form || !parsed.success) return UNREADABLE;
  switch (parsed.data.action) {
    case 'opened': {
      const progress = await getCourseProgress(db, recordBase(db), learner.id, course);
      await recordLessonOpened(db, learner, course, lesson, progress);
      return { ok: true, status: 204 };
    }
    case 'complete':
      await markLessonComplete(db, learner, course, lesson);
      return {
        ok: true,
        status: 303,
        location: next ? `/courses/${course.slug}/${next.slug}` : `/courses/${course.slug}`,
      };
    case 'check': {
      if (!lesson.data.check) return UNREADABLE;
      const answers = answersFromForm(lesson.data.check, form);
      const { attemptId } = await submitKnowledgeCheck(db, learner, course, lesson, answers);
      return {
        ok: true,
        status: 303,
        location: `/courses/${course.slug}/${lesson.slug}?attempt=${attemptId}#check`,
      };
    }
  }
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
 * Reads what a lesson page shows (`?attempt=` names a check attempt to give feedback on); it writes
 * nothing, so a GET or a prefetch never moves progress. The visit is recorded by the page's script
 * (the `opened` action), and without JavaScript by the check or "mark as complete" the learner posts.
 */
export async function loadLessonView(
  db: Database,
  learner: Learner | null,
  { course, lesson }: LessonInCourse,
  request: Request,
): Promise<LessonView> {
  const base = recordBase(db);
  const progress = learner ? await getCourseProgress(db, base, learner.id, course) : null;
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
