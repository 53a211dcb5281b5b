import type { CatalogCourse, CatalogLesson } from './catalog.ts';
import type { CourseWithProgress } from './overview.ts';
import type { CourseProgress, LessonProgress } from '../completion/requirements.ts';

/** Where a learner stands on a lesson, as the course outline shows it. */
export type LessonState = 'done' | 'in-progress' | 'not-started';

/** How each lesson state reads. */
export const LESSON_STATE_LABEL: Record<LessonState, string> = {
  done: 'Done',
  'in-progress': 'In progress',
  'not-started': 'Not started',
};

/**
 * A lesson is done when every requirement is met (progress decides), in progress once the learner
 * opened it or worked on its check, lab or simulation, else not started.
 */
export function lessonState(progress: LessonProgress | undefined, isTouched: boolean): LessonState {
  if (progress?.isDone) return 'done';
  const hasWork =
    Boolean(progress?.isComplete) ||
    (progress?.check?.attempts ?? 0) > 0 ||
    (progress?.activity?.bestScore ?? null) !== null;
  return hasWork || isTouched ? 'in-progress' : 'not-started';
}

/** The first lesson of a course that is not done yet, or null when every lesson is. */
export function nextLesson(course: CatalogCourse, progress: CourseProgress): CatalogLesson | null {
  return course.lessons.find((_, index) => !progress.lessons[index]?.isDone) ?? null;
}

/** The next thing to do in a course: a lesson, or a required simulation once the lessons are done. */
export interface NextStep {
  kind: 'lesson' | 'simulation';
  title: string;
  href: string;
  /** "Lesson 3 of 5" or "Simulation". */
  where: string;
}

/** The next unfinished step of a course, or null when the course is complete. */
export function nextStep(
  course: CatalogCourse,
  progress: CourseProgress,
  scenarioTitle: (id: string) => string,
): NextStep | null {
  const lesson = nextLesson(course, progress);
  if (lesson) {
    return {
      kind: 'lesson',
      title: lesson.data.title,
      href: `/courses/${course.slug}/${lesson.slug}`,
      where: `Lesson ${lesson.position} of ${course.lessons.length}`,
    };
  }
  const scenario = progress.scenarios.find((entry) => !entry.isPassed);
  if (!scenario) return null;
  return {
    kind: 'simulation',
    title: scenarioTitle(scenario.id),
    href: `/sims/${scenario.id}`,
    where: 'Required simulation',
  };
}

/** What the "continue" card offers: a course and its next step. */
export interface ContinueStep {
  course: CatalogCourse;
  progress: CourseProgress;
  step: NextStep;
}

/** The next unfinished step of the most recently touched course that is not complete yet. */
export function continueStep(
  courses: CourseWithProgress[],
  recency: string[],
  scenarioTitle: (id: string) => string,
): ContinueStep | null {
  for (const slug of recency) {
    const entry = courses.find((candidate) => candidate.course.slug === slug);
    if (!entry || entry.progress.isComplete) continue;
    const step = nextStep(entry.course, entry.progress, scenarioTitle);
    if (step) return { course: entry.course, progress: entry.progress, step };
  }
  return null;
}
