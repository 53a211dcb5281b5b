import { readContent } from '../../content/content-files.ts';
import type { CourseRequirements } from './requirements.ts';

/**
 * The catalogue's course requirements read from content/ through the content loader, for graders
 * that run outside Astro (the live exercise server): the same files, schemas, defaults and lesson
 * order as the collections Astro builds, keeping only what requirements read.
 */
export function loadCourseRequirements(root = process.cwd()): CourseRequirements[] {
  return [...readContent(root).courses.values()].map(({ slug, data, lessons }) => ({
    slug,
    data: {
      title: data.title,
      passingScore: data.passingScore,
      scenarios: data.scenarios,
      recurrenceMonths: data.recurrenceMonths,
      version: data.version,
    },
    lessons: lessons.map((lesson) => ({
      slug: lesson.slug,
      data: {
        kind: lesson.data.kind,
        scenario: lesson.data.scenario,
        ...(lesson.data.check === undefined ? {} : { check: lesson.data.check }),
      },
    })),
  }));
}
