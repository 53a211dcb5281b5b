// `npm run bench`: builds the server when needed, then runs every tests/bench/*.bench.ts in turn and
// prints their figures. Benchmarks report; they do not fail on a slow machine.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '../..');
const only = process.argv.slice(2);
const build = spawnSync(process.execPath, ['src/cli/start.mjs', '--build-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => !only.length || only.some((word) => name.includes(word)))
  .sort();
let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, [join(benchDir, file)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failures += 1;
}
console.log(`\n${files.length - failures} benchmarks ran, ${failures} failed to run.`);
process.exit(failures ? 1 : 0);
