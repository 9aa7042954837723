import { defineConfig } from 'vitest/config';

// Root config: `pnpm vitest` at the top runs every package's project at once.
// CI runs the same tests per package through turbo (`pnpm test`).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
