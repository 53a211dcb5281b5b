import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CourseSchema } from '../../content/schemas.ts';
import type { CourseRequirements, LessonRequirements } from './requirements.ts';

/**
 * The catalogue's course requirements read straight from content/, for graders that run outside
 * Astro (the live exercise server). The same files, fields, defaults and lesson order as the
 * catalogue Astro builds (courses/catalog.ts): a lesson's slug is its file name without the NN-
 * prefix, lessons are in file order, and only what requirements read is kept.
 */

const CourseFieldsSchema = CourseSchema.pick({
  title: true,
  passingScore: true,
  scenarios: true,
  recurrenceMonths: true,
  version: true,
});
/** The lesson fields requirements read (the build validates the rest, the check included). */
const LessonFieldsSchema = z.object({
  kind: z.enum(['reading', 'lab', 'simulation']).default('reading'),
  scenario: z.string().optional(),
  check: z.unknown().optional(),
});

function frontmatter(path: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'));
  return match ? (parse(match[1] ?? '') ?? {}) : {};
}

function lessonsOf(dir: string): LessonRequirements[] {
  return readdirSync(dir)
    .filter((name) => /^\d\d-.+\.md$/.test(name))
    .sort()
    .flatMap((file) => {
      const parsed = LessonFieldsSchema.safeParse(frontmatter(join(dir, file)));
      if (!parsed.success) return [];
      const { kind, scenario, check } = parsed.data;
      return [
        {
          slug: file.replace(/^\d\d-/, '').replace(/\.md$/, ''),
          data: { kind, scenario, ...(check === undefined ? {} : { check }) },
        },
      ];
    });
}

/** Every course of content/courses under `root` with what completing it requires, by slug. */
export function loadCourseRequirements(root = process.cwd()): CourseRequirements[] {
  const coursesDir = join(root, 'content/courses');
  if (!existsSync(coursesDir)) return [];
  return readdirSync(coursesDir)
    .filter((name) => !name.startsWith('.') && existsSync(join(coursesDir, name, 'index.md')))
    .sort()
    .flatMap((slug) => {
      const dir = join(coursesDir, slug);
      const parsed = CourseFieldsSchema.safeParse(frontmatter(join(dir, 'index.md')));
      return parsed.success ? [{ slug, data: parsed.data, lessons: lessonsOf(dir) }] : [];
    });
}
