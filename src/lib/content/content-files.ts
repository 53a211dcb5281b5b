import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lessonSlug } from './lesson-file.ts';
import { readMarkdownFile, type MarkdownFile } from './markdown-file.ts';
import { CourseSchema, LessonSchema, TrackSchema } from './schemas.ts';
import type { Course, Lesson, Track } from './schemas.ts';
import { loadSimCatalog, type SimCatalog } from './simulation-files.ts';

/**
 * The content folder read from disk, for code that runs outside Astro (the CLI, the search index,
 * the live exercise server, tests). It validates with the schemas the content collections use.
 */

/** A lesson file as authored, before validation. */
export interface LessonFile extends MarkdownFile {
  course: string;
  /** `<lesson>`: the file name without its NN- prefix. */
  slug: string;
  /** Path of the file. */
  file: string;
}

/** A course folder as authored: its index.md and its lesson files in order. */
export interface CourseFiles extends MarkdownFile {
  slug: string;
  lessons: LessonFile[];
}

/** Names of the entries of a folder (hidden ones left out), sorted; none when it is missing. */
function namesIn(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => !name.startsWith('.'))
        .sort()
    : [];
}

/** Course folder names under `<root>/content/courses`. */
export function listCourseFolders(root = process.cwd()): string[] {
  const dir = join(root, 'content/courses');
  return namesIn(dir).filter((name) => existsSync(join(dir, name, 'index.md')));
}

/** Track slugs: the file names of `<root>/content/tracks/*.md`. */
export function listTrackFiles(root = process.cwd()): string[] {
  return namesIn(join(root, 'content/tracks'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.replace(/\.md$/, ''));
}

/** A course's index and lesson files, not yet validated. */
export function readCourseFiles(course: string, root = process.cwd()): CourseFiles {
  const dir = join(root, 'content/courses', course);
  const lessons = namesIn(dir).flatMap((name): LessonFile[] => {
    const slug = lessonSlug(name);
    const file = join(dir, name);
    return slug === null ? [] : [{ course, slug, file, ...readMarkdownFile(file) }];
  });
  return { slug: course, ...readMarkdownFile(join(dir, 'index.md')), lessons };
}

/** A validated lesson with its place in the course. */
export interface ContentLesson {
  slug: string;
  courseSlug: string;
  position: number;
  data: Lesson;
  body: string;
}

/** A validated course with its lessons in order. */
export interface ContentCourse {
  slug: string;
  data: Course;
  body: string;
  lessons: ContentLesson[];
}

/** A validated track with its courses by title. */
export interface ContentTrack {
  slug: string;
  data: Track;
  courses: ContentCourse[];
}

/** Everything under content/, validated and cross-checked. */
export interface Content {
  /** Ordered as the catalogue shows them. */
  tracks: ContentTrack[];
  courses: ReadonlyMap<string, ContentCourse>;
  simulations: SimCatalog;
}

/** The content, or every problem found, each naming the file and the field path. */
export type ContentResult = { ok: true; content: Content } | { ok: false; errors: string[] };

function problemsOf(file: string, issues: readonly { path: PropertyKey[]; message: string }[]) {
  return issues.map((issue) => `${file}: ${issue.path.map(String).join('.')}: ${issue.message}`);
}

/** Reads, validates and cross-checks tracks, courses, lessons and simulations under `root`. */
export function loadContent(root = process.cwd()): ContentResult {
  const simulations = loadSimCatalog(join(root, 'content/simulations'));
  const errors = simulations.ok ? [] : [...simulations.errors];
  const trackSlugs = listTrackFiles(root);
  const courseSlugs = listCourseFolders(root);
  const scenarioIds = simulations.ok ? [...simulations.catalog.scenarios.keys()] : [];
  const datasets = namesIn(join(root, 'content/datasets')).filter((name) =>
    existsSync(join(root, 'content/datasets', name, 'schema.json')),
  );
  const courses = new Map<string, ContentCourse>();
  for (const slug of courseSlugs) {
    const files = readCourseFiles(slug, root);
    const parsed = CourseSchema.safeParse(files.data);
    if (!parsed.success) {
      errors.push(...problemsOf(`content/courses/${slug}/index.md`, parsed.error.issues));
      continue;
    }
    const course = parsed.data;
    const at = `content/courses/${slug}/index.md`;
    if (!trackSlugs.includes(course.track)) errors.push(`${at}: track: unknown track "${course.track}"`);
    for (const name of course.prerequisites)
      if (!courseSlugs.includes(name)) errors.push(`${at}: prerequisites: unknown course "${name}"`);
    for (const id of course.scenarios)
      if (!scenarioIds.includes(id)) errors.push(`${at}: scenarios: unknown scenario "${id}"`);
    const lessons: ContentLesson[] = [];
    for (const lesson of files.lessons) {
      const result = LessonSchema.safeParse(lesson.data);
      if (!result.success) {
        errors.push(...problemsOf(lesson.file, result.error.issues));
        continue;
      }
      const { scenario, lab } = result.data;
      if (scenario && !scenarioIds.includes(scenario))
        errors.push(`${lesson.file}: scenario: unknown simulation scenario "${scenario}"`);
      for (const name of lab?.datasets ?? [])
        if (!datasets.includes(name)) errors.push(`${lesson.file}: lab.datasets: unknown dataset "${name}"`);
      lessons.push({
        slug: lesson.slug,
        courseSlug: slug,
        position: lessons.length + 1,
        data: result.data,
        body: lesson.body,
      });
    }
    courses.set(slug, { slug, data: course, body: files.body, lessons });
  }
  const tracks: ContentTrack[] = [];
  for (const slug of trackSlugs) {
    const parsed = TrackSchema.safeParse(readMarkdownFile(join(root, 'content/tracks', `${slug}.md`)).data);
    if (!parsed.success) {
      errors.push(...problemsOf(`content/tracks/${slug}.md`, parsed.error.issues));
      continue;
    }
    const inTrack = [...courses.values()].filter((course) => course.data.track === slug);
    inTrack.sort((a, b) => a.data.title.localeCompare(b.data.title));
    tracks.push({ slug, data: parsed.data, courses: inTrack });
  }
  tracks.sort((a, b) => a.data.order - b.data.order);
  if (errors.length > 0 || !simulations.ok) return { ok: false, errors };
  return { ok: true, content: { tracks, courses, simulations: simulations.catalog } };
}

const loaded = new Map<string, Content>();

/** The content under `root`, loaded once; invalid content throws with every problem. */
export function readContent(root = process.cwd()): Content {
  const cached = loaded.get(root);
  if (cached) return cached;
  const result = loadContent(root);
  if (!result.ok) throw new Error(`Invalid content:\n${result.errors.join('\n')}`);
  loaded.set(root, result.content);
  return result.content;
}
