import { activityIds } from '../../shared/courses/activity-ids.ts';
import { isDoneStatus, isPassed, type CompletionLike } from './status.ts';
import { roundScaled } from '../../shared/score.ts';

/**
 * What completing a course requires, from the catalogue given as an argument: every lesson done
 * (read, its knowledge check passed at the course's passing score, its lab or simulation passed)
 * and every scenario the course lists passed.
 */

/** The parts of a lesson the requirements read (the catalogue's lessons fit). */
export interface LessonRequirements {
  slug: string;
  data: { kind: 'reading' | 'lab' | 'simulation'; check?: unknown; scenario?: string | undefined };
}

/** The parts of a course the requirements read (the catalogue's courses fit). */
export interface CourseRequirements {
  slug: string;
  data: {
    title: string;
    passingScore: number;
    scenarios: readonly string[];
    recurrenceMonths?: number | undefined;
    version?: string | undefined;
  };
  lessons: readonly LessonRequirements[];
  /**
   * Set for a course whose rules are not Switchyard's (an imported cmi5 course, where cmi5's moveOn
   * rules decide): the verb whose statement on the course itself, in a verdict, completes it.
   */
  completedByVerb?: string;
}

/** Where a learner stands on one lesson. */
export interface LessonProgress {
  slug: string;
  isComplete: boolean;
  /** Knowledge check: null when the lesson has none. */
  check: { isPassed: boolean; bestScore: number | null; attempts: number } | null;
  /** Linked scenario of a simulation lesson, or the lab of a lab lesson: null when none. */
  activity: { isPassed: boolean; bestScore: number | null } | null;
  /** True when every requirement of the lesson is met. */
  isDone: boolean;
}

/** Where a learner stands on a course. */
export interface CourseProgress {
  lessons: LessonProgress[];
  scenarios: { id: string; isPassed: boolean; bestScore: number | null }[];
  doneCount: number;
  requiredCount: number;
  isComplete: boolean;
  isStarted: boolean;
}

/** A completion row as the requirements read it. */
export type RequirementRow = Pick<CompletionLike, 'status' | 'bestScore'> & { attempts?: number };

/** The activity a lesson's own work is recorded against: its lab or its scenario. */
export function lessonWorkActivity(
  base: string,
  courseSlug: string,
  lesson: LessonRequirements,
): string | null {
  if (lesson.data.kind === 'lab') return activityIds.lab(base, courseSlug, lesson.slug);
  if (lesson.data.kind === 'simulation' && lesson.data.scenario) {
    return activityIds.scenario(base, lesson.data.scenario);
  }
  return null;
}

/** Every activity id whose completion matters for a course (the course's own first). */
export function courseActivityIds(base: string, course: CourseRequirements): string[] {
  const ids = new Set<string>([activityIds.course(base, course.slug)]);
  for (const lesson of course.lessons) {
    ids.add(activityIds.lesson(base, course.slug, lesson.slug));
    if (lesson.data.check) ids.add(activityIds.check(base, course.slug, lesson.slug));
    const work = lessonWorkActivity(base, course.slug, lesson);
    if (work) ids.add(work);
  }
  for (const scenario of course.data.scenarios) ids.add(activityIds.scenario(base, scenario));
  return [...ids];
}

/** Computes course progress from a learner's completion rows keyed by activity id. */
export function computeCourseProgress(
  base: string,
  course: CourseRequirements,
  rows: ReadonlyMap<string, RequirementRow>,
): CourseProgress {
  const passing = course.data.passingScore;
  let isStarted = rows.has(activityIds.course(base, course.slug));
  const lessons = course.lessons.map((lesson): LessonProgress => {
    const own = rows.get(activityIds.lesson(base, course.slug, lesson.slug));
    const checkRow = lesson.data.check
      ? rows.get(activityIds.check(base, course.slug, lesson.slug))
      : undefined;
    const workId = lessonWorkActivity(base, course.slug, lesson);
    const workRow = workId ? rows.get(workId) : undefined;
    isStarted ||= Boolean(own ?? checkRow ?? workRow);
    const check = lesson.data.check
      ? {
          isPassed: isPassed(checkRow, passing),
          bestScore: checkRow?.bestScore ?? null,
          attempts: checkRow?.attempts ?? 0,
        }
      : null;
    const activity = workId
      ? { isPassed: isPassed(workRow), bestScore: workRow?.bestScore ?? null }
      : null;
    // Passing a lesson's check, lab or scenario counts as completing it; a plain reading needs "mark complete".
    const isComplete =
      isDoneStatus(own?.status) || Boolean(check?.isPassed) || Boolean(activity?.isPassed);
    const isDone = isComplete && (check?.isPassed ?? true) && (activity?.isPassed ?? true);
    return { slug: lesson.slug, isComplete, check, activity, isDone };
  });
  const scenarios = course.data.scenarios.map((id) => {
    const row = rows.get(activityIds.scenario(base, id));
    isStarted ||= Boolean(row);
    return { id, isPassed: isPassed(row), bestScore: row?.bestScore ?? null };
  });
  const doneCount =
    lessons.filter((lesson) => lesson.isDone).length + scenarios.filter((s) => s.isPassed).length;
  const requiredCount = lessons.length + scenarios.length;
  return {
    lessons,
    scenarios,
    doneCount,
    requiredCount,
    isComplete: requiredCount > 0 && doneCount === requiredCount,
    isStarted,
  };
}

/** The course score a completion records: the mean best score of its knowledge checks, 1 without checks. */
export function courseScore(progress: CourseProgress): number {
  const scores = progress.lessons.flatMap((lesson) =>
    lesson.check?.bestScore != null ? [lesson.check.bestScore] : [],
  );
  const mean = scores.length ? scores.reduce((sum, value) => sum + value, 0) / scores.length : 1;
  return roundScaled(mean);
}
