import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/web',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A guard against hangs, not a timing assertion: the browser tests build nothing but start Chromium
    // and run the CLI beside it, on a machine where every package's tests run at once.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
