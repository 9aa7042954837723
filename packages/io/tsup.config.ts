import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe (no node: imports); `node` adds the file-system and node:zlib fast path;
  // `presets` is the light, browser-safe subset (dataset presets, colour maps) that loads no decoder.
  entry: ['src/index.ts', 'src/node.ts', 'src/presets.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
});
