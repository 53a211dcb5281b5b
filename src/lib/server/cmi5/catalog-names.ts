import { getCatalog } from '../courses/catalog.ts';
import type { CatalogNames } from './course-actions.ts';

/** The content catalogue's course and track slugs, inside the Astro server. */
export async function contentCatalogNames(): Promise<CatalogNames> {
  const catalog = await getCatalog();
  return {
    courseSlugs: new Set(catalog.courses.keys()),
    trackSlugs: new Set(catalog.tracks.map((track) => track.slug)),
  };
}
