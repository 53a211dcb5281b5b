import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../shared/courses/activity-ids.ts';
import { MAX_QUERY_CHARS } from '../../shared/labs/limits.ts';
import { positionAt, type QueryPosition } from '../../shared/labs/sql-error.ts';
import {
  findLesson,
  getCatalog,
  type CatalogCourse,
  type CatalogLesson,
} from '../courses/catalog.ts';
import { recordGrading, type Learner, type StatementDraft } from '../completion/grading.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { gradeLabQuery } from './grade.ts';

/** Rows of the learner's result sent back with the verdict. */
export const RETURNED_ROWS = 200;

/** What the browser sends to have a lab answer checked. */
export const LabSubmissionSchema = z.object({
  /** The learner's SQL query. */
  query: z
    .string({ message: 'query must be the text of a SQL query' })
    .max(
      MAX_QUERY_CHARS,
      `A query may be at most ${MAX_QUERY_CHARS.toLocaleString('en-US')} characters long.`,
    )
    .refine((query) => query.trim().length > 0, 'Write a query first.'),
});

export type LabSubmission = z.output<typeof LabSubmissionSchema>;

/** The verdict on a learner's answer, or why it could not be graded. */
export type LabSubmitResult =
  | {
      ok: true;
      passed: boolean;
      reason: string;
      columns: string[];
      rows: (string | number | null)[][];
      rowCount: number;
    }
  | { ok: false; status: 404 | 408 | 413 | 422; error: string; position?: QueryPosition }
  | { ok: false; status: 429 | 503 | 499; error: string; retryAfter: number };

/** The lab lesson at a course and lesson slug, or null when there is none. */
export async function findLab(
  courseSlug: string,
  lessonSlug: string,
): Promise<{ course: CatalogCourse; lesson: CatalogLesson } | null> {
  const found = await findLesson(courseSlug, lessonSlug);
  if (!found || found.lesson.data.kind !== 'lab' || !found.lesson.data.lab) return null;
  return { course: found.course, lesson: found.lesson };
}

function labStatements(
  origin: string,
  course: CatalogCourse,
  lesson: CatalogLesson,
  query: string,
  passed: boolean,
  reason: string,
): StatementDraft[] {
  const object = {
    objectType: 'Activity' as const,
    id: activityIds.lab(origin, course.slug, lesson.slug),
    definition: { type: ACTIVITY_TYPES.assessment, name: { 'en-US': `Lab: ${lesson.data.title}` } },
  };
  const context = {
    contextActivities: {
      parent: [{ id: activityIds.lesson(origin, course.slug, lesson.slug) }],
      grouping: [{ id: activityIds.course(origin, course.slug) }],
    },
  };
  const drafts: StatementDraft[] = [
    { verb: VERBS.answered, object, result: { response: query }, context },
    {
      verb: passed ? VERBS.passed : VERBS.failed,
      object,
      result: {
        success: passed,
        completion: true,
        response: reason,
        score: { scaled: passed ? 1 : 0 },
      },
      context,
    },
  ];
  if (passed) {
    drafts.push({
      verb: VERBS.completed,
      object: {
        objectType: 'Activity',
        id: activityIds.lesson(origin, course.slug, lesson.slug),
        definition: { type: ACTIVITY_TYPES.lesson, name: { 'en-US': lesson.data.title } },
      },
      result: { completion: true },
      context: { contextActivities: { parent: [{ id: activityIds.course(origin, course.slug) }] } },
    });
  }
  return drafts;
}

/**
 * Grades a learner's lab query on the server, records it (answered with the query, then passed or
 * failed with the reason, and the lesson completed on a pass) and completes the course when that
 * was its last requirement. A query that cannot run is refused with a reason and not recorded.
 */
export async function submitLabQuery(
  db: Database,
  learner: Learner,
  courseSlug: string,
  lessonSlug: string,
  submission: LabSubmission,
  signal?: AbortSignal,
): Promise<LabSubmitResult> {
  const found = await findLab(courseSlug, lessonSlug);
  if (!found)
    return { ok: false, status: 404, error: `There is no lab at ${courseSlug}/${lessonSlug}.` };
  const { course, lesson } = found;
  const lab = lesson.data.lab!;
  const grade = await gradeLabQuery(
    { datasets: lab.datasets, check: lab.check, query: submission.query },
    { learnerId: learner.id, ...(signal ? { signal } : {}) },
  );
  if (!grade.ok && 'retryAfter' in grade) return grade;
  if (!grade.ok) {
    const position =
      grade.position === undefined ? null : positionAt(submission.query, grade.position);
    return {
      ok: false,
      status: grade.status,
      error: grade.error,
      ...(position ? { position } : {}),
    };
  }
  const origin = recordBase(db);
  const recorded = await recordGrading(db, {
    learner,
    statements: labStatements(origin, course, lesson, submission.query, grade.passed, grade.reason),
    courses: (await getCatalog()).courses.values(),
  });
  if (!recorded.ok) throw new Error(`learning record refused the lab verdict: ${recorded.message}`);
  return {
    ok: true,
    passed: grade.passed,
    reason: grade.reason,
    columns: grade.columns,
    rows: grade.rows.slice(0, RETURNED_ROWS),
    rowCount: grade.rowCount,
  };
}
