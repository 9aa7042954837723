import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/web',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One temporary folder per run, removed at its end: nothing a test writes under os.tmpdir() is left.
    globalSetup: [fileURLToPath(import.meta.resolve('@segmetrics/test-utils/temp-root'))],
    // A guard against hangs, not a timing assertion: the browser tests build nothing but start Chromium
    // and run the CLI beside it, on a machine where every package's tests run at once.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
