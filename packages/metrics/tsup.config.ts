import { defineConfig } from 'tsup';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // The report's `version` field: read from package.json at build time.
  define: { __SEGMETRICS_METRICS_VERSION__: JSON.stringify(pkg.version) },
});
