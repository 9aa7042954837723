#!/usr/bin/env node
// Measures the HTML report for the lead's notes: its size on a Cityscapes-sized run (2048×1024, 19
// classes, 24 worst images) and an ADE20K-like run (150 classes), what `--report` adds to a run's wall
// time (with and without, alternating, medians), and how fast the page opens and redraws its heatmap in
// Chromium. Needs `pnpm turbo run build` and /usr/bin/chromium. Noisy on a shared machine: medians of
// side-by-side runs.
//   node packages/report/scripts/measure-report.mjs [pairs=100] [repeats=5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeAdeLikeDataset } from './ade-like-dataset.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..', '..');
const cli = join(root, 'apps/cli/dist/cli.js');
const { generateSampleDataset } = await import(pathToFileURL(join(root, 'apps/cli/dist/index.js')).href);
const pairs = Number(process.argv[2] ?? 100);
const repeats = Number(process.argv[3] ?? 5);
const work = mkdtempSync(join(tmpdir(), 'segmetrics-measure-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes) => `${(bytes / 1048576).toFixed(2)} MiB`;

function run(args) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, ...args, '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function breakdown(file) {
  const html = readFileSync(file, 'utf8');
  const pictures = [...html.matchAll(/src="(data:image\/png;base64,[^"]+)"/g)].reduce(
    (a, m) => a + m[1].length,
    0,
  );
  const open = '<script type="application/json" id="segmetrics-data">';
  const start = html.indexOf(open) + open.length;
  const json = html.indexOf('</script>', start) - start;
  const images = (html.match(/<img class="pic /g) ?? []).length;
  return { bytes: statSync(file).size, pictures, json, rest: html.length - pictures - json, images };
}

const datasets = [];
const cs = await generateSampleDataset(join(work, 'cityscapes'), { pairs, width: 2048, height: 1024 });
datasets.push({
  name: `Cityscapes-sized (${pairs} pairs of 2048×1024, 19 classes)`,
  args: ['--dataset', 'cityscapes', '--gt', cs.gtDir, '--pred', cs.predDir],
});
const ade = await writeAdeLikeDataset(join(work, 'ade'), { pairs: Math.max(pairs, 200) });
datasets.push({
  name: `ADE20K-like (${Math.max(pairs, 200)} pairs of 512×384, 150 classes)`,
  args: ['--dataset', 'ade20k', '--gt', ade.gtDir, '--pred', ade.predDir],
});

const files = [];
for (const [i, d] of datasets.entries()) {
  const file = join(work, `report-${i}.html`);
  const without = [];
  const noPictures = [];
  const withReport = [];
  run(['eval', ...d.args]); // warm the file cache
  for (let r = 0; r < repeats; r++) {
    without.push(run(['eval', ...d.args]));
    noPictures.push(run(['eval', ...d.args, '--report', file, '--report-images', '0']));
    withReport.push(run(['eval', ...d.args, '--report', file]));
  }
  const b = breakdown(file);
  files.push(file);
  console.log(`\n${d.name}`);
  console.log(
    `  report: ${mib(b.bytes)} (${b.bytes} bytes): pictures ${mib(b.pictures)} (${b.images} thumbnails), embedded JSON ${mib(b.json)}, page ${mib(b.rest)}`,
  );
  console.log(
    `  eval without --report: median ${median(without).toFixed(0)} ms  [${without.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `  eval --report --report-images 0: median ${median(noPictures).toFixed(0)} ms  [${noPictures.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `  eval with --report:    median ${median(withReport).toFixed(0)} ms  [${withReport.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(`  added: ${(median(withReport) - median(without)).toFixed(0)} ms`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
for (const [i, file] of files.entries()) {
  const loads = [];
  const redraws = [];
  for (let r = 0; r < repeats; r++) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    loads.push(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return nav.loadEventEnd - nav.startTime;
      }),
    );
    redraws.push(
      await page.evaluate(() => {
        const button = document.querySelector('.cm-tools [data-zoom="in"]');
        const start = performance.now();
        button.click();
        return performance.now() - start;
      }),
    );
    await page.close();
  }
  console.log(
    `\n${datasets[i].name} in Chromium: open to load event median ${median(loads).toFixed(0)} ms, heatmap redraw median ${median(redraws).toFixed(1)} ms`,
  );
}
await browser.close();
