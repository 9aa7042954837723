import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variables `os.tmpdir()` reads (TMPDIR on POSIX; TEMP, then TMP, on Windows). */
const TEMP_VARIABLES = ['TMPDIR', 'TEMP', 'TMP'] as const;

/**
 * A vitest `globalSetup`: the run's tests get one fresh folder as their OS temp folder, removed with
 * everything in it when the run ends. Tests make their fixtures under `os.tmpdir()` (which reads the
 * variables on every call) and child processes inherit them, so nothing a test writes outlives its run,
 * whether or not the test cleans up (a test that fails halfway never does). Set before the test workers
 * start, so every worker and forked child sees it. Returns the teardown.
 */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'segmetrics-test-run-'));
  const previous = TEMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of TEMP_VARIABLES) process.env[name] = root;
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
