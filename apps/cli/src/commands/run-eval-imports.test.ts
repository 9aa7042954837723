import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staticImports } from '@segmetrics/test-utils';
import { expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));

it('eval loads no PNG encoder, portable decoder or node:crypto unless asked for (start-up cost)', () => {
  const packages = staticImports(join(HERE, 'run-eval.ts'));
  expect(packages.has('@segmetrics/io/node')).toBe(true);
  // node:crypto (≈ 8 ms to load) is required when a state file is saved or read, node:worker_threads
  // (≈ 4 ms) when threads start (util/require-builtin.ts).
  for (const heavy of [
    '@segmetrics/io',
    '@segmetrics/report/pictures',
    'fast-png',
    'fflate',
    'node:crypto',
  ]) {
    expect(packages.has(heavy), heavy).toBe(false);
  }
});

it('help and version load no library: the program loads each command when it runs', () => {
  const packages = staticImports(join(HERE, '..', 'cli.ts'));
  for (const library of [
    '@segmetrics/core',
    '@segmetrics/metrics',
    '@segmetrics/io/node',
    '@segmetrics/report',
  ]) {
    expect(packages.has(library), library).toBe(false);
  }
});
