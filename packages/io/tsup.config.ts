import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe (no node: imports); `node` adds the file-system and node:zlib fast path;
  // `presets` is the light, browser-safe subset (dataset presets, colour maps) that loads no decoder;
  // `encode` the PNG writers alone (no decoder, glob matcher or `.npy` reader), and `encode-node` the same
  // writers with node:zlib's compressor (what Node resolves `@segmetrics/io/encode` to: no fflate).
  entry: ['src/index.ts', 'src/node.ts', 'src/presets.ts', 'src/encode.ts', 'src/encode-node.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
});
