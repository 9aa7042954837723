import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staticImports } from '@segmetrics/test-utils';
import { expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

it('@segmetrics/io/node loads neither fast-png nor fflate at start-up (writers load their encoder when called)', () => {
  const packages = staticImports(join(SRC, 'node.ts'));
  expect(packages.has('node:zlib')).toBe(true);
  expect(packages.has('fast-png')).toBe(false);
  expect(packages.has('fflate')).toBe(false);
});

it('@segmetrics/io/presets loads no PNG decoder or zlib library', () => {
  expect([...staticImports(join(SRC, 'presets.ts'))].sort()).toEqual([
    '@segmetrics/core',
    '@segmetrics/metrics',
  ]);
});

it('@segmetrics/io/encode loads the deflate library and core alone: no decoder, glob matcher or .npy reader', () => {
  expect([...staticImports(join(SRC, 'encode.ts'))].sort()).toEqual(['@segmetrics/core', 'fflate']);
});

it('Node’s @segmetrics/io/encode (encode-node) loads node:zlib and core, not fflate', () => {
  expect([...staticImports(join(SRC, 'encode-node.ts'))].sort()).toEqual(['@segmetrics/core', 'node:zlib']);
});

it('the browser entry still loads fast-png for decodePng (the walk sees packages)', () => {
  expect(staticImports(join(SRC, 'index.ts')).has('fast-png')).toBe(true);
});
