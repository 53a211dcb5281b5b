// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { buildSearchIndex } from './src/cli/search-index.mjs';
import { CSP_DIRECTIVES } from './src/lib/server/csp-directives.mjs';

/** Builds the Pagefind index of the course library after each build, served from our own origin. */
const searchIndex = {
  name: 'switchyard-search-index',
  hooks: {
    /** @param {{ dir: URL, logger: import('astro').AstroIntegrationLogger }} options */
    'astro:build:done': async ({ dir, logger }) => {
      const root = fileURLToPath(new URL('.', import.meta.url));
      const records = await buildSearchIndex(root, fileURLToPath(new URL('./pagefind', dir)));
      logger.info(`search index: ${records} courses and lessons`);
    },
  },
};

/** Builds each lab's data file (SQLite and gzip) beside the server build, so no request builds one. */
const labData = {
  name: 'switchyard-lab-data',
  hooks: {
    /** @param {{ dir: URL, logger: import('astro').AstroIntegrationLogger }} options */
    'astro:build:done': async ({ dir, logger }) => {
      const { writeLabDataFiles } = await import('./src/lib/server/labs/lab-data-files.ts');
      const root = fileURLToPath(new URL('.', import.meta.url));
      const written = await writeLabDataFiles(fileURLToPath(new URL('../lab-data/', dir)), root);
      logger.info(`lab data: ${written.files} files, ${(written.bytes / 1e6).toFixed(1)} MB`);
    },
  },
};

const PAGE_ROUTES_ID = 'virtual:switchyard/page-routes';

/**
 * Provides the route patterns of the site's .astro pages as `virtual:switchyard/page-routes`, so
 * the middleware can answer a method no page takes (PUT, DELETE, ...) with a 405 before a page
 * runs; endpoints (the xAPI resources, APIs) declare their own methods and are left out.
 * @returns {import('astro').AstroIntegration}
 */
function pageRoutes() {
  /** @type {string[]} */
  let patterns = [];
  return {
    name: 'switchyard-page-routes',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'switchyard-page-routes',
                /** @param {string} id */
                resolveId: (id) => (id === PAGE_ROUTES_ID ? `\0${PAGE_ROUTES_ID}` : undefined),
                /** @param {string} id */
                load: (id) =>
                  id === `\0${PAGE_ROUTES_ID}`
                    ? `export default ${JSON.stringify(patterns)};`
                    : undefined,
              },
            ],
          },
        });
      },
      'astro:routes:resolved': ({ routes }) => {
        patterns = routes
          // The error pages also answer addresses that match no route, which stay a 404.
          .filter((route) => route.type === 'page' && route.origin === 'project')
          .filter((route) => !['/403', '/404', '/500'].includes(route.pattern))
          .map((route) => route.pattern)
          .sort();
      },
    },
  };
}

/**
 * Adds src/lib/server/node-server.ts to the server build as dist/server/node-server.mjs: what
 * `npm start` runs beside Astro's handler (live exercise sockets) then shares the pages' content
 * collections and database client instead of reading content/ on its own.
 * @type {import('vite').Plugin}
 */
const nodeServerEntry = {
  name: 'switchyard-node-server-entry',
  apply: 'build',
  buildStart() {
    if (this.environment?.name !== 'ssr') return;
    this.emitFile({
      type: 'chunk',
      id: fileURLToPath(new URL('./src/lib/server/node-server.ts', import.meta.url)),
      fileName: 'node-server.mjs',
    });
  },
};

// Switchyard runs as one Node server: every page is rendered on request unless it opts into prerendering.
export default defineConfig({
  output: 'server',
  outDir: process.env['SWITCHYARD_DIST_DIR'] || './dist',
  adapter: node({ mode: 'standalone' }),
  integrations: [react(), pageRoutes(), searchIndex, labData],
  // The origin check lives in src/middleware.ts so that JSON writes are covered too.
  security: {
    checkOrigin: false,
    // Astro hashes, at build time, the inline scripts and styles it emits (the island loader and
    // its directives) and sends them in each page's Content-Security-Policy header. Nothing is
    // hashed from a rendered page, so text a person typed can never become an allowed script.
    csp: {
      algorithm: 'SHA-256',
      directives: CSP_DIRECTIVES,
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Shiki colours code in lessons with style attributes, so those (never <style> elements,
      // which only pass by build-time hash) keep 'unsafe-inline' in style-src-attr.
      styleDirective: {
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  vite: {
    plugins: [nodeServerEntry],
    resolve: {
      // @pmndrs/xr lazily imports its emulator; keep it (and its 2 MB of rooms) out of the build.
      alias: [
        {
          find: /^\.\/emulate\.js$/,
          replacement: fileURLToPath(new URL('./src/xr/no-emulator.js', import.meta.url)),
        },
        // The standalone server's static-file step skips /xapi/, where no file lives (see the module).
        {
          find: /^\.\/serve-static\.js$/,
          replacement: fileURLToPath(
            new URL('./src/lib/server/http/static-first.ts', import.meta.url),
          ),
        },
      ],
    },
  },
});
