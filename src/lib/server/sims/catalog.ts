import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import { loadSimCatalog, type SimCatalog } from '../../content/simulation-files.ts';

export type { SimCatalog } from '../../content/simulation-files.ts';

let cached: SimCatalog | null = null;

/** The catalog, loaded once; invalid content is a deployment error and throws with every problem. */
export function getSimCatalog(): SimCatalog {
  if (cached !== null) return cached;
  const result = loadSimCatalog();
  if (!result.ok) throw new Error(`Invalid simulation content:\n${result.errors.join('\n')}`);
  cached = result.catalog;
  return cached;
}

/** A scenario with the substation it runs on, or null for an unknown id. */
export function findScenario(
  id: string,
  catalog: SimCatalog = getSimCatalog(),
): { scenario: Scenario; substation: Substation } | null {
  const scenario = catalog.scenarios.get(id);
  const substation =
    scenario === undefined ? undefined : catalog.substations.get(scenario.substation);
  return scenario === undefined || substation === undefined ? null : { scenario, substation };
}

/** A scenario one person can run alone: joint exercises are run from /exercises instead. */
export function findSoloScenario(
  id: string,
  catalog: SimCatalog = getSimCatalog(),
): { scenario: Scenario; substation: Substation } | null {
  const found = findScenario(id, catalog);
  return found === null || found.scenario.exercise !== undefined ? null : found;
}
