import { defineConfig } from 'vitest/config';

/**
 * Two projects on a 2-core machine:
 * - `unit`: everything under test/ except the contract suite (unit, runtime, fake-vcenter,
 *   simulator): forks, at most 2 workers.
 * - `contract`: test/contract, against the multi-release Prism mock started once in its
 *   globalSetup (five Prism processes parsing 1.6–6 MB documents take ~15 s together), so its
 *   timeouts are generous.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/contract/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          globalSetup: ['test/contract/global-setup.ts'],
        },
      },
    ],
  },
});
