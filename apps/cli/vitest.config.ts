import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'segmetrics',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
