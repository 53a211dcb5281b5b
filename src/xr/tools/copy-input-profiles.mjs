// Copies the controller and hand profiles the XR scene uses from @webxr-input-profiles/assets into
// public/xr/profiles, with a profiles list that names only those, so headsets load their models
// from our origin (a utility's network cannot reach the public CDN). Run after upgrading the
// package: `npx node src/xr/tools/copy-input-profiles.mjs`; the copies are committed.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const source = join(root, 'node_modules/@webxr-input-profiles/assets/dist/profiles');
const target = join(root, 'public/xr/profiles');
/** Quest 3 controllers, the fallback for any other controller, and tracked hands. */
const PROFILES = ['meta-quest-touch-plus', 'generic-trigger', 'generic-hand'];

rmSync(target, { recursive: true, force: true });
const list = {};
for (const profile of PROFILES) {
  mkdirSync(join(target, profile), { recursive: true });
  for (const file of readdirSync(join(source, profile))) {
    copyFileSync(join(source, profile, file), join(target, profile, file));
  }
  list[profile] = { path: `${profile}/profile.json` };
}
writeFileSync(join(target, 'profilesList.json'), `${JSON.stringify(list, null, 2)}\n`);
console.log(`Copied ${PROFILES.length} input profiles to ${target}`);
