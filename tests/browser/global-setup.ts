import { execFileSync } from 'node:child_process';

/** Builds the server once for every browser-test file (skipped when the build is fresh). */
export default function setup(): void {
  execFileSync(process.execPath, ['src/cli/start.mjs', '--build-only'], { stdio: 'inherit' });
}
