import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'segmetrics',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One temporary folder per run, removed at its end: nothing a test writes under os.tmpdir() is left.
    globalSetup: [fileURLToPath(import.meta.resolve('@segmetrics/test-utils/temp-root'))],
    // Child processes rather than threads: the in-process CLI runs start worker threads and handle
    // signals of their own, and a busy fork never starves vitest's RPC with its test runner.
    pool: 'forks',
    // Guards against hangs, not timing assertions: CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
