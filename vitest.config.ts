import { defineConfig } from 'vitest/config';

// Three suites: fast unit tests, integration tests on a real libSQL database, and browser journeys
// against the built server in Debian's Chromium.
export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker; two keep both cores busy with the unit and
    // integration files (browser files still run one at a time, after them).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Some integration tests talk HTTP to the real built server.
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
