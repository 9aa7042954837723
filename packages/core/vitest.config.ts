import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One temporary folder per run, removed at its end: nothing a test writes under os.tmpdir() is left.
    globalSetup: [fileURLToPath(import.meta.resolve('@segmetrics/test-utils/temp-root'))],
    // A guard against hangs, not a timing assertion: CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
  },
});
