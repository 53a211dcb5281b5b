import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A lesson file as authored: its frontmatter, body and URL slug. */
export interface AuthoredLesson {
  course: string;
  slug: string;
  file: string;
  data: Record<string, any>;
  body: string;
}

/** Splits a Markdown file into frontmatter data and body. */
export function readMarkdown(path: string): { data: Record<string, any>; body: string } {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match
    ? { data: (parse(match[1] ?? '') ?? {}) as Record<string, any>, body: match[2] ?? '' }
    : { data: {}, body: text };
}

/** Course folder names in content/courses. */
export function courseSlugs(root = 'content/courses'): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/** A course's index frontmatter and its lessons in order. */
export function readCourse(course: string, root = 'content/courses') {
  const dir = join(root, course);
  const index = readMarkdown(join(dir, 'index.md'));
  const lessons: AuthoredLesson[] = readdirSync(dir)
    .filter((name) => /^\d\d-.+\.md$/.test(name))
    .sort()
    .map((file) => ({
      course,
      slug: file.replace(/^\d\d-/, '').replace(/\.md$/, ''),
      file: join(dir, file),
      ...readMarkdown(join(dir, file)),
    }));
  return { slug: course, data: index.data, body: index.body, lessons };
}
