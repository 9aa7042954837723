#!/usr/bin/env node
// Regenerates the screenshots in packages/report/README.md (docs/*.png): a Cityscapes-like run (the CLI's
// demo generator, 19 classes, 50 pairs of 1024×512) and an ADE20K-like run (150 classes, 50 pairs, see
// ade-like-dataset.mjs), each evaluated by the built CLI with --report, then photographed in Debian's
// Chromium. Needs `pnpm turbo run build` and /usr/bin/chromium (or CHROMIUM_BIN).
//   node packages/report/scripts/readme-screenshots.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeAdeLikeDataset } from './ade-like-dataset.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..', '..');
const cli = join(root, 'apps/cli/dist/cli.js');
const docs = join(here, '..', 'docs');
const { generateSampleDataset } = await import(pathToFileURL(join(root, 'apps/cli/dist/index.js')).href);
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const work = mkdtempSync(join(tmpdir(), 'segmetrics-screenshots-'));
const cityscapes = await generateSampleDataset(join(work, 'cityscapes'), {
  pairs: 50,
  width: 1024,
  height: 512,
});
const ade = await writeAdeLikeDataset(join(work, 'ade'), { pairs: 50 });
const reports = {
  cityscapes: join(work, 'cityscapes.html'),
  ade20k: join(work, 'ade20k.html'),
};
execFileSync(
  process.execPath,
  [
    cli,
    'eval',
    '--dataset',
    'cityscapes',
    '--gt',
    cityscapes.gtDir,
    '--pred',
    cityscapes.predDir,
    '--report',
    reports.cityscapes,
    '-q',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
execFileSync(
  process.execPath,
  [
    cli,
    'eval',
    '--dataset',
    'ade20k',
    '--gt',
    ade.gtDir,
    '--pred',
    ade.predDir,
    '--report',
    reports.ade20k,
    '-q',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: FLAGS,
});
async function open(file, height = 1000) {
  const page = await browser.newPage({ viewport: { width: 1366, height } });
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return page;
}
/** Scrolls `selector` to just below the sticky navigation bar. */
async function scrollTo(page, selector) {
  await page
    .locator(selector)
    .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 44));
  await page.waitForTimeout(200);
}
async function shot(page, path) {
  await page.screenshot({ path });
  console.log('wrote', path);
}

let page = await open(reports.cityscapes);
await shot(page, join(docs, 'report-cityscapes-overview.png'));
await scrollTo(page, '#worst-images');
await page
  .locator('.img-card')
  .first()
  .getByRole('button', { name: /Enlarge: Prediction/ })
  .click();
await page.locator('#img-dialog input[data-opacity]').evaluate((input) => {
  input.value = '55';
  input.dispatchEvent(new Event('input', { bubbles: true }));
});
await page.waitForTimeout(300);
await shot(page, join(docs, 'report-cityscapes-images.png'));
await page.close();

page = await open(reports.ade20k);
await scrollTo(page, '#cm-figure');
const canvas = page.locator('#cm-canvas');
const box = await canvas.boundingBox();
const cell = Number(await canvas.getAttribute('data-cell'));
const left = Number(await canvas.getAttribute('data-left'));
const top = Number(await canvas.getAttribute('data-top'));
// Hover the most confused pair's cell.
const pair = await page.evaluate(
  () => JSON.parse(document.getElementById('segmetrics-data').textContent).confusedPairs[0],
);
await page.mouse.move(box.x + left + (pair.predicted + 0.5) * cell, box.y + top + (pair.gt + 0.5) * cell);
await page.waitForTimeout(300);
await shot(page, join(docs, 'report-ade20k-confusion.png'));
await page.mouse.move(0, 0);
await scrollTo(page, '#iou-chart');
await shot(page, join(docs, 'report-ade20k-classes.png'));
await browser.close();
