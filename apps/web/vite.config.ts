import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/**
 * The report's `version` field: the version of the `segmetrics` release this page is built with (the
 * same code as that CLI), so that its JSON report is byte-identical to the CLI's on the same data.
 */
const segmetricsVersion: string = JSON.parse(
  readFileSync(new URL('../cli/package.json', import.meta.url), 'utf8'),
).version;

export default defineConfig({
  // Relative asset URLs: the built site works from any path of any static server.
  base: './',
  define: {
    __SEGMETRICS_VERSION__: JSON.stringify(segmetricsVersion),
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // No inline polyfill that fetches modules: every script is a plain module of this site.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    assetsInlineLimit: 0,
  },
});
