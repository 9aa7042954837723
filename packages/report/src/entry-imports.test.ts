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

it('@segmetrics/report/pictures is where the PNG encoder comes in', () => {
  expect(staticImports(join(SRC, 'pictures.ts')).has('@segmetrics/io')).toBe(true);
});

it('@segmetrics/report/pictures exports the thumbnail encoder', async () => {
  expect(Object.keys(await import('./pictures.js')).sort()).toEqual(['reportImagePictures']);
});
