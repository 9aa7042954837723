import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/test-utils',
    include: ['src/**/*.test.ts'],
  },
});
