// The built web app (apps/web/dist) in Debian's Chromium through playwright-core, served by a plain
// static server under a sub path: folders chosen with setInputFiles, settings typed into the form,
// Evaluate clicked, and the JSON report the page embeds compared byte for byte with the CLI's
// `--format json` on the same folders and settings. Every request is recorded and any request to
// another host is blocked; the tests end by asserting there was none, and no console error.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ConfusionMatrix } from '@segmetrics/core';
import { datasetPresets, vocColorMap } from '@segmetrics/io';
import { compareMatrices, evaluate as evaluateMatrix } from '@segmetrics/metrics';
import {
  comparisonDirection,
  fewImagesWarning,
  formatDelta,
  formatDeltaInterval,
  formatPercent,
  formatPValue,
} from '@segmetrics/report';
import { cityscapesFixtureRoot } from '@segmetrics/test-utils';
import {
  browserTestsEnabled,
  launchChromium,
  type ServedFolder,
  serveFolder,
} from '@segmetrics/test-utils/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allIgnoredDataset,
  betterPredictions,
  CLI,
  cliJson,
  parityFolders,
  rgbVocDataset,
  SITE,
  scratch,
  sizeMismatchDataset,
  swappedPaletteDataset,
  unpairedDataset,
} from './datasets.js';

const run = promisify(execFile);

/** Chromium present (or CI): see `browserTestsEnabled`. */
const enabled = browserTestsEnabled();

/** The page's fields by `data-testid`, with the value to type or select. */
type Fields = Readonly<Record<string, string>>;

interface RunOptions {
  readonly gt: string;
  readonly pred: string;
  readonly predB?: string;
  readonly fields?: Fields;
  /** Appended to the page's URL (e.g. `?workers=1`). */
  readonly query?: string;
}

