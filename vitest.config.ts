import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * The workspace packages by name, from their sources: the same map as `paths` in tsconfig.json.
 * `@vcenter-sdk/<package>/src/<module>.js` reaches a module the package does not export (tests only).
 */
const alias = [
  { find: /^@vcenter-sdk\/(runtime|mock|events)\/src\/(.*)\.js$/, replacement: `${ROOT}$1/src/$2.ts` },
  { find: /^@vcenter-sdk\/runtime\/(descriptor|release|text|tls)$/, replacement: `${ROOT}runtime/src/$1.ts` },
  { find: /^@vcenter-sdk\/mock\/catalog$/, replacement: `${ROOT}mock/src/catalog.ts` },
  { find: /^@vcenter-sdk\/runtime\/otel$/, replacement: `${ROOT}runtime/src/tracing/otel-loader.ts` },
  { find: /^@vcenter-sdk\/(runtime|mock|events)$/, replacement: `${ROOT}$1/src/index.ts` },
];

/**
 * Two projects on a 2-core machine, chosen by the kind in the file name (test/<subject>/<name>.<kind>.test.ts):
 * - `unit`: every test but `*.contract.test.ts` (unit, e2e, packaging): forks, at most 2 workers.
 * - `contract`: `*.contract.test.ts`, against the multi-release Prism front (test/prism) started
 *   once in its globalSetup (five Prism processes parsing 1.6–6 MB documents take ~15 s
 *   together), so its timeouts are generous.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    // Fails the run if a process a test started is still alive at the end (every project runs it).
    globalSetup: ['test/support/leak-check.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.contract.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['test/**/*.contract.test.ts'],
          globalSetup: ['test/prism/global-setup.ts'],
        },
      },
    ],
  },
});
