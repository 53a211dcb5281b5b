import type { Database } from '../../../../db/client.ts';
import type { CatalogCourse, CatalogLesson } from './catalog.ts';
import { lessonState, type LessonState } from './next-step.ts';
import type { CourseProgress } from '../completion/requirements.ts';
import { lastTouches, touchedLessons } from './touched.ts';

/** One lesson in the course outline beside a lesson page. */
export interface OutlineEntry {
  slug: string;
  title: string;
  href: string;
  position: number;
  kind: CatalogLesson['data']['kind'];
  hasCheck: boolean;
  /** The learner's state, or null when nobody is signed in. */
  state: LessonState | null;
}

/** The course outline with each lesson's state for a signed-in learner (progress given). */
export async function courseOutline(
  db: Database,
  origin: string,
  learner: { userId: string; progress: CourseProgress } | null,
  course: CatalogCourse,
): Promise<OutlineEntry[]> {
  const touched = learner
    ? touchedLessons(
        origin,
        course.slug,
        await lastTouches(db, origin, learner.userId, course.slug),
      )
    : new Set<string>();
  return course.lessons.map((lesson, index) => ({
    slug: lesson.slug,
    title: lesson.data.title,
    href: `/courses/${course.slug}/${lesson.slug}`,
    position: lesson.position,
    kind: lesson.data.kind,
    hasCheck: Boolean(lesson.data.check),
    state: learner ? lessonState(learner.progress.lessons[index], touched.has(lesson.slug)) : null,
  }));
}

/** An entry of the on-page table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** The lesson's own h2/h3 headings, then the sections the page adds after the text. */
export function lessonToc(
  headings: { depth: number; slug: string; text: string }[],
  lesson: CatalogLesson,
): TocEntry[] {
  const entries: TocEntry[] = headings
    .filter((heading) => heading.depth === 2 || heading.depth === 3)
    .map((heading) => ({ id: heading.slug, text: heading.text, depth: heading.depth as 2 | 3 }));
  if (lesson.data.kind === 'lab' && lesson.data.lab)
    entries.push({ id: 'lab', text: 'Lab', depth: 2 });
  if (lesson.data.kind === 'simulation' && lesson.data.scenario)
    entries.push({ id: 'simulation', text: 'Simulation', depth: 2 });
  entries.push({ id: 'references', text: 'References', depth: 2 });
  if (lesson.data.check) entries.push({ id: 'check', text: 'Knowledge check', depth: 2 });
  return entries;
}
