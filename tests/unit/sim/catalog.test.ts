import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { lessonSlug } from '../../../src/lib/content/lesson-file.ts';
import { loadSimCatalog } from '../../../src/lib/content/simulation-files.ts';
import { findScenario, findSoloScenario } from '../../../src/lib/content/simulation-catalog.ts';

const folders: string[] = [];
function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sims-'));
  folders.push(dir);
  cpSync('content/simulations', dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadSimCatalog', () => {
  test('loads the Riverside substation and the six scenarios from content/simulations', () => {
    const result = loadSimCatalog();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect([...result.catalog.substations.keys()]).toEqual(['riverside']);
    expect([...result.catalog.scenarios.keys()].sort()).toEqual([
      'equipment-walkdown',
      'isolate-t1',
      'joint-cyber-alert',
      'joint-isolate-t1',
      'restore-t1',
      'rogue-device',
    ]);
  });

  test('the walk-down has at least twelve cards, each linking a lesson', () => {
    const result = loadSimCatalog();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const cards = result.catalog.scenarios.get('equipment-walkdown')?.cards ?? [];
    expect(cards.length).toBeGreaterThanOrEqual(12);
    for (const card of cards) expect(card.lesson).toMatch(/^\/courses\/[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  test('every lesson a card links to exists in content/courses', () => {
    const result = loadSimCatalog();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    for (const card of result.catalog.scenarios.get('equipment-walkdown')?.cards ?? []) {
      const [, , course, lesson] = card.lesson.split('/');
      const files = readdirNames(`content/courses/${course}`);
      expect(
        files.some((name) => lessonSlug(name) === lesson),
        card.lesson,
      ).toBe(true);
    }
  });

  test('a malformed scenario is reported with its file and field path', () => {
    const dir = copyOfContent();
    const file = join(dir, 'scenarios', 'isolate-t1.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('passPercent: 80', 'passPercent: eighty'),
    );
    const result = loadSimCatalog(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/scenarios[\\/]isolate-t1\.yaml: rubric\.passPercent: /);
    }
  });

  test('a scenario naming a device its substation lacks is reported with the path', () => {
    const dir = copyOfContent();
    const file = join(dir, 'scenarios', 'restore-t1.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '{ type: inspect, device: T1 }',
        '{ type: inspect, device: T9 }',
      ),
    );
    const result = loadSimCatalog(dir);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        expect.stringMatching(/restore-t1\.yaml: rubric\.steps\.0\.actions\.0: unknown device T9$/),
      ]);
  });

  test('a file whose id differs from its name is reported', () => {
    const dir = copyOfContent();
    const file = join(dir, 'scenarios', 'rogue-device.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: rogue-device', 'id: rogue'));
    const result = loadSimCatalog(dir);
    expect(!result.ok && result.errors[0]).toMatch(
      /rogue-device\.yaml: id: "rogue" must equal the file name/,
    );
  });

  test('a broken substation names the device and field', () => {
    const dir = copyOfContent();
    const file = join(dir, 'substations', 'riverside.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'connections: [n-t1lb, n-bus1]',
        'connections: [n-t1lb, n-bus9]',
      ),
    );
    const result = loadSimCatalog(dir);
    expect(!result.ok && result.errors[0]).toMatch(
      /riverside\.yaml: devices\.\d+\.connections: unknown node n-bus9/,
    );
  });

  test('findScenario returns the scenario with its substation, or null', () => {
    const result = loadSimCatalog();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(findScenario(result.catalog, 'isolate-t1')?.substation.id).toBe('riverside');
    expect(findScenario(result.catalog, 'no-such-scenario')).toBeNull();
  });

  test('findSoloScenario leaves out joint exercises, which are run from /exercises', () => {
    const result = loadSimCatalog();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(findSoloScenario(result.catalog, 'isolate-t1')?.scenario.id).toBe('isolate-t1');
    expect(findScenario(result.catalog, 'joint-isolate-t1')).not.toBeNull();
    expect(findSoloScenario(result.catalog, 'joint-isolate-t1')).toBeNull();
  });
});

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
