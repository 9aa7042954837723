import { defineProject } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

export default defineProject({
  define: { __SEGMETRICS_METRICS_VERSION__: JSON.stringify(pkg.version) },
  test: {
    name: '@segmetrics/metrics',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A guard against hangs, not a timing assertion: CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
  },
});
