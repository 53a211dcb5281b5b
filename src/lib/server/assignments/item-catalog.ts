import type { Content } from '../../content/content-files.ts';
import type { SimCatalog } from '../../content/simulation-catalog.ts';
import { activityIds } from '../../shared/courses/activity-ids.ts';

/** What can be assigned. */
export type ItemType = 'course' | 'track' | 'scenario';
export const ITEM_TYPES = ['course', 'track', 'scenario'] as const;

/** The parts of a course that assignments and reports read (the course engine's catalog fits). */
export interface CourseInfo {
  slug: string;
  data: {
    title: string;
    track: string;
    audience: 'it' | 'ot' | 'all';
    skills: string[];
    recurrenceMonths?: number | undefined;
    version?: string | undefined;
  };
  /** Lessons in order, when the catalog carries them (the course engine's does). */
  lessons?: readonly { slug: string; data: { title: string } }[];
  /** Set for an imported cmi5 course: its completions are reported by the content itself. */
  imported?: { publisher: string };
}

/** The parts of a track that assignments and reports read. */
export interface TrackInfo {
  slug: string;
  data: { title: string };
  courses: readonly { slug: string }[];
}

/** Everything assignable: courses and tracks from content/, simulation scenarios by id. */
export interface ItemCatalog {
  tracks: readonly TrackInfo[];
  courses: ReadonlyMap<string, CourseInfo>;
  /** Joint scenarios are run together from /exercises. */
  scenarios: ReadonlyMap<string, { title: string; isJoint?: boolean }>;
}

/** An assignable item resolved against the catalog. */
export interface ResolvedItem {
  /** `type:id`, the item's key in forms, filters and query strings. */
  key: string;
  type: ItemType;
  id: string;
  title: string;
  href: string;
  /** The activity whose completion is the item's (for a track, one per course, in order). */
  activityIds: string[];
  /** True when the item is (or holds) an imported cmi5 course, whose completions the content reports. */
  isReportedByContent: boolean;
}

/** The key of an item: `course:cip-004-role-based-training`. */
export function itemKey(type: ItemType, id: string): string {
  return `${type}:${id}`;
}

/** Splits an item key; null when it is not one. */
export function parseItemKey(key: string): { type: ItemType; id: string } | null {
  const match = /^(course|track|scenario):([a-z0-9][a-z0-9-]*)$/.exec(key);
  return match ? { type: match[1] as ItemType, id: match[2] ?? '' } : null;
}

/** True when the catalog holds the item. */
export function itemExists(catalog: ItemCatalog, type: ItemType, id: string): boolean {
  if (type === 'course') return catalog.courses.has(id);
  if (type === 'track') return catalog.tracks.some((track) => track.slug === id);
  return catalog.scenarios.has(id);
}

/** The title and page of an assignable item (the id when the catalog no longer has it). */
export function describeItem(
  catalog: ItemCatalog,
  type: ItemType,
  id: string,
): { title: string; href: string } {
  if (type === 'course') {
    return { title: catalog.courses.get(id)?.data.title ?? id, href: `/courses/${id}` };
  }
  if (type === 'track') {
    const track = catalog.tracks.find((candidate) => candidate.slug === id);
    return { title: track ? `Track: ${track.data.title}` : id, href: `/tracks/${id}` };
  }
  const scenario = catalog.scenarios.get(id);
  const title = scenario?.title ?? id;
  // A joint scenario is run together, from the exercises page.
  if (scenario?.isJoint === true) return { title: `Exercise: ${title}`, href: '/exercises' };
  return { title: `Simulation: ${title}`, href: `/sims/${id}` };
}

/** An item with its title and the activity ids its completion is read from. */
export function resolveItem(
  origin: string,
  catalog: ItemCatalog,
  type: ItemType,
  id: string,
): ResolvedItem {
  const courses =
    type === 'track'
      ? (catalog.tracks.find((track) => track.slug === id)?.courses ?? []).map((c) => c.slug)
      : [];
  return {
    key: itemKey(type, id),
    type,
    id,
    ...describeItem(catalog, type, id),
    isReportedByContent:
      type === 'course'
        ? Boolean(catalog.courses.get(id)?.imported)
        : courses.some((slug) => Boolean(catalog.courses.get(slug)?.imported)),
    activityIds:
      type === 'course'
        ? [activityIds.course(origin, id)]
        : type === 'scenario'
          ? [activityIds.scenario(origin, id)]
          : courses.map((course) => activityIds.course(origin, course)),
  };
}

/** Every assignable item, for the assign form: courses, then tracks, then simulations, by title. */
export function listAssignableItems(origin: string, catalog: ItemCatalog): ResolvedItem[] {
  const byTitle = (a: ResolvedItem, b: ResolvedItem) => a.title.localeCompare(b.title);
  return [
    ...[...catalog.courses.keys()].map((id) => resolveItem(origin, catalog, 'course', id)),
    ...catalog.tracks.map((track) => resolveItem(origin, catalog, 'track', track.slug)),
    ...[...catalog.scenarios.keys()].map((id) => resolveItem(origin, catalog, 'scenario', id)),
  ].sort((a, b) => ITEM_TYPES.indexOf(a.type) - ITEM_TYPES.indexOf(b.type) || byTitle(a, b));
}

/** The activity of every course and simulation in the catalog (what counts as a completion in charts). */
export function catalogActivityIds(origin: string, catalog: ItemCatalog): string[] {
  return [
    ...[...catalog.courses.keys()].map((slug) => activityIds.course(origin, slug)),
    ...[...catalog.scenarios.keys()].map((id) => activityIds.scenario(origin, id)),
  ];
}

/** Scenario titles by id, with joint scenarios marked. */
export function scenarioTitles(
  simulations: SimCatalog,
): Map<string, { title: string; isJoint: boolean }> {
  return new Map(
    [...simulations.scenarios].map(([id, scenario]) => [
      id,
      { title: scenario.title, isJoint: scenario.exercise !== undefined },
    ]),
  );
}

/** The assignable items of the content folder as read from disk (the CLI and tests run outside Astro). */
export function itemCatalogOf(content: Content): ItemCatalog {
  return {
    tracks: content.tracks,
    courses: content.courses,
    scenarios: scenarioTitles(content.simulations),
  };
}
