import { describe, expect, test } from 'vitest';
import {
  assignmentStatus,
  type AssignmentStatus,
} from '../../src/lib/shared/assignments/status.ts';
import { orderLearnerWork } from '../../src/lib/shared/assignments/learner-order.ts';
import type { CatalogCourse } from '../../src/lib/server/courses/catalog.ts';
import {
  continueStep,
  lessonState,
  nextStep,
  type LessonState,
} from '../../src/lib/server/courses/next-step.ts';
import type {
  CourseProgress,
  LessonProgress,
} from '../../src/lib/server/completion/requirements.ts';
import {
  courseOfActivity,
  coursesByRecency,
  touchedLessons,
} from '../../src/lib/server/courses/touched.ts';

const ORIGIN = 'https://learn.utility.example';

/** A course of plain lessons, enough for the navigation rules (which read slugs, titles, positions). */
function course(slug: string, lessonSlugs: string[], scenarios: string[] = []): CatalogCourse {
  return {
    slug,
    data: { title: `Course ${slug}`, scenarios },
    lessons: lessonSlugs.map((lesson, index) => ({
      slug: lesson,
      courseSlug: slug,
      position: index + 1,
      data: { title: `Lesson ${lesson}`, kind: 'reading' },
    })),
  } as unknown as CatalogCourse;
}

function lesson(overrides: Partial<LessonProgress>): LessonProgress {
  return {
    slug: 'x',
    isComplete: false,
    check: null,
    activity: null,
    isDone: false,
    ...overrides,
  };
}

function progress(
  done: boolean[],
  scenarios: { id: string; isPassed: boolean }[] = [],
): CourseProgress {
  const doneCount = done.filter(Boolean).length + scenarios.filter((s) => s.isPassed).length;
  const requiredCount = done.length + scenarios.length;
  return {
    lessons: done.map((isDone) => lesson({ isDone, isComplete: isDone })),
    scenarios: scenarios.map((s) => ({ ...s, bestScore: null })),
    doneCount,
    requiredCount,
    isComplete: doneCount === requiredCount,
    isStarted: true,
  };
}

describe('lessonState', () => {
  test.each<[string, LessonProgress | undefined, boolean, LessonState]>([
    ['nothing recorded', undefined, false, 'not-started'],
    ['opened only', undefined, true, 'in-progress'],
    ['read, check not passed', lesson({ isComplete: true }), false, 'in-progress'],
    [
      'check failed once',
      lesson({ check: { isPassed: false, bestScore: 0.4, attempts: 1 } }),
      false,
      'in-progress',
    ],
    ['lab tried', lesson({ activity: { isPassed: false, bestScore: 0 } }), false, 'in-progress'],
    ['every requirement met', lesson({ isComplete: true, isDone: true }), true, 'done'],
  ])('%s: %s', (_name, entry, isTouched, expected) => {
    expect(lessonState(entry, isTouched)).toBe(expected);
  });
});

describe('nextStep', () => {
  const title = (id: string) => `Scenario ${id}`;

  test('is the first lesson not done, even when a later one is', () => {
    const step = nextStep(course('c', ['a', 'b', 'c']), progress([true, false, true]), title);
    expect(step).toEqual({
      kind: 'lesson',
      title: 'Lesson b',
      href: '/courses/c/b',
      where: 'Lesson 2 of 3',
    });
  });

  test('is a required simulation once every lesson is done', () => {
    const step = nextStep(
      course('c', ['a'], ['isolate-t1']),
      progress([true], [{ id: 'isolate-t1', isPassed: false }]),
      title,
    );
    expect(step).toMatchObject({ kind: 'simulation', href: '/sims/isolate-t1' });
  });

  test('is null when the course is complete', () => {
    expect(nextStep(course('c', ['a']), progress([true]), title)).toBeNull();
  });
});

describe('continueStep', () => {
  const courses = [
    { course: course('old', ['a', 'b']), progress: progress([true, false]) },
    { course: course('done', ['a']), progress: progress([true]) },
    { course: course('new', ['a', 'b']), progress: progress([false, false]) },
  ];

  test('takes the most recently touched course that is not complete', () => {
    const next = continueStep(courses, ['done', 'old', 'new'], String);
    expect(next?.course.slug).toBe('old');
    expect(next?.step.href).toBe('/courses/old/b');
  });

  test('is null before the learner touched any course', () => {
    expect(continueStep(courses, [], String)).toBeNull();
  });
});

describe('touched activities', () => {
  const touches = new Map([
    [`${ORIGIN}/courses/sql/filter`, 10],
    [`${ORIGIN}/courses/sql/joins#check`, 12],
    [`${ORIGIN}/courses/cip-004`, 30],
    [`${ORIGIN}/courses/der/inverters#lab`, 20],
  ]);

  test.each([
    [`${ORIGIN}/courses/sql/filter`, 'sql'],
    [`${ORIGIN}/courses/sql`, 'sql'],
    [`${ORIGIN}/courses/der/inverters#lab`, 'der'],
    [`${ORIGIN}/sims/isolate-t1`, null],
    ['https://elsewhere.example/courses/sql', null],
  ])('courseOfActivity(%s) is %s', (id, expected) => {
    expect(courseOfActivity(ORIGIN, id)).toBe(expected);
  });

  test('courses come most recent first', () => {
    expect(coursesByRecency(ORIGIN, touches)).toEqual(['cip-004', 'der', 'sql']);
  });

  test('a lesson counts as touched through its check or lab', () => {
    expect([...touchedLessons(ORIGIN, 'sql', touches)].sort()).toEqual(['filter', 'joins']);
    expect([...touchedLessons(ORIGIN, 'der', touches)]).toEqual(['inverters']);
  });
});

describe('orderLearnerWork', () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  const status = (dueDate: string, lastCompletedAt: number | null = null, months?: number) =>
    assignmentStatus({
      dueDate,
      recurrenceMonths: months ?? null,
      lastCompletedAt,
      isInProgress: false,
      now,
      timeZone: 'UTC',
    });
  const item = (name: string, dueDate: string, s: AssignmentStatus) => ({
    name,
    dueDate,
    status: s,
  });

  test('puts late work first, then orders by when it falls due, and sets completed work aside', () => {
    const work = orderLearnerWork(
      [
        item('later', '2026-09-01', status('2026-09-01')),
        item('done', '2026-05-01', status('2026-05-01', Date.parse('2026-04-20T00:00:00Z'))),
        item('soon', '2026-06-20', status('2026-06-20')),
        item('overdue', '2026-06-01', status('2026-06-01')),
        item('lapsed', '2024-01-01', status('2024-01-01', Date.parse('2025-01-10T00:00:00Z'), 5)),
        item(
          'expiring',
          '2025-01-01',
          status('2025-01-01', Date.parse('2025-04-01T00:00:00Z'), 15),
        ),
      ],
      'UTC',
    );
    expect(work.toDo.map((entry) => [entry.name, entry.status.code])).toEqual([
      ['lapsed', 'expired'],
      ['overdue', 'overdue'],
      ['soon', 'due-soon'],
      ['expiring', 'expiring'],
      ['later', 'not-started'],
    ]);
    expect(work.completed.map((entry) => entry.name)).toEqual(['done']);
  });
});
