import { z } from 'zod';
import type { Catalog, CatalogCourse } from './catalog.ts';

/** Catalogue filters from the query string; empty values mean "any". */
export const CatalogFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined),
  track: z
    .string()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
  audience: z
    .enum(['it', 'ot', 'all', ''])
    .optional()
    .transform((value) => value || undefined),
  level: z
    .enum(['introductory', 'intermediate', 'advanced', ''])
    .optional()
    .transform((value) => value || undefined),
});

export type CatalogFilter = z.output<typeof CatalogFilterSchema>;

/** Courses matching every filter; words of `q` must all appear in the course or one of its lessons. */
export function filterCourses(catalog: Catalog, filter: CatalogFilter): CatalogCourse[] {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return [...catalog.courses.values()]
    .filter((course) => !filter.track || course.data.track === filter.track)
    .filter(
      (course) =>
        !filter.audience ||
        course.data.audience === filter.audience ||
        course.data.audience === 'all',
    )
    .filter((course) => !filter.level || course.data.level === filter.level)
    .filter((course) => {
      if (!words.length) return true;
      const text = [
        course.data.title,
        course.data.summary,
        course.data.skills.join(' '),
        ...course.lessons.map((lesson) => `${lesson.data.title} ${lesson.text}`),
      ]
        .join(' ')
        .toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.data.title.localeCompare(b.data.title));
}
