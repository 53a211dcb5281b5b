/**
 * The standalone server's static-file step, in place of @astrojs/node's (astro.config.mjs aliases
 * the adapter's `./serve-static.js` here). The adapter looks every request up in dist/client first,
 * two file-system calls and two errors before the app runs; no file lives under /xapi/, so those
 * requests, the busiest API, go straight to the app. Everything else is served as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createStaticHandler as createAdapterStaticHandler,
  resolveStaticPath,
} from '../../../../node_modules/@astrojs/node/dist/serve-static.js';
import { isXapiPath } from '../xapi/cors.ts';

export { resolveStaticPath };

/** The path of a request target, without its query or fragment. */
function targetPath(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** True when a request target names an app route that no static file can answer. */
export function skipsStaticFiles(url: string | undefined): boolean {
  return url !== undefined && isXapiPath(targetPath(url));
}

/** The adapter's static handler, which hands xAPI requests to the app without a file lookup. */
export function createStaticHandler(
  ...args: Parameters<typeof createAdapterStaticHandler>
): (req: IncomingMessage, res: ServerResponse, ssr: () => unknown) => unknown {
  const serveStatic = createAdapterStaticHandler(...args);
  return (req, res, ssr) => (skipsStaticFiles(req.url) ? ssr() : serveStatic(req, res, ssr));
}
