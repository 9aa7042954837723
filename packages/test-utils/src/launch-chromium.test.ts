import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, CHROMIUM_FLAGS, launchChromium } from './launch-chromium.js';
import { serveFolder } from './serve-folder.js';

/** Chromium present (or CI): see `browserTestsEnabled`. */
const enabled = browserTestsEnabled();

const page = `<!doctype html><meta charset="utf-8"><title>t</title>
<script type="module">
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
  window.__result = { wasm: WebAssembly.validate(bytes), sum: [1, 2, 3].reduce((a, b) => a + b, 0) };
</script>`;

describe.skipIf(!enabled)('launchChromium', () => {
  it('runs a page served by serveFolder in headless Chromium with the house flags', async () => {
    expect(CHROMIUM_FLAGS).toContain('--no-sandbox');
    const browser = await launchChromium();
    const served = await serveFolder(null, { files: { '/': { body: page, contentType: 'text/html' } } });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(served.url);
      const result = await tab.waitForFunction(() => (globalThis as { __result?: unknown }).__result);
      expect(await result.jsonValue()).toEqual({ wasm: true, sum: 6 });
      expect(errors).toEqual([]);
      expect(browser.version()).toMatch(/^\d+\./);
    } finally {
      await browser.close();
      await served.close();
    }
  });
});
