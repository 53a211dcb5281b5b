import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  loadContent,
  readContent,
  readCourseFiles,
} from '../../../src/lib/content/content-files.ts';
import { lessonEntryId, lessonSlug } from '../../../src/lib/content/lesson-file.ts';
import { splitFrontmatter } from '../../../src/lib/content/markdown-file.ts';

const folders: string[] = [];
function copyOfContent(): string {
  const root = mkdtempSync(join(tmpdir(), 'content-'));
  folders.push(root);
  cpSync('content', join(root, 'content'), { recursive: true });
  return root;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lessonSlug', () => {
  test.each([
    ['03-protection-relays.md', 'protection-relays'],
    ['10-x.md', 'x'],
    ['index.md', null],
    ['3-short-prefix.md', null],
    ['03-notes.txt', null],
  ])('%s -> %s', (file, slug) => {
    expect(lessonSlug(file)).toBe(slug);
  });

  test('a collection entry id is the course and the lesson slug', () => {
    expect(lessonEntryId('cip-004/02-training-records.md')).toBe('cip-004/training-records');
  });
});

describe('splitFrontmatter', () => {
  test('separates YAML data from the body', () => {
    expect(splitFrontmatter('---\ntitle: Relays\n---\n# Relays\n')).toEqual({
      data: { title: 'Relays' },
      body: '# Relays\n',
    });
  });

  test('treats text without frontmatter as all body', () => {
    expect(splitFrontmatter('# Only a body')).toEqual({ data: {}, body: '# Only a body' });
  });
});

describe('loadContent', () => {
  test('reads every course with its lessons in file order, and every scenario', () => {
    const content = readContent();
    expect(content.courses.size).toBeGreaterThan(0);
    for (const course of content.courses.values()) {
      expect(course.lessons.map((lesson) => lesson.position)).toEqual(
        course.lessons.map((_, index) => index + 1),
      );
    }
    expect(content.tracks.map((track) => track.data.order)).toEqual(
      content.tracks.map((track) => track.data.order).sort((a, b) => a - b),
    );
    expect(content.simulations.scenarios.size).toBeGreaterThan(0);
  });

  test('reports a lesson that breaks its schema with the file and field', () => {
    const root = copyOfContent();
    const [course] = readContent().courses.values();
    const file = readCourseFiles(course!.slug, root).lessons[0]!.file;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^estimatedMinutes: .*$/m, 'estimatedMinutes: soon'));
    const result = loadContent(root);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringMatching(/: estimatedMinutes: /)]);
  });

  test('reports a course that names an unknown scenario', () => {
    const root = copyOfContent();
    const [course] = readContent().courses.values();
    const file = join(root, 'content/courses', course!.slug, 'index.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^scenarios: .*$/m, 'scenarios: [no-such-run]'));
    const result = loadContent(root);
    expect(!result.ok && result.errors).toEqual([
      expect.stringMatching(/index\.md: scenarios: unknown scenario "no-such-run"/),
    ]);
  });
});
