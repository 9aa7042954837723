// The web app in Debian's Chromium against the CLI on the same Cityscapes-sized data (50 pairs of
// 2048×1024 8-bit PNGs, 19 classes, ignore 255) with the same number of workers: median wall time of
// three runs each, interleaved (a busy machine slows both alike), and a check that the JSON is identical.
// Run: `pnpm --filter @segmetrics/web bench` (builds nothing: run `pnpm turbo run build` first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeLabelPng } from '@segmetrics/io';
import { launchChromium, serveFolder } from '@segmetrics/test-utils/browser';

const here = fileURLToPath(new URL('.', import.meta.url));
const CLI = resolve(here, '../../cli/dist/cli.js');
const SITE = resolve(here, '../dist');
const WORKERS = Number(process.env.WORKERS ?? 2);
const PAIRS = 50;
const W = 2048;
const H = 1024;
const data = join(tmpdir(), 'segmetrics-web-bench-cs50');

/** Blocky street-scene-like label maps (64×32 tiles of a class, a 255 band at the bottom). */
function generate() {
  if (existsSync(join(data, 'pred', `img_${String(PAIRS - 1).padStart(3, '0')}.png`))) return;
  for (const side of ['gt', 'pred']) mkdirSync(join(data, side), { recursive: true });
  let seed = 1;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let n = 0; n < PAIRS; n++) {
    const tiles = Array.from({ length: (W / 64) * (H / 32) }, () => Math.floor(rand() * 19));
    const gt = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) gt[y * W + x] = y > H - 40 ? 255 : tiles[(y >> 5) * (W / 64) + (x >> 6)];
    }
    const pred = gt.map((v, i) => (v === 255 ? i % 19 : i % 97 === 0 ? (v + 1) % 19 : v));
    for (let y = 0; y < H; y++)
      for (let x = (n * 7) % 64; x < W; x += 128) pred[y * W + x] = (pred[y * W + x] + 3) % 19;
    const id = `img_${String(n).padStart(3, '0')}.png`;
    writeFileSync(join(data, 'gt', id), encodeLabelPng(gt, W, H));
    writeFileSync(join(data, 'pred', id), encodeLabelPng(pred, W, H));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

generate();
const gt = join(data, 'gt');
const pred = join(data, 'pred');
const flags = [
  '--num-classes',
  '19',
  '--ignore-index',
  '255',
  '--workers',
  String(WORKERS),
  '--format',
  'json',
  '--quiet',
];
const site = await serveFolder(SITE);
const browser = await launchChromium();
const page = await browser.newPage();
const cli = [];
const web = [];
let identical = true;
try {
  for (let run = 0; run < 3; run++) {
    let start = performance.now();
    const json = execFileSync(process.execPath, [CLI, 'eval', '--gt', gt, '--pred', pred, ...flags], {
      maxBuffer: 1 << 26,
    }).toString();
    cli.push((performance.now() - start) / 1000);
    await page.goto(`${site.url}?num-classes=19&ignore-index=255&workers=${WORKERS}&report-images=0`);
    await page.setInputFiles('input[data-testid="gt-input"]', gt);
    await page.setInputFiles('input[data-testid="pred-input"]', pred);
    start = performance.now();
    await page.click('[data-testid="evaluate"]');
    await page.waitForSelector('script#segmetrics-data', { state: 'attached', timeout: 600_000 });
    web.push((performance.now() - start) / 1000);
    const embedded = await page.$eval('script#segmetrics-data', (script) => script.textContent);
    identical &&= embedded === json.replaceAll('<', '\\u003c');
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(
  `${PAIRS} pairs ${W}×${H}, ${WORKERS} workers: CLI ${median(cli).toFixed(2)} s, browser ${median(web).toFixed(2)} s ` +
    `(×${(median(web) / median(cli)).toFixed(2)}), identical JSON: ${identical}`,
);
if (!identical) process.exitCode = 1;
