// Bundles bench/internals.ts with esbuild (tsup's own) so the benchmark can time internal phases.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const requireFromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
const { buildSync } = requireFromTsup('esbuild');
const outfile = join(here, '..', '.bench-data', 'internals.mjs');
buildSync({
  entryPoints: [join(here, 'internals.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile,
  external: ['@segmetrics/core', 'fflate', 'fast-png', 'picomatch'],
  logLevel: 'warning',
});
export const internals = await import(pathToFileURL(outfile).href);
