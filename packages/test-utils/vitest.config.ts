import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/test-utils',
    include: ['src/**/*.test.ts'],
    // One temporary folder per run, removed at its end: nothing a test writes under os.tmpdir() is left.
    globalSetup: ['./src/temp-root.ts'],
    // A guard against hangs, not a timing assertion: CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
  },
});
