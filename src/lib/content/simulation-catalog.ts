import type { Scenario } from '../../sim/schema/scenario.ts';
import type { Substation } from '../../sim/schema/substation.ts';

/**
 * Every substation and scenario, validated and cross-checked, by id. The server builds it from
 * Astro's content collections (`lib/server/sims/catalog.ts`); the CLI and tests read the same
 * files through `simulation-files.ts`. Both go through the same zod schemas.
 */
export interface SimCatalog {
  readonly substations: ReadonlyMap<string, Substation>;
  readonly scenarios: ReadonlyMap<string, Scenario>;
}

/** A scenario with the substation it runs on. */
export interface ScenarioOnSubstation {
  scenario: Scenario;
  substation: Substation;
}

/** A scenario with its substation, or null for an unknown id. */
export function findScenario(catalog: SimCatalog, id: string): ScenarioOnSubstation | null {
  const scenario = catalog.scenarios.get(id);
  const substation =
    scenario === undefined ? undefined : catalog.substations.get(scenario.substation);
  return scenario === undefined || substation === undefined ? null : { scenario, substation };
}

/** A scenario one person can run alone: joint exercises are run from /exercises instead. */
export function findSoloScenario(catalog: SimCatalog, id: string): ScenarioOnSubstation | null {
  const found = findScenario(catalog, id);
  return found === null || found.scenario.exercise !== undefined ? null : found;
}
