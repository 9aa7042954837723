#!/usr/bin/env node
// `pnpm --filter @segmetrics/web build` on a fresh clone: the app bundles the workspace packages from
// their built `dist/`, so build them first when any is missing (turbo's `^build` does this already;
// then this is a few stat calls).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
const workspace = Object.entries(manifest.dependencies ?? {})
  .filter(([, range]) => String(range).startsWith('workspace:'))
  .map(([name]) => name);
const missing = workspace.filter((name) => {
  const dir = join(app, 'node_modules', ...name.split('/'));
  return !existsSync(join(dir, 'dist', 'index.js'));
});
if (missing.length > 0) {
  console.error(`building the workspace packages the app bundles (${missing.join(', ')} not built yet)`);
  const result = spawnSync('pnpm', ['--filter', `${manifest.name}^...`, 'run', 'build'], {
    cwd: app,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
