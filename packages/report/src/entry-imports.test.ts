import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staticImports } from '@segmetrics/test-utils';
import { expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

it('@segmetrics/report loads no PNG decoder or encoder (reading a report model stays light)', () => {
  expect([...staticImports(join(SRC, 'index.ts'))].sort()).toEqual([
    '@segmetrics/core',
    '@segmetrics/io/presets',
    '@segmetrics/metrics',
  ]);
});

it('@segmetrics/report/pictures is where the PNG encoder comes in, and only the encoder', () => {
  // `@segmetrics/io/encode`, not `@segmetrics/io`: the full entry also loads fast-png (with iobuffer) and
  // picomatch, ≈ 50 ms of every `--report` run.
  const imports = staticImports(join(SRC, 'pictures.ts'));
  expect(imports.has('@segmetrics/io/encode')).toBe(true);
  expect(imports.has('@segmetrics/io')).toBe(false);
});

it('@segmetrics/report/pictures exports the thumbnail encoder', async () => {
  expect(Object.keys(await import('./pictures.js')).sort()).toEqual(['reportImagePictures']);
});
