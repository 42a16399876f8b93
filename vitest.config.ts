import { defineConfig } from 'vitest/config';

/**
 * `unit`: fast tests of one module with real SQLite files in temp directories.
 * `integration`: the hub over HTTP, SMTP on loopback, sync property and fault tests.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/**/*.int.test.{ts,tsx}', 'test/e2e/**', 'test/bench/**'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
