import { existsSync } from 'node:fs';

/**
 * The worker thread script: `worker.js` beside the built modules (`dist/`), or — when the CLI runs from
 * its TypeScript sources, as in its tests — the built `dist/worker.js` of this package.
 */
export function defaultWorkerScript(): URL {
  const candidates = [
    new URL('./worker.js', import.meta.url),
    new URL('../../dist/worker.js', import.meta.url),
  ];
  return candidates.find((url) => existsSync(url)) ?? candidates[0]!;
}
