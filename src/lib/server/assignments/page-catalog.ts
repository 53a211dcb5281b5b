import { getCatalog } from '../courses/catalog.ts';
import { loadScenarioTitles } from './content-catalog.ts';
import type { ItemCatalog } from './item-catalog.ts';

let scenarios: Map<string, { title: string; isJoint: boolean }> | undefined;

/** The assignable items inside the Astro server: the course engine's catalog plus scenario titles. */
export async function getItemCatalog(): Promise<ItemCatalog> {
  const catalog = await getCatalog();
  scenarios ??= loadScenarioTitles();
  return { tracks: catalog.tracks, courses: catalog.courses, scenarios };
}
