// `npm run dev`: migrate the configured database, then run Astro's dev server.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../lib/server/config.ts';
import { prepareDatabase } from './prepare.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const { setupToken } = await prepareDatabase(parsed.config);
if (setupToken) {
  console.log(
    `No administrator yet. Create the first one: http://${parsed.config.HOST}:${parsed.config.PORT}/setup?token=${setupToken}`,
  );
}
const child = spawn(
  process.execPath,
  [
    join(root, 'node_modules/astro/bin/astro.mjs'),
    'dev',
    '--host',
    parsed.config.HOST,
    '--port',
    String(parsed.config.PORT),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
);
child.on('exit', (code) => process.exit(code ?? 0));
