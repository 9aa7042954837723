import { defineProject } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

export default defineProject({
  define: { __SEGMETRICS_METRICS_VERSION__: JSON.stringify(pkg.version) },
  test: {
    name: '@segmetrics/metrics',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
