import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/report',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A guard against hangs, not a timing assertion: CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
  },
});
