// `npm start`: build when the build is missing or stale, migrate, then serve.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../lib/server/config.ts';
import { prepareDatabase } from './prepare.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// SWITCHYARD_DIST_DIR builds and serves from another folder (e.g. to test one build while another is made).
const distDir = join(root, process.env.SWITCHYARD_DIST_DIR || 'dist');
const stampFile = join(distDir, '.build-stamp');
const inputs = [
  'src',
  'content',
  'public',
  'db',
  'astro.config.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

/** Newest modification time among the files the build reads. */
function newestSourceTime() {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const input of inputs) visit(join(root, input));
  return newest;
}

function isBuildFresh() {
  if (!existsSync(stampFile) || !existsSync(join(distDir, 'server/entry.mjs'))) return false;
  return statSync(stampFile).mtimeMs >= newestSourceTime();
}

/** Builds the site (and its search index) with the Node that runs this script. */
export function build() {
  console.log('Building Switchyard (sources changed or no build yet)...');
  const started = Date.now();
  // Always a production build, even when started from a test runner that sets NODE_ENV=test.
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  const astro = spawnSync(
    process.execPath,
    [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    },
  );
  if (astro.status !== 0) {
    console.error('Build failed: see the messages above.');
    process.exit(1);
  }
  writeFileSync(stampFile, new Date().toISOString());
  console.log(`Build finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const config = parsed.config;

if (process.argv.includes('--build-only')) {
  if (process.argv.includes('--force') || !isBuildFresh()) build();
  else console.log('Build is up to date.');
  process.exit(0);
}
if (!isBuildFresh()) build();

let setupToken = null;
try {
  ({ setupToken } = await prepareDatabase(config));
} catch (error) {
  console.error(
    `Database ${config.DATABASE_URL} could not be prepared: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
  );
  process.exit(1);
}

process.env.HOST = config.HOST;
process.env.PORT = String(config.PORT);
// Start Astro's server ourselves so live exercises can share its HTTP server's upgrade event.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = await import(join(distDir, 'server/entry.mjs'));
const { server } = entry.startServer();
// Built with the pages (see astro.config.mjs): request guards and live exercise sockets.
const { attachToNodeServer } = await import(join(distDir, 'server/node-server.mjs'));
await attachToNodeServer(server.server, { publicOrigin: config.PUBLIC_ORIGIN });
if (setupToken) {
  const origin = config.PUBLIC_ORIGIN ?? `http://${config.HOST}:${config.PORT}`;
  console.log(
    `\nNo administrator yet. Create the first one (this link works once, for 24 hours):\n  ${origin}/setup?token=${setupToken}\n`,
  );
}
