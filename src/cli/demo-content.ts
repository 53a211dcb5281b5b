import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ItemCatalog } from '../lib/server/assignments/item-catalog.ts';

/** The outline of a course the demo generates activity for: its lessons and what each asks. */
export interface CourseOutline {
  slug: string;
  title: string;
  recurrenceMonths: number | null;
  version: string;
  lessons: {
    slug: string;
    title: string;
    kind: 'reading' | 'lab' | 'simulation';
    hasCheck: boolean;
  }[];
}

function frontmatter(path: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'));
  return (match ? parse(match[1] ?? '') : null) ?? {};
}

/** Reads a course's lessons from content/courses/<slug>/NN-<lesson>.md, in order. */
export function readCourseOutline(
  catalog: ItemCatalog,
  slug: string,
  root = process.cwd(),
): CourseOutline | null {
  const course = catalog.courses.get(slug);
  const dir = join(root, 'content/courses', slug);
  if (!course || !existsSync(dir)) return null;
  const lessons = readdirSync(dir)
    .filter((name) => /^\d\d-.+\.md$/.test(name))
    .sort()
    .map((file) => {
      const data = frontmatter(join(dir, file));
      const kind =
        data['kind'] === 'lab' || data['kind'] === 'simulation' ? data['kind'] : 'reading';
      return {
        slug: file.replace(/^\d\d-/, '').replace(/\.md$/, ''),
        title: typeof data['title'] === 'string' ? data['title'] : file,
        kind: kind as CourseOutline['lessons'][number]['kind'],
        hasCheck: Boolean(data['check']),
      };
    });
  return {
    slug,
    title: course.data.title,
    recurrenceMonths: course.data.recurrenceMonths ?? null,
    version: course.data.version ?? '1',
    lessons,
  };
}
