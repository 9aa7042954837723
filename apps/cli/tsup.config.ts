import { defineConfig } from 'tsup';

export default defineConfig({
  // cli.js is the `segmetrics` bin; worker.js is loaded by worker_threads for parallel evaluation.
  entry: ['src/index.ts', 'src/cli.ts', 'src/worker.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
