import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'segmetrics',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI (dist/cli.js) many times.
    testTimeout: 120_000,
  },
});
