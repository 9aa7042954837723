import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@segmetrics/io',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
