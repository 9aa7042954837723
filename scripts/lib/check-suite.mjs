// A minimal test recorder for the check scripts under scripts/ (pack check, browser smoke): each check
// is a named async function; the results are printed as they finish and written in vitest's JSON
// report shape (`numPassedTests`, `numFailedTests`, `success`, `testResults[].assertionResults`), so that
// scripts/test-totals.mjs counts them with the packages' tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Starts a suite whose report goes to `resultsFile` (removed now, so that a crash leaves no stale
 * report: the totals then say the report is missing).
 */
export function createSuite(name, resultsFile) {
  rmSync(resultsFile, { force: true });
  const startTime = Date.now();
  const results = [];

  return {
    /**
     * Runs `fn` as one test; returns its value, or `undefined` when it threw (the test then fails with
     * the error). Checks that need an earlier result should throw when it is missing.
     */
    async test(title, fn) {
      const start = performance.now();
      try {
        const value = await fn();
        const duration = performance.now() - start;
        results.push({ title, status: 'passed', duration, failureMessages: [] });
        console.log(`  ✓ ${title} (${formatMs(duration)})`);
        return value;
      } catch (error) {
        const duration = performance.now() - start;
        const message =
          error instanceof CheckFailure
            ? error.message
            : error instanceof Error
              ? (error.stack ?? error.message)
              : String(error);
        results.push({ title, status: 'failed', duration, failureMessages: [message] });
        console.log(`  ✗ ${title} (${formatMs(duration)})\n${indent(message)}`);
        return undefined;
      }
    },

    get failed() {
      return results.filter((r) => r.status === 'failed').length;
    },

    /** Writes the report, prints one summary line and returns the exit code (1 when a test failed). */
    finish() {
      const passed = results.filter((r) => r.status === 'passed').length;
      const failed = results.length - passed;
      const success = failed === 0 && passed > 0;
      const report = {
        numTotalTestSuites: 1,
        numPassedTestSuites: success ? 1 : 0,
        numFailedTestSuites: success ? 0 : 1,
        numPendingTestSuites: 0,
        numTotalTests: results.length,
        numPassedTests: passed,
        numFailedTests: failed,
        numPendingTests: 0,
        numTodoTests: 0,
        startTime,
        success,
        testResults: [
          {
            name,
            status: success ? 'passed' : 'failed',
            startTime,
            endTime: Date.now(),
            message: '',
            assertionResults: results.map((r) => ({
              ancestorTitles: [name],
              fullName: `${name} ${r.title}`,
              title: r.title,
              status: r.status,
              duration: Math.round(r.duration),
              failureMessages: r.failureMessages,
            })),
          },
        ],
      };
      mkdirSync(dirname(resultsFile), { recursive: true });
      writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
      const seconds = ((Date.now() - startTime) / 1000).toFixed(1);
      console.log(
        `${name}: ${success ? 'OK' : 'FAILED'}, ${passed} of ${results.length} checks passed in ${seconds} s`,
      );
      return success ? 0 : 1;
    },
  };
}

/** A failed check: reported by its message alone (no stack trace). */
export class CheckFailure extends Error {
  name = 'CheckFailure';
}

/** Throws a {@link CheckFailure} with `message` when `condition` is falsy. */
export function assert(condition, message) {
  if (!condition) throw new CheckFailure(message);
}

function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function indent(text) {
  return text
    .split('\n')
    .slice(0, 30)
    .map((line) => `      ${line}`)
    .join('\n');
}
