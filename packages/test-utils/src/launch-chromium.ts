import { existsSync } from 'node:fs';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/**
 * The flags every segmetrics browser test runs Chromium with: headless, no sandbox (CI runs as root), no
 * GPU, and nothing that talks to the network on its own (QUIC, first-run, background networking,
 * component updates, sync), so that a page's only traffic is what it asks for.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's `chromium` package installs here; `.ci/run` installs it when missing. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The Chromium binary: `$CHROMIUM_BIN` when set, else {@link DEFAULT_CHROMIUM_PATH}. Throws an error
 * that says how to install it when the file does not exist: browser tests fail, they never skip.
 */
export function chromiumExecutable(): string {
  const path = process.env.CHROMIUM_BIN || DEFAULT_CHROMIUM_PATH;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with \`apt-get update && apt-get install -y chromium\` ` +
        '(`.ci/run` does this in CI) or set CHROMIUM_BIN to a Chromium or Chrome binary',
    );
  }
  return path;
}

/** Whether `CI` is set (to anything but `''`, `0` or `false`). */
function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * Whether this process runs the browser tests. Always under CI (`CI` set): `.ci/run` installs Chromium, so
 * a missing browser fails the tests there instead of skipping them. Elsewhere, when Chromium is not
 * installed, `pnpm test` on a machine with only Node.js and npm skips them with a warning on stderr that
 * says what to install (they never skip silently).
 */
export function browserTestsEnabled(): boolean {
  const path = process.env.CHROMIUM_BIN || DEFAULT_CHROMIUM_PATH;
  if (existsSync(path) || isCi()) return true;
  process.stderr.write(
    `warning: Chromium not found at ${path}: the browser tests of this package are skipped. Install it ` +
      '(`apt-get install -y chromium`) or set CHROMIUM_BIN to run them; CI (`bash .ci/run`) always does.\n',
  );
  return false;
}

/**
 * Launches the system Chromium through playwright-core (which downloads no browser) with
 * {@link CHROMIUM_FLAGS}. `options` are passed to playwright's `chromium.launch` (extra `args` are
 * appended to the flags). Close the returned browser when done.
 */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    timeout: 60_000,
    ...options,
    executablePath: options.executablePath ?? chromiumExecutable(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
  });
}