const PREFIX = '/some/sub/path/';
let browser: Browser;
let site: ServedFolder;
/** The page's address: the built site under {@link PREFIX}. */
let siteUrl: string;
let context: BrowserContext;
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!enabled) return;
  if (!existsSync(join(SITE, 'index.html'))) {
    throw new Error(`${SITE} is not built: run \`pnpm --filter @segmetrics/web build\``);
  }
  // A plain static server whose root holds the site only under a sub path (a symlink to dist).
  const root = scratch('site');
  const mount = join(root, PREFIX);
  mkdirSync(dirname(mount.replace(/\/$/, '')), { recursive: true });
  symlinkSync(SITE, mount.replace(/\/$/, ''), 'dir');
  site = await serveFolder(root);
  siteUrl = new URL(PREFIX, site.url).href;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const origin = new URL(siteUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || /^(data|blob|about):/.test(url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

async function openPage(query = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`${siteUrl}${query}`);
  await page.waitForSelector('[data-testid="evaluate"]');
  return page;
}

async function fill(page: Page, fields: Fields): Promise<void> {
  for (const [testId, value] of Object.entries(fields)) {
    const control = page.locator(`[data-testid="${testId}"]`);
    // Fields of a closed section: open it, as a person would.
    await control.evaluate((e) => {
      const section = e.closest('details');
      if (section !== null) section.open = true;
    });
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

/** Chooses the folders, fills the fields, clicks Evaluate and waits for the report or an error. */
async function evaluate(options: RunOptions): Promise<Page> {
  const page = await openPage(options.query);
  await page.setInputFiles('input[data-testid="gt-input"]', options.gt);
  await page.setInputFiles('input[data-testid="pred-input"]', options.pred);
  if (options.predB !== undefined)
    await page.setInputFiles('input[data-testid="pred-b-input"]', options.predB);
  await fill(page, options.fields ?? {});
  await page.click('[data-testid="evaluate"]');
  await page.waitForSelector('script#segmetrics-data, [data-testid="error"]:not([hidden])', {
    state: 'attached',
    timeout: 120_000,
  });
  return page;
}

/**
 * Runs again on an open page: chooses the folders, fills the fields, clicks Evaluate and waits until the
 * run has ended (the page idle again), with a report or an error.
 */
async function evaluateAgain(page: Page, options: Omit<RunOptions, 'query'>): Promise<void> {
  await page.setInputFiles('input[data-testid="gt-input"]', options.gt);
  await page.setInputFiles('input[data-testid="pred-input"]', options.pred);
  await fill(page, options.fields ?? {});
  await page.click('[data-testid="evaluate"]');
  await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 120_000 });
}

function embedded(page: Page, id = 'segmetrics-data'): Promise<string> {
  return page.$eval(`script#${id}`, (script) => script.textContent ?? '');
}

/** The CLI's JSON as the page embeds it (`<` escaped, as in the HTML report). */
function asEmbedded(json: string): string {
  return json.replaceAll('<', '\\u003c');
}

/** Runs the page and the CLI on the same folders and settings; returns both JSON texts. */
async function pageAndCli(
  options: RunOptions,
  flags: readonly string[],
): Promise<{ page: Page; web: string; cli: string }> {
  const [page, cli] = await Promise.all([evaluate(options), cliJson(options.gt, options.pred, flags)]);
  const error = await page.locator('[data-testid="error"]:not([hidden])').count();
  if (error > 0)
    throw new Error(`the page failed: ${await page.locator('[data-testid="error"]').textContent()}`);
  const webText = await embedded(page);
  return { page, web: webText, cli: asEmbedded(cli) };
}

describe.skipIf(!enabled)('the web app', () => {
  it('loads from a sub path of a plain static server with relative asset URLs only', async () => {
    const page = await openPage();
    expect(await page.locator('input[data-testid="gt-input"]').count()).toBe(1);
    expect(await page.locator('input[data-testid="pred-input"]').count()).toBe(1);
    expect(await page.locator('input[data-testid="pred-b-input"]').count()).toBe(1);
    expect(await page.locator('[data-testid="num-classes"]').count()).toBe(1);
    expect(await page.locator('[data-testid="ignore-index"]').count()).toBe(1);
    const datasets = await page.$$eval('select[data-testid="dataset"] option', (options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    expect(datasets).toEqual(['', 'cityscapes', 'cityscapes-labelids', 'ade20k', 'voc']);
    expect(site.requests.length).toBeGreaterThan(0);
    expect(site.requests.filter((path) => !path.startsWith(PREFIX))).toEqual([]);
    await page.close();
  });

  it('gives the CLI JSON report byte for byte on 8-bit label maps, shows the mIoU and counts with WebAssembly', async () => {
    const folders = parityFolders('cityscapes_like');
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { 'num-classes': '19', 'ignore-index': '255' } },
      ['--num-classes', '19', '--ignore-index', '255'],
    );
    expect(web).toBe(cli);
    const mIoU = JSON.parse(web).summary.mIoU as number;
    await expect(page.locator('[data-testid="miou"]').textContent()).resolves.toBe(`${formatPercent(mIoU)}%`);
    expect(await page.locator('[data-testid="miou"]').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.kernel)).toBe('wasm-simd-8bit');
    await page.close();
  });

  it('gives the CLI JSON report on 16-bit label maps with 300 classes (the 16-bit WebAssembly kernel)', async () => {
    const folders = parityFolders('sixteen_bit_300');
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { 'num-classes': '300', 'ignore-index': '65535' } },
      ['--num-classes', '300', '--ignore-index', '65535'],
    );
    expect(web).toBe(cli);
    expect(await page.evaluate(() => document.body.dataset.kernel)).toBe('wasm-simd-16bit');
    await page.close();
  });

  it('gives the CLI JSON report on palette PNGs with the voc dataset preset', async () => {
    const folders = parityFolders('voc_like_palette');
    const { page, web, cli } = await pageAndCli({ ...folders, fields: { dataset: 'voc' } }, [
      '--dataset',
      'voc',
    ]);
    expect(web).toBe(cli);
    expect(JSON.parse(web).classNames[15]).toBe('person');
    await page.close();
  });

  it('gives the CLI JSON report with reduce-zero-label (ADE20K-like)', async () => {
    const folders = parityFolders('ade_like_reduce_zero');
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { 'num-classes': '150', 'reduce-zero-label': 'on' } },
      ['--num-classes', '150', '--reduce-zero-label'],
    );
    expect(web).toBe(cli);
    await page.close();
  });

  it('gives the CLI JSON report on RGB-coded masks decoded with the dataset palette', async () => {
    const folders = rgbVocDataset();
    const { page, web, cli } = await pageAndCli({ ...folders, fields: { dataset: 'voc' } }, [
      '--dataset',
      'voc',
    ]);
    expect(web).toBe(cli);
    // The same labels as the palette PNGs they were drawn from.
    const palette = await cliJson(
      parityFolders('voc_like_palette').gt,
      parityFolders('voc_like_palette').pred,
      ['--dataset', 'voc'],
    );
    expect(JSON.parse(web).confusionMatrix).toEqual(JSON.parse(palette).confusionMatrix);
    await page.close();
  });

  it('gives the CLI JSON report of a Cityscapes labelIds run without instance maps (category IoU)', async () => {
    const root = cityscapesFixtureRoot();
    const folders = { gt: join(root, 'gtFine', 'val'), pred: join(root, 'results') };
    const suffixes = { 'gt-suffix': '_gtFine_labelIds.png', 'pred-suffix': '_leftImg8bit.png' };
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { dataset: 'cityscapes-labelids', ...suffixes } },
      [
        '--dataset',
        'cityscapes-labelids',
        '--no-instances',
        '--gt-suffix',
        suffixes['gt-suffix'],
        '--pred-suffix',
        suffixes['pred-suffix'],
      ],
    );
    expect(web).toBe(cli);
    expect(JSON.parse(web).perCategory.length).toBe(7);
    await page.close();
  });

  it('gives the CLI JSON report under image aggregation and a compatibility preset', async () => {
    const folders = parityFolders('imagewise_absent');
    const { page, web, cli } = await pageAndCli(
      {
        ...folders,
        fields: { 'num-classes': '6', aggregate: 'image', 'image-reduce': 'pooled', absent: 'zero' },
      },
      ['--num-classes', '6', '--aggregate', 'image', '--image-reduce', 'pooled', '--absent', 'zero'],
    );
    expect(web).toBe(cli);
    const preset = await pageAndCli(
      { ...folders, fields: { 'num-classes': '6', preset: 'sklearn', 'preset-option': 'labels=0,2,5' } },
      ['--num-classes', '6', '--preset', 'sklearn', '--preset-option', 'labels=0,2,5'],
    );
    expect(preset.web).toBe(preset.cli);
    await page.close();
    await preset.page.close();
  });

  it('gives the CLI JSON report with class names, a label map, excluded classes, metrics and Boundary IoU; its command runs in bash', async () => {
    const folders = parityFolders('cityscapes_like');
    const dir = scratch('class-texts');
    const names = datasetPresets.cityscapes.classNames.map((name, k) => (k === 0 ? 'Road surface' : name));
    const namesText = `# Cityscapes, renamed\n${names.join('\n')}\n`;
    const mapText = '{"0": 1, "1": 0, "18": null}';
    writeFileSync(join(dir, 'classes.txt'), namesText);
    writeFileSync(join(dir, 'map.json'), mapText);
    const fields = {
      'num-classes': '19',
      'ignore-index': '255',
      classes: namesText,
      'label-map': mapText,
      'exclude-classes': 'SKY, road surface',
      metrics: 'iou,kappa',
      'boundary-dilation-ratio': '0.05',
    };
    const { page, web, cli } = await pageAndCli({ ...folders, fields }, [
      ...['--num-classes', '19', '--ignore-index', '255', '--classes', join(dir, 'classes.txt')],
      ...['--label-map', join(dir, 'map.json'), '--exclude-classes', 'SKY,road surface'],
      ...['--metrics', 'iou,kappa', '--boundary-dilation-ratio', '0.05'],
    ]);
    expect(web).toBe(cli);
    const report = JSON.parse(web);
    expect(report.classNames[0]).toBe('Road surface');
    expect(report.settings.excludeClasses).toEqual([0, 10]);
    expect(report.settings.boundary).toEqual({ dilationRatio: 0.05 });
    expect(report.summary.mBoundaryIoU).toBeGreaterThan(0);
    // The command the page shows, run by bash in the folder that holds gt/ and pred/, gives that report.
    const command = (await page.locator('[data-testid="cli-command"]').textContent()) ?? '';
    expect(command).toContain("--classes <(printf '%s\\n' '# Cityscapes, renamed' 'Road surface' sidewalk");
    const { stdout } = await run(
      'bash',
      ['-c', `segmetrics() { "$NODE" "$CLI" "$@"; }; ${command} --format json --quiet`],
      { cwd: dirname(folders.gt), env: { ...process.env, NODE: process.execPath, CLI, NO_COLOR: '1' } },
    );
    expect(asEmbedded(stdout)).toBe(cli);
    await page.close();
  });

  it('gives the CLI JSON report on RGB-coded masks decoded with a palette given as JSON', async () => {
    const folders = rgbVocDataset();
    const colors = vocColorMap(21);
    const palette: Record<string, number> = { '#e0e0c0': 255 };
    colors.forEach((color, id) => {
      palette[`#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`] = id;
    });
    const paletteText = JSON.stringify(palette);
    const file = join(scratch('palette'), 'palette.json');
    writeFileSync(file, paletteText);
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { 'num-classes': '21', 'ignore-index': '255', palette: paletteText } },
      ['--num-classes', '21', '--ignore-index', '255', '--palette', file],
    );
    expect(web).toBe(cli);
    // The labels of the palette PNGs the masks were drawn from.
    const direct = await cliJson(
      parityFolders('voc_like_palette').gt,
      parityFolders('voc_like_palette').pred,
      ['--dataset', 'voc'],
    );
    expect(JSON.parse(web).confusionMatrix).toEqual(JSON.parse(direct).confusionMatrix);
    await page.close();
  });

  it('notes palette PNGs whose palettes colour an index differently, as the CLI warns, and counts their indices', async () => {
    const folders = swappedPaletteDataset();
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { 'num-classes': '21', 'ignore-index': '255' } },
      ['--num-classes', '21', '--ignore-index', '255'],
    );
    expect(web).toBe(cli);
    const note = (await page.locator('[data-testid="palette-mismatch"]').textContent()) ?? '';
    expect(note).toMatch(
      /are palette PNGs with different palettes \(index 1 is #800000 in the ground truth, #008000 in the prediction\)/,
    );
    // With the dataset's palette the files are read by colour: no note, and the labels their colours carry.
    const voc = await evaluate({ ...folders, fields: { dataset: 'voc' } });
    expect(await voc.locator('[data-testid="palette-mismatch"]').count()).toBe(0);
    const direct = await cliJson(
      parityFolders('voc_like_palette').gt,
      parityFolders('voc_like_palette').pred,
      ['--dataset', 'voc'],
    );
    expect(JSON.parse(await embedded(voc)).confusionMatrix).toEqual(JSON.parse(direct).confusionMatrix);
    await page.close();
    await voc.close();
  });

  it('merges the workers’ matrices in a fixed order: one worker and three give the same report', async () => {
    const folders = parityFolders('cityscapes_like');
    const fields = { 'num-classes': '19', 'ignore-index': '255', aggregate: 'image' };
    const one = await evaluate({ ...folders, fields, query: '?workers=1' });
    const three = await evaluate({ ...folders, fields, query: '?workers=3' });
    await expect(one.locator('[data-testid="status"]').textContent()).resolves.toContain('1 worker');
    await expect(three.locator('[data-testid="status"]').textContent()).resolves.toContain('3 workers');
    expect(await embedded(three)).toBe(await embedded(one));
    await one.close();
    await three.close();
  });

  it('shows the size mismatch naming both files, and stays usable', async () => {
    const folders = sizeMismatchDataset();
    const page = await evaluate({ ...folders, fields: { 'num-classes': '3' } });
    const error = page.locator('[data-testid="error"]');
    expect(await error.isVisible()).toBe(true);
    expect(await error.getAttribute('data-code')).toBe('SHAPE_MISMATCH');
    const text = await error.textContent();
    expect(text).toContain('pred/img_001.png: prediction is 6×6 but ground truth gt/img_001.png is 8×6');
    expect(await page.locator('script#segmetrics-data').count()).toBe(0);
    expect(await page.locator('[data-testid="evaluate"]').isEnabled()).toBe(true);
    await page.close();
  });

  it('lists ground-truth files without a prediction (an error) and extra predictions (a warning)', async () => {
    const missing = unpairedDataset('report_example_2', 2, false);
    const failed = await evaluate({ ...missing, fields: { 'num-classes': '3' } });
    expect(await failed.locator('[data-testid="error"]').getAttribute('data-code')).toBe('PAIRING_FAILED');
    expect(await failed.locator('[data-testid="error"]').textContent()).toContain(
      '2 ground-truth files have no prediction in pred: img_000, img_001',
    );
    await failed.close();
    const extra = unpairedDataset('report_example_2', 0, true);
    const warned = await evaluate({ ...extra, fields: { 'num-classes': '3' } });
    expect(await warned.locator('[data-testid="unmatched"]').textContent()).toContain(
      '1 prediction file has no ground truth in pred and is not evaluated: extra',
    );
    expect(await embedded(warned)).toBe(
      asEmbedded(await cliJson(extra.gt, extra.pred, ['--num-classes', '3'])),
    );
    await warned.close();
  });

  it('says so when a chosen folder is empty, and names predictions saved as JPEG', async () => {
    const empty = scratch('empty');
    const missing = unpairedDataset('report_example_2', 0, false);
    const page = await evaluate({ gt: empty, pred: missing.pred, fields: { 'num-classes': '3' } });
    expect(await page.locator('[data-testid="error"]').textContent()).toContain(
      'The chosen ground-truth folder holds no files: choose a folder of label maps (PNG or .npy).',
    );
    await page.close();
    const jpeg = unpairedDataset('report_example_2', 0, false);
    for (const name of readdirSync(jpeg.pred)) {
      renameSync(join(jpeg.pred, name), join(jpeg.pred, name.replace('.png', '.jpg')));
    }
    const failed = await evaluate({ ...jpeg, fields: { 'num-classes': '3' } });
    expect(await failed.locator('[data-testid="error"]').textContent()).toContain(
      'only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy',
    );
    await failed.close();
  });

  it('compares two prediction folders: both CLI reports and their B − A differences', async () => {
    const folders = parityFolders('cityscapes_like');
    const predB = betterPredictions('cityscapes_like');
    const flags = ['--num-classes', '19', '--ignore-index', '255'];
    const page = await evaluate({
      ...folders,
      predB,
      fields: { 'num-classes': '19', 'ignore-index': '255' },
    });
    await page.waitForSelector('script#segmetrics-data-b', { state: 'attached' });
    const [a, b] = await Promise.all([
      cliJson(folders.gt, folders.pred, flags),
      cliJson(folders.gt, predB, flags),
    ]);
    expect(await embedded(page)).toBe(asEmbedded(a));
    expect(await embedded(page, 'segmetrics-data-b')).toBe(asEmbedded(b));
    const delta = JSON.parse(b).summary.mIoU - JSON.parse(a).summary.mIoU;
    const cells = page.locator('[data-testid="comparison"] tr[data-metric="mIoU"] td');
    // Worded as the CLI's comparison table words it (@segmetrics/report's formatters).
    expect(await cells.nth(2).textContent()).toBe(formatDelta(delta));
    // The interval and p-value are compareMatrices' on the CLI's matrices (1000 samples, seed 0).
    const dir = scratch('compare');
    const matrices = await Promise.all(
      [folders.pred, predB].map(async (pred, i) => {
        const state = join(dir, `${i}.json`);
        await cliJson(folders.gt, pred, [
          ...flags,
          '--per-image',
          join(dir, `${i}.csv`),
          '--save-state',
          state,
        ]);
        return ConfusionMatrix.fromJSON(JSON.parse(readFileSync(state, 'utf8')).matrix);
      }),
    );
    const expected = compareMatrices(matrices[0]!, matrices[1]!).delta.mIoU;
    expect(expected.estimate).toBe(delta);
    const p = expected.pValue!;
    expect(await cells.nth(4).textContent()).toBe(formatPValue(p));
    expect(await cells.nth(3).textContent()).toBe(formatDeltaInterval(expected.ci));
    // The comparison model of `segmetrics compare`, byte for byte, run from a folder holding the three
    // folders under the names the page shows (its sources).
    const cwd = scratch('compare-cwd');
    symlinkSync(folders.gt, join(cwd, 'gt'), 'dir');
    symlinkSync(folders.pred, join(cwd, 'pred'), 'dir');
    symlinkSync(predB, join(cwd, 'pred-b'), 'dir');
    const command = (await page.locator('[data-testid="cli-command"]').textContent()) ?? '';
    expect(command).toBe(
      'segmetrics compare --gt gt --pred pred --pred pred-b --num-classes 19 --ignore-index 255',
    );
    const { stdout } = await run(
      process.execPath,
      [
        CLI,
        'compare',
        '--gt',
        'gt',
        '--pred',
        'pred',
        '--pred',
        'pred-b',
        ...flags,
        '--format',
        'json',
        '-q',
      ],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(await embedded(page, 'segmetrics-comparison')).toBe(asEmbedded(stdout));
    const comparison = JSON.parse(stdout);
    // Ten images listed, as the CLI lists by default (B gains on every image here).
    expect(comparison.gains.length).toBe(10);
    await expect(page.locator('[data-testid="verdict"]').textContent()).resolves.toBe(
      comparison.verdict.text,
    );
    // A difference is coloured only when its interval excludes 0 on its side (one rule for every view).
    for (const id of ['mIoU', 'mDice', 'aAcc', 'mAcc', 'fwIoU']) {
      const d = comparison.delta[id];
      const direction = comparisonDirection(d.estimate, d.ci);
      const cell = page.locator(`[data-testid="comparison"] tr[data-metric="${id}"] td`).nth(2);
      expect(await cell.getAttribute('class'), id).toBe(
        direction > 0 ? 'better' : direction < 0 ? 'worse' : '',
      );
    }
    expect(await page.locator('iframe.report-frame').count()).toBe(3);
    await expect(page.locator('[data-testid="comparison-frame"]').count()).resolves.toBe(1);
    await page.close();
  });

  it('adds bootstrap confidence intervals: the JSON of segmetrics eval --ci, whose command the page shows', async () => {
    const folders = parityFolders('cityscapes_like');
    const dir = scratch('confidence');
    const state = join(dir, 'state.json');
    const ci = ['--ci', '0.9', '--bootstrap', '200', '--seed', '7'];
    const { page, web, cli } = await pageAndCli(
      {
        ...folders,
        fields: { 'num-classes': '19', 'ignore-index': '255', confidence: '0.9', samples: '200', seed: '7' },
      },
      ['--num-classes', '19', '--ignore-index', '255', ...ci, '--save-state', state],
    );
    // Byte for byte, imagewise presets included: per-image statistics kept for the bootstrap alone leave
    // them without a summary, as in the CLI.
    expect(web).toBe(cli);
    const report = JSON.parse(web);
    const meanIoU = report.libraries.find((l: { preset: string }) => l.preset === 'torchmetrics-meaniou');
    expect(meanIoU?.summary).toBeNull();
    const matrix = ConfusionMatrix.fromJSON(JSON.parse(readFileSync(state, 'utf8')).matrix);
    const expected = evaluateMatrix(matrix, { confidence: { level: 0.9, samples: 200, seed: 7 } }).confidence;
    expect(report.confidence).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(report.confidence).toMatchObject({ level: 0.9, samples: 200, seed: 7, unit: 'image' });
    // The command the page shows is the one that reproduces this report.
    await expect(page.locator('[data-testid="cli-command"]').textContent()).resolves.toBe(
      `segmetrics eval --gt gt --pred pred --num-classes 19 --ignore-index 255 ${ci.join(' ')}`,
    );
    // 12 images: the CLI's warning about intervals over few images, in its words.
    await expect(page.locator('[data-testid="few-images"]').textContent()).resolves.toBe(
      fewImagesWarning(12, 0.9),
    );
    await page.close();
  });

  it('keeps the last good result, marked as the previous run’s, when a later run fails; a good run replaces it', async () => {
    const good = parityFolders('report_example_1');
    const fields = { 'num-classes': '3' };
    const page = await evaluate({ ...good, fields });
    const first = await embedded(page);
    const miou = await page.locator('[data-testid="miou"]').textContent();
    const result = page.locator('[data-testid="result"]');
    expect(await result.getAttribute('data-previous')).toBeNull();
    const failures: [string, RunOptions][] = [
      ['SHAPE_MISMATCH', { ...sizeMismatchDataset(), fields }],
      ['PAIRING_FAILED', { ...unpairedDataset('report_example_2', 1, false), fields }],
      ['INVALID_OPTION', { ...good, fields: { 'num-classes': 'three' } }],
    ];
    for (const [code, options] of failures) {
      await evaluateAgain(page, options);
      expect(await page.locator('[data-testid="error"]').getAttribute('data-code')).toBe(code);
      expect(await page.locator('[data-testid="error"]').isVisible()).toBe(true);
      // The previous result, whole and visible: headline, JSON, report, downloads.
      expect(await result.isVisible()).toBe(true);
      expect(await result.getAttribute('data-previous')).toBe('failed');
      // Only the previous result is dimmed; the page keeps its layout.
      const styles = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        return {
          form: style('#app > form').opacity,
          header: style('#app > header').maxWidth,
          result: style('[data-testid="result"]').maxWidth,
          body: style('[data-testid="result"] .result-body').opacity,
        };
      });
      expect(styles).toEqual({ form: '1', header: '1320px', result: '1320px', body: '0.72' });
      expect(await page.locator('[data-testid="miou"]').textContent()).toBe(miou);
      expect(await embedded(page)).toBe(first);
      expect(await page.locator('iframe[data-testid="report-frame"]').count()).toBe(1);
      const note = await page.locator('[data-testid="previous-note"]').textContent();
      expect(note).toContain('The last run failed');
      expect(note).toContain('ground truth “gt”, prediction “pred”');
      expect(note).toContain('segmetrics eval --gt gt --pred pred --num-classes 3');
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="download-json"]'),
    ]);
    // Still downloadable: the same JSON report.
    expect(asEmbedded(readFileSync((await download.path())!, 'utf8'))).toBe(first);
    const other = parityFolders('report_example_2');
    await evaluateAgain(page, { ...other, fields });
    expect(await page.locator('[data-testid="error"]').isHidden()).toBe(true);
    expect(await result.getAttribute('data-previous')).toBeNull();
    expect(await page.locator('[data-testid="previous-note"]').count()).toBe(0);
    expect(await embedded(page)).toBe(
      asEmbedded(await cliJson(other.gt, other.pred, ['--num-classes', '3'])),
    );
    await page.close();
  });

  it('shows an undefined mIoU as — (every pixel ignored)', async () => {
    const folders = allIgnoredDataset();
    const { page, web, cli } = await pageAndCli(
      { ...folders, fields: { 'num-classes': '3', 'ignore-index': '255' } },
      ['--num-classes', '3', '--ignore-index', '255'],
    );
    expect(web).toBe(cli);
    expect(JSON.parse(web).summary.mIoU).toBeNull();
    expect(await page.locator('[data-testid="miou"]').textContent()).toBe('—');
    await page.close();
  });

  it('renders the HTML report in the page, with decoded pictures of the worst images', async () => {
    const folders = parityFolders('cityscapes_like');
    const page = await evaluate({ ...folders, fields: { dataset: 'cityscapes' } });
    const frame = page.frameLocator('iframe[data-testid="report-frame"]');
    await expect(
      frame.locator('figure figcaption, h2').filter({ hasText: 'Confusion matrix' }).count(),
    ).resolves.toBeGreaterThan(0);
    const images = frame.locator('#worst-images img.pic');
    await expect(images.count()).resolves.toBe(36);
    const decoded = await images.evaluateAll((list) =>
      Promise.all(
        list.map((img) =>
          (img as HTMLImageElement).decode().then(() => (img as HTMLImageElement).naturalWidth),
        ),
      ),
    );
    expect(decoded.every((width) => width > 0)).toBe(true);
    const inFrame = await frame.locator('script#segmetrics-data').textContent();
    expect(inFrame).toBe(await embedded(page));
    await page.close();
  });

  it('keeps the settings in the URL and restores them on reload', async () => {
    const page = await openPage();
    await fill(page, { dataset: 'ade20k', 'ignore-index': '0, 255', aggregate: 'image', preset: 'mmseg' });
    expect(new URL(page.url()).search).toBe(
      '?dataset=ade20k&ignore-index=0%2C+255&aggregate=image&preset=mmseg',
    );
    await page.reload();
    await page.waitForSelector('[data-testid="evaluate"]');
    expect(await page.locator('[data-testid="dataset"]').inputValue()).toBe('ade20k');
    expect(await page.locator('[data-testid="ignore-index"]').inputValue()).toBe('0, 255');
    expect(await page.locator('[data-testid="aggregate"]').inputValue()).toBe('image');
    expect(await page.locator('[data-testid="cli-command"]').textContent()).toBe(
      'segmetrics eval --gt GT_FOLDER --pred PRED_FOLDER --dataset ade20k --ignore-index 0,255 --aggregate image --preset mmseg',
    );
    await page.close();
  });

  it('names a settings mistake and counts nothing', async () => {
    const folders = parityFolders('report_example_1');
    const page = await evaluate({ ...folders, fields: { 'num-classes': 'three' } });
    const error = page.locator('[data-testid="error"]');
    expect(await error.getAttribute('data-code')).toBe('INVALID_OPTION');
    expect(await error.textContent()).toContain('Number of classes: expected a whole number');
    await page.close();
  });

  it('made no request to any other host and logged no console error', () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
