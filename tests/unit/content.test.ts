import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CourseSchema, LessonSchema, TrackSchema } from '../../src/lib/content/schemas.ts';
import { courseSlugs, readCourse, readMarkdown } from '../helpers/content.ts';

const courses = courseSlugs().map((slug) => readCourse(slug));
const lessons = courses.flatMap((course) => course.lessons);
const tracks = readdirSync('content/tracks')
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.replace(/\.md$/, ''));
const scenarios = existsSync('content/simulations/scenarios')
  ? readdirSync('content/simulations/scenarios').map((name) => name.replace(/\.ya?ml$/, ''))
  : [];
const datasets = readdirSync('content/datasets').filter((name) =>
  existsSync(join('content/datasets', name, 'schema.json')),
);

/** Body words, not counting fenced code. */
function wordCount(body: string): number {
  return body
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

/** Internal links and images of a Markdown body (absolute paths on our site). */
function internalLinks(body: string): string[] {
  return [...body.matchAll(/\]\((\/[^)\s#]*)(?:#[^)\s]*)?\)/g)].map((match) => match[1] ?? '');
}

function resolves(path: string): boolean {
  const clean = path.replace(/\/$/, '') || '/';
  if (['/', '/courses', '/sims', '/exercises', '/learn', '/login', '/account'].includes(clean))
    return true;
  const parts = clean.split('/').filter(Boolean);
  if (parts[0] === 'courses' && parts.length === 2)
    return courses.some((course) => course.slug === parts[1]);
  if (parts[0] === 'courses' && parts.length === 3) {
    return lessons.some((lesson) => lesson.course === parts[1] && lesson.slug === parts[2]);
  }
  if (parts[0] === 'tracks' && parts.length === 2) return tracks.includes(parts[1] ?? '');
  if (parts[0] === 'sims' && parts.length === 2) return scenarios.includes(parts[1] ?? '');
  return existsSync(join('public', clean));
}

describe('content library', () => {
  test.each(tracks)('track %s is valid', (track) => {
    expect(
      TrackSchema.safeParse(readMarkdown(`content/tracks/${track}.md`).data).error,
    ).toBeUndefined();
  });

  describe.each(courses.map((course) => [course.slug, course] as const))(
    'course %s',
    (_slug, course) => {
      test('has a valid index with a known track, prerequisites and scenarios', () => {
        const parsed = CourseSchema.safeParse(course.data);
        expect(parsed.error).toBeUndefined();
        expect(tracks).toContain(course.data.track);
        for (const prerequisite of course.data.prerequisites ?? [])
          expect(courseSlugs()).toContain(prerequisite);
        for (const scenario of course.data.scenarios ?? []) expect(scenarios).toContain(scenario);
      });

      test('has at least four lessons and one accessible diagram', () => {
        expect(course.lessons.length).toBeGreaterThanOrEqual(4);
        const images = [course.body, ...course.lessons.map((lesson) => lesson.body)].flatMap(
          (body) => [...body.matchAll(/!\[([^\]]*)\]\((\/diagrams\/[^)]+\.svg)\)/g)],
        );
        expect(images.length).toBeGreaterThan(0);
        for (const [, alt, src] of images) {
          expect((alt ?? '').length, `${src} needs a real text alternative`).toBeGreaterThan(20);
          expect(existsSync(join('public', src ?? ''))).toBe(true);
        }
      });

      test('links only to pages and files that exist', () => {
        for (const body of [course.body, ...course.lessons.map((lesson) => lesson.body)]) {
          for (const link of internalLinks(body))
            expect(resolves(link), `${course.slug}: ${link}`).toBe(true);
        }
      });
    },
  );

  describe.each(lessons.map((lesson) => [`${lesson.course}/${lesson.slug}`, lesson] as const))(
    'lesson %s',
    (_id, lesson) => {
      test('has objectives, references, a knowledge check of three or more questions and a valid answer key', () => {
        const parsed = LessonSchema.safeParse(lesson.data);
        expect(parsed.error).toBeUndefined();
        expect(lesson.data.objectives.length).toBeGreaterThan(0);
        expect(lesson.data.references.length).toBeGreaterThan(0);
        expect(lesson.data.check?.questions.length ?? 0).toBeGreaterThanOrEqual(3);
      });

      test('is 600 to 1,500 words long', () => {
        const words = wordCount(lesson.body);
        expect(words).toBeGreaterThanOrEqual(600);
        expect(words).toBeLessThanOrEqual(1500);
      });

      test('uses only existing datasets and scenarios', () => {
        for (const dataset of lesson.data.lab?.datasets ?? []) expect(datasets).toContain(dataset);
        if (lesson.data.scenario) expect(scenarios).toContain(lesson.data.scenario);
      });
    },
  );
});
