import { getCollection } from 'astro:content';
import {
  findScenario as lookUpScenario,
  findSoloScenario as lookUpSoloScenario,
  type ScenarioOnSubstation,
  type SimCatalog,
} from '../../content/simulation-catalog.ts';

export type { ScenarioOnSubstation, SimCatalog } from '../../content/simulation-catalog.ts';

let cached: Promise<SimCatalog> | undefined;

/**
 * Substations and scenarios from the `substations` and `scenarios` collections, which the build
 * validated and cross-checked (src/content.config.ts); read once per process.
 */
export function getSimCatalog(): Promise<SimCatalog> {
  cached ??= loadSimCatalog();
  return cached;
}

async function loadSimCatalog(): Promise<SimCatalog> {
  const [substations, scenarios] = await Promise.all([
    getCollection('substations'),
    getCollection('scenarios'),
  ]);
  return {
    substations: new Map(substations.map((entry) => [entry.data.id, entry.data])),
    scenarios: new Map(scenarios.map((entry) => [entry.data.id, entry.data])),
  };
}

/** A scenario with the substation it runs on, or null for an unknown id. */
export async function findScenario(id: string): Promise<ScenarioOnSubstation | null> {
  return lookUpScenario(await getSimCatalog(), id);
}

/** A scenario one person can run alone, or null (unknown, or a joint exercise). */
export async function findSoloScenario(id: string): Promise<ScenarioOnSubstation | null> {
  return lookUpSoloScenario(await getSimCatalog(), id);
}
