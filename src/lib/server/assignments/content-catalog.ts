import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CourseSchema, TrackSchema } from '../../content/schemas.ts';
import type { CourseInfo, ItemCatalog, TrackInfo } from './item-catalog.ts';

/** The catalog read straight from content/, for code that runs outside Astro (the CLI, benchmarks). */

const CourseFieldsSchema = CourseSchema.pick({
  title: true,
  track: true,
  audience: true,
  skills: true,
  recurrenceMonths: true,
  version: true,
});
const TrackFieldsSchema = TrackSchema.pick({ title: true, order: true });

function frontmatter(path: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'));
  return match ? parse(match[1] ?? '') : {};
}

function folderNames(path: string): string[] {
  return existsSync(path)
    ? readdirSync(path)
        .filter((name) => !name.startsWith('.'))
        .sort()
    : [];
}

/** Simulation scenario titles by id, from content/simulations/scenarios/*.yaml. */
export function loadScenarioTitles(
  root = process.cwd(),
): Map<string, { title: string; isJoint: boolean }> {
  const dir = join(root, 'content/simulations/scenarios');
  const titles = new Map<string, { title: string; isJoint: boolean }>();
  for (const name of folderNames(dir).filter((file) => /\.ya?ml$/.test(file))) {
    const data = parse(readFileSync(join(dir, name), 'utf8')) as {
      id?: unknown;
      title?: unknown;
      exercise?: unknown;
    };
    const id = typeof data?.id === 'string' ? data.id : name.replace(/\.ya?ml$/, '');
    titles.set(id, {
      title: typeof data?.title === 'string' ? data.title : id,
      isJoint: data?.exercise !== undefined,
    });
  }
  return titles;
}

/** Tracks, courses and scenarios from the content folder under `root`, ordered like the catalogue. */
export function loadItemCatalog(root = process.cwd()): ItemCatalog {
  const courses = new Map<string, CourseInfo>();
  for (const slug of folderNames(join(root, 'content/courses'))) {
    const index = join(root, 'content/courses', slug, 'index.md');
    if (!existsSync(index)) continue;
    const parsed = CourseFieldsSchema.safeParse(frontmatter(index));
    if (parsed.success) courses.set(slug, { slug, data: parsed.data });
  }
  const byTitle = (a: CourseInfo, b: CourseInfo) => a.data.title.localeCompare(b.data.title);
  const tracks: (TrackInfo & { order: number })[] = [];
  for (const file of folderNames(join(root, 'content/tracks')).filter((f) => f.endsWith('.md'))) {
    const parsed = TrackFieldsSchema.safeParse(frontmatter(join(root, 'content/tracks', file)));
    if (!parsed.success) continue;
    const slug = file.replace(/\.md$/, '');
    tracks.push({
      slug,
      order: parsed.data.order,
      data: { title: parsed.data.title },
      courses: [...courses.values()].filter((course) => course.data.track === slug).sort(byTitle),
    });
  }
  tracks.sort((a, b) => a.order - b.order);
  return { tracks, courses, scenarios: loadScenarioTitles(root) };
}
