import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

/**
 * A Node built-in module loaded when first used (synchronously) instead of at start-up: `node:crypto`
 * (≈ 8 ms) is needed only for state files and `node:worker_threads` (≈ 4 ms) only when threads start,
 * which most small runs never do. Type it with `typeof import('node:…')`.
 */
export function requireBuiltin<T>(id: `node:${string}`): T {
  return nodeRequire(id) as T;
}
