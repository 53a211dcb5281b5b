// What the Node server runs beside Astro's request handler. The build bundles this module with the
// pages as dist/server/node-server.mjs (see astro.config.mjs), so it reads the same content
// collections and shares the same database client as they do.
import type { Server } from 'node:http';
import { getCatalog } from './courses/catalog.ts';
import { getDb } from './db.ts';
import { attachLiveExercises } from './exercises/live-server.ts';
import { guardNodeRequests } from './http/node-request-guards.ts';
import { getSimCatalog } from './sims/catalog.ts';

/** Guards raw Node requests and serves live exercise sockets on the server Astro listens with. */
export async function attachToNodeServer(
  server: Server,
  options: { publicOrigin?: string | undefined },
): Promise<() => void> {
  guardNodeRequests(server);
  const [db, simulations, catalog] = await Promise.all([getDb(), getSimCatalog(), getCatalog()]);
  return attachLiveExercises(server, {
    db,
    publicOrigin: options.publicOrigin,
    simulations,
    courses: [...catalog.courses.values()],
  });
}
