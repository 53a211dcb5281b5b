import { getCollection, type CollectionEntry } from 'astro:content';
import type { Course, Lesson, Track } from '../../content/schemas.ts';

/** A lesson with its place in the course. */
export interface CatalogLesson {
  /** `<lesson>` (file name without the NN- prefix). */
  slug: string;
  courseSlug: string;
  position: number;
  data: Lesson;
  entry: CollectionEntry<'lessons'>;
  /** Plain text of the body, for search. */
  text: string;
}

/** A course with its lessons in order. */
export interface CatalogCourse {
  slug: string;
  data: Course;
  entry: CollectionEntry<'courses'>;
  lessons: CatalogLesson[];
}

export interface CatalogTrack {
  slug: string;
  data: Track;
  entry: CollectionEntry<'tracks'>;
  courses: CatalogCourse[];
}

export interface Catalog {
  tracks: CatalogTrack[];
  courses: Map<string, CatalogCourse>;
}

let cached: Promise<Catalog> | undefined;

/** Tracks, courses and lessons from content/, ordered; built once per process (content ships with the build). */
export function getCatalog(): Promise<Catalog> {
  cached ??= loadCatalog();
  return cached;
}

async function loadCatalog(): Promise<Catalog> {
  const [trackEntries, courseEntries, lessonEntries] = await Promise.all([
    getCollection('tracks'),
    getCollection('courses'),
    getCollection('lessons'),
  ]);
  const courses = new Map<string, CatalogCourse>();
  for (const entry of courseEntries) {
    courses.set(entry.id, { slug: entry.id, data: entry.data, entry, lessons: [] });
  }
  const sortedLessons = [...lessonEntries].sort((a, b) =>
    (a.filePath ?? a.id).localeCompare(b.filePath ?? b.id),
  );
  for (const entry of sortedLessons) {
    const [courseSlug = '', slug = ''] = entry.id.split('/');
    const course = courses.get(courseSlug);
    if (!course) continue;
    course.lessons.push({
      slug,
      courseSlug,
      position: course.lessons.length + 1,
      data: entry.data,
      entry,
      text: (entry.body ?? '').replace(/[#>*_`|[\]()!-]/g, ' ').replace(/\s+/g, ' '),
    });
  }
  const byTitle = (a: CatalogCourse, b: CatalogCourse) => a.data.title.localeCompare(b.data.title);
  const tracks = trackEntries
    .map((entry) => ({
      slug: entry.id,
      data: entry.data,
      entry,
      courses: [...courses.values()]
        .filter((course) => course.data.track === entry.id)
        .sort(byTitle),
    }))
    .sort((a, b) => a.data.order - b.data.order);
  return { tracks, courses };
}

/** A course by slug, or null. */
export async function findCourse(slug: string): Promise<CatalogCourse | null> {
  return (await getCatalog()).courses.get(slug) ?? null;
}

/** A lesson by course and lesson slug, with its neighbours. */
export async function findLesson(
  courseSlug: string,
  lessonSlug: string,
): Promise<{
  course: CatalogCourse;
  lesson: CatalogLesson;
  previous: CatalogLesson | null;
  next: CatalogLesson | null;
} | null> {
  const course = await findCourse(courseSlug);
  const index = course?.lessons.findIndex((lesson) => lesson.slug === lessonSlug) ?? -1;
  if (!course || index < 0) return null;
  return {
    course,
    lesson: course.lessons[index]!,
    previous: course.lessons[index - 1] ?? null,
    next: course.lessons[index + 1] ?? null,
  };
}
