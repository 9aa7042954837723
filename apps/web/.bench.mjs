import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { launchChromium, serveFolder } from '@segmetrics/test-utils/browser';

const cli = resolve('../cli/dist/cli.js');
const gt = '/tmp/webbench/cs50/gt',
  pred = '/tmp/webbench/cs50/pred';
const flags = [
  '--num-classes',
  '19',
  '--ignore-index',
  '255',
  '--workers',
  '2',
  '--format',
  'json',
  '--quiet',
];
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const site = await serveFolder(resolve('dist'));
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const cliTimes = [],
  webTimes = [];
let same = true;
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const out = execFileSync(process.execPath, [cli, 'eval', '--gt', gt, '--pred', pred, ...flags], {
    maxBuffer: 1 << 26,
  }).toString();
  cliTimes.push((performance.now() - t) / 1000);
  await page.goto(`${site.url}?num-classes=19&ignore-index=255&workers=2&report-images=0`);
  await page.setInputFiles('input[data-testid="gt-input"]', gt);
  await page.setInputFiles('input[data-testid="pred-input"]', pred);
  t = performance.now();
  await page.click('[data-testid="evaluate"]');
  await page.waitForSelector('script#segmetrics-data', { state: 'attached', timeout: 600000 });
  webTimes.push((performance.now() - t) / 1000);
  const web = await page.$eval('script#segmetrics-data', (s) => s.textContent);
  same &&= web === out.replaceAll('<', '\\u003c');
  console.log(
    r,
    cliTimes.at(-1).toFixed(2),
    webTimes.at(-1).toFixed(2),
    await page.textContent('[data-testid="status"]'),
  );
}
console.log(
  'median cli',
  median(cliTimes).toFixed(2),
  'web',
  median(webTimes).toFixed(2),
  'ratio',
  (median(webTimes) / median(cliTimes)).toFixed(2),
  'identical JSON',
  same,
);
await browser.close();
await site.close();
