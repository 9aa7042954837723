import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

const require = createRequire(import.meta.url);

export default defineConfig({
  // cli.js is the `segmetrics` bin; worker.js is loaded by worker_threads for parallel evaluation.
  entry: ['src/index.ts', 'src/cli.ts', 'src/worker.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // commander and picocolors are bundled into the bin: resolving a CommonJS package through node_modules
  // and loading it through Node's CommonJS loader cost ≈ 9 ms of every `--help` and every run
  // (bench/README.md). Their `require` of Node built-ins needs a real `require` in ESM output; their
  // licences ship beside. picocolors is a devDependency for that reason; commander stays a dependency
  // because the declarations (`createProgram(): Command`) import its types.
  // The HTML report's picture code (the thumbnail sampler and the PNG writers) is bundled into the chunk
  // that `--report` loads after counting: four modules resolved and fetched one after another through
  // Node's ESM loader cost ≈ 10 ms more than one.
  noExternal: ['commander', 'picocolors', /^@segmetrics\/report\/pictures$/, /^@segmetrics\/io\/encode$/],
  banner: {
    js: "import { createRequire as __segmetricsRequire } from 'node:module'; const require = __segmetricsRequire(import.meta.url);",
  },
  onSuccess: async () => {
    copyFileSync(join(dirname(require.resolve('commander')), 'LICENSE'), 'dist/commander.LICENSE');
    copyFileSync(join(dirname(require.resolve('picocolors')), 'LICENSE'), 'dist/picocolors.LICENSE');
  },
});
