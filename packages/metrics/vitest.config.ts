import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

export default defineProject({
  define: { __SEGMETRICS_METRICS_VERSION__: JSON.stringify(pkg.version) },
  test: {
    name: '@segmetrics/metrics',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One temporary folder per run, removed at its end: nothing a test writes under os.tmpdir() is left.
    globalSetup: [fileURLToPath(import.meta.resolve('@segmetrics/test-utils/temp-root'))],
    // A guard against hangs, not a timing assertion: CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
  },
});
