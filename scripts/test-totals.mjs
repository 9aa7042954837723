#!/usr/bin/env node
// Sums vitest's JSON reports and prints the single closing line CI reads: `N passed, N failed`.
// Reports: one `.test-results.json` per package with a `test` script (written by its vitest run), and
// one per check script `scripts/<name>/run.mjs` (the pack check, the browser smoke test; written in the
// same shape by scripts/lib/check-suite.mjs).
// Exits 1 when a report is missing, a test failed, or no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** `[label, report file]` of every suite that must have run. */
function expectedReports() {
  const reports = [];
  for (const group of ['packages', 'apps']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!existsSync(join(dir, name, 'package.json'))) continue;
      const pkg = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8'));
      if (pkg.scripts?.test) reports.push([`${group}/${name}`, join(dir, name, '.test-results.json')]);
    }
  }
  const scripts = join(root, 'scripts');
  for (const name of readdirSync(scripts).sort()) {
    if (existsSync(join(scripts, name, 'run.mjs'))) {
      reports.push([`scripts/${name}`, join(scripts, name, '.test-results.json')]);
    }
  }
  return reports;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const [label, file] of expectedReports()) {
  if (!existsSync(file)) {
    missing.push(label);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && (report.numFailedTests ?? 0) === 0)
    failed += Math.max(1, report.numFailedTestSuites ?? 0);
}
for (const m of missing) console.error(`no test report for ${m}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
