import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ScenarioSchema } from '../../sim/schema/scenario.ts';
import type { Scenario } from '../../sim/schema/scenario.ts';
import { SubstationSchema } from '../../sim/schema/substation.ts';
import type { Substation } from '../../sim/schema/substation.ts';
import { checkScenarioReferences } from '../../sim/validate.ts';
import type { SimCatalog } from './simulation-catalog.ts';

export type { SimCatalog } from './simulation-catalog.ts';

/** The catalog, or every problem found, each naming the file and the field path. */
export type CatalogResult = { ok: true; catalog: SimCatalog } | { ok: false; errors: string[] };

/** Default location, relative to the project root the server runs from. */
export const SIMULATIONS_DIR = 'content/simulations';

/** Reads and validates all substations and scenarios, cross-checking scenario references. */
export function loadSimCatalog(root: string = SIMULATIONS_DIR): CatalogResult {
  const base = resolve(root);
  const errors: string[] = [];
  const substations = new Map<string, Substation>();
  for (const file of yamlFiles(join(base, 'substations'), errors)) {
    const data = parseFile(file, SubstationSchema, errors);
    if (data !== null && checkId(file, data.id, errors)) substations.set(data.id, data);
  }
  const scenarios = new Map<string, Scenario>();
  for (const file of yamlFiles(join(base, 'scenarios'), errors)) {
    const data = parseFile(file, ScenarioSchema, errors);
    if (data === null || !checkId(file, data.id, errors)) continue;
    const substation = substations.get(data.substation);
    if (substation === undefined) {
      errors.push(`${display(file)}: substation: no substation file named ${data.substation}.yaml`);
      continue;
    }
    const problems = checkScenarioReferences(substation, data);
    for (const problem of problems)
      errors.push(`${display(file)}: ${formatPath(problem.path)}: ${problem.message}`);
    if (problems.length === 0) scenarios.set(data.id, data);
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, catalog: { substations, scenarios } };
}

/** The valid substation files of a folder by id (invalid ones are skipped), for build-time checks. */
export function loadSubstationFiles(dir: string): Map<string, Substation> {
  const substations = new Map<string, Substation>();
  for (const file of yamlFiles(resolve(dir), [])) {
    const data = parseFile(file, SubstationSchema, []);
    if (data !== null) substations.set(data.id, data);
  }
  return substations;
}

function yamlFiles(dir: string, errors: string[]): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    errors.push(`${display(dir)}: folder not found`);
    return [];
  }
}

function parseFile<T extends z.ZodType>(
  file: string,
  schema: T,
  errors: string[],
): z.output<T> | null {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    errors.push(
      `${display(file)}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    errors.push(`${display(file)}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return null;
}

function checkId(file: string, id: string, errors: string[]): boolean {
  const expected = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  if (id === expected) return true;
  errors.push(`${display(file)}: id: "${id}" must equal the file name "${expected}"`);
  return false;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

function display(file: string): string {
  return relative(process.cwd(), file) || file;
}
