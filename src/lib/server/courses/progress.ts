import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { completions } from '../../../../db/schema.ts';
import { activityIds } from '../../courses/activity-ids.ts';
import type { CatalogCourse, CatalogLesson } from './catalog.ts';

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

type CompletionRow = typeof completions.$inferSelect;

/** The activity a lesson's own work is recorded against: its lab or its scenario. */
export function lessonWorkActivity(origin: string, lesson: CatalogLesson): string | null {
  if (lesson.data.kind === 'lab') return activityIds.lab(origin, lesson.courseSlug, lesson.slug);
  if (lesson.data.kind === 'simulation' && lesson.data.scenario) {
    return activityIds.scenario(origin, lesson.data.scenario);
  }
  return null;
}

/** Every activity id whose completion matters for a course. */
export function courseActivityIds(origin: string, course: CatalogCourse): string[] {
  const ids = new Set<string>([activityIds.course(origin, course.slug)]);
  for (const lesson of course.lessons) {
    ids.add(activityIds.lesson(origin, course.slug, lesson.slug));
    if (lesson.data.check) ids.add(activityIds.check(origin, course.slug, lesson.slug));
    const work = lessonWorkActivity(origin, lesson);
    if (work) ids.add(work);
  }
  for (const scenario of course.data.scenarios) ids.add(activityIds.scenario(origin, scenario));
  return [...ids];
}

/** Completion rows of one user for some activities, keyed by activity id (best row when several actors). */
export async function completionMap(
  db: Database,
  userId: string,
  activityIdList: string[],
): Promise<Map<string, CompletionRow>> {
  const rows = activityIdList.length
    ? await db
        .select()
        .from(completions)
        .where(and(eq(completions.userId, userId), inArray(completions.activityId, activityIdList)))
    : [];
  const rank = { attempted: 0, failed: 1, completed: 2, passed: 3 } as const;
  const map = new Map<string, CompletionRow>();
  for (const row of rows) {
    const existing = map.get(row.activityId);
    if (!existing || rank[row.status] > rank[existing.status]) map.set(row.activityId, row);
  }
  return map;
}

const isPassedRow = (row: CompletionRow | undefined, passingScore: number): boolean =>
  Boolean(
    row &&
    (row.status === 'passed' || (row.status === 'completed' && row.isSuccess !== false)) &&
    (row.bestScore === null || row.bestScore * 100 >= passingScore - 1e-9),
  );

/** Computes course progress from completion rows: lessons done, checks passed, scenarios passed. */
export function computeCourseProgress(
  origin: string,
  course: CatalogCourse,
  rows: Map<string, CompletionRow>,
): CourseProgress {
  const passing = course.data.passingScore;
  const lessons = course.lessons.map((lesson): LessonProgress => {
    const own = rows.get(activityIds.lesson(origin, course.slug, lesson.slug));
    const checkRow = lesson.data.check
      ? rows.get(activityIds.check(origin, course.slug, lesson.slug))
      : undefined;
    const workId = lessonWorkActivity(origin, lesson);
    const workRow = workId ? rows.get(workId) : undefined;
    const check = lesson.data.check
      ? {
          isPassed: isPassedRow(checkRow, passing),
          bestScore: checkRow?.bestScore ?? null,
          attempts: checkRow?.attempts ?? 0,
        }
      : null;
    const activity = workId
      ? { isPassed: isPassedRow(workRow, 0), bestScore: workRow?.bestScore ?? null }
      : null;
    // Passing a lesson's check, lab or scenario counts as completing it; a plain reading needs "mark complete".
    const isComplete =
      own?.status === 'completed' ||
      own?.status === 'passed' ||
      Boolean(check?.isPassed) ||
      Boolean(activity?.isPassed);
    const isDone = isComplete && (check?.isPassed ?? true) && (activity?.isPassed ?? true);
    return { slug: lesson.slug, isComplete, check, activity, isDone };
  });
  const scenarios = course.data.scenarios.map((id) => {
    const row = rows.get(activityIds.scenario(origin, id));
    return { id, isPassed: isPassedRow(row, 0), bestScore: row?.bestScore ?? null };
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
    isStarted: rows.size > 0,
  };
}

/** A user's progress on a course, in one query. */
export async function getCourseProgress(
  db: Database,
  origin: string,
  userId: string,
  course: CatalogCourse,
): Promise<CourseProgress> {
  const rows = await completionMap(db, userId, courseActivityIds(origin, course));
  return computeCourseProgress(origin, course, rows);
}
