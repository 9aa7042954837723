import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The flags the browser tests run Chromium with: headless, no sandbox (CI runs as root), no GPU, and
 * nothing that talks to the network on its own, so that a page's only traffic is what it asks for.
 * (The same list and API as the release stream's `@segmetrics/test-utils/browser`; switch to it once
 * it is on main.)
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

/** Debian's `chromium` (`$CHROMIUM_BIN` overrides). Missing: an error that says how to install it. */
export function chromiumExecutable(): string {
  const path = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with \`apt-get update && apt-get install -y chromium\` or set CHROMIUM_BIN`,
    );
  }
  return path;
}

/** Launches the system Chromium through playwright-core (which downloads no browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    timeout: 60_000,
    args: [...CHROMIUM_FLAGS],
  });
}
