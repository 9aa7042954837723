// The HTML report in a real browser (Debian's Chromium through playwright-core): what a person sees and
// does — numbers against the embedded JSON, sorting, the heatmap's cells and hover text, the pictures,
// the enlarge dialog — with every request and console error recorded. Run alone: `pnpm test:browser`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import { browserTestsEnabled, launchChromium } from '@segmetrics/test-utils/browser';
import { decode } from 'fast-png';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/build-report.js';
import { buildComparisonReport } from '../../src/comparison/build-comparison-report.js';
import type { ComparisonImage } from '../../src/comparison/comparison-model.js';
import { renderComparisonHtml } from '../../src/comparison/html/render-comparison-html.js';
import type { HtmlReportInput } from '../../src/html/html-report-input.js';
import { renderHtmlReport } from '../../src/html/render-html-report.js';
import { reportToJson } from '../../src/report-to-json.js';
import { sampleComparison } from '../sample-comparison.js';
import { type Sample, sampleReport } from '../sample-report.js';

/** Chromium present (or CI): see `browserTestsEnabled`. */
const enabled = browserTestsEnabled();

const NAMES = [
  'road',
  'side<walk>',
  'building & "wall"',
  '</script><b>x</b>',
  ...Array.from({ length: 15 }, (_, k) => `class_${k + 4}`),
];

interface Loaded {
  readonly page: Page;
  /** Requests to anything but the file itself (`file:`, `data:`, `blob:` URLs are the page's own). */
  readonly outside: string[];
  readonly errors: string[];
}

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'segmetrics-report-browser-'));

async function load(name: string, html: string, width = 1366): Promise<Loaded> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!/^(file|data|blob|about):/.test(request.url())) outside.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return { page, outside, errors };
}

/** The embedded JSON report as the page parses it. */
function pageData(page: Page): Promise<{
  numClasses: number;
  classNames: string[];
  summary: Record<string, number | null>;
  perClass: { id: number; name: string; iou: number | null; dice: number | null; support: number }[];
  confusionMatrix: number[][];
  predictedIgnore: number[];
  confusedPairs: { gt: number; predicted: number }[];
}> {
  return page.evaluate(() => JSON.parse(document.getElementById('segmetrics-data')!.textContent!));
}

/** Class ids of the per-class table's rows, top to bottom. */
function rowOrder(page: Page): Promise<number[]> {
  return page.$$eval('#per-class-table tbody tr', (rows) =>
    rows.map((r) => Number(r.getAttribute('data-id'))),
  );
}

/** A stable sort of class ids by a value, undefined (null) last in both directions. */
function expectedOrder(ids: number[], value: (id: number) => number | null, sign: 1 | -1): number[] {
  return ids
    .map((id, i) => ({ id, i, v: value(id) }))
    .sort((a, b) => {
      if ((a.v === null) !== (b.v === null)) return a.v === null ? 1 : -1;
      if (a.v !== null && b.v !== null && a.v !== b.v) return sign * (a.v - b.v);
      return a.i - b.i;
    })
    .map((r) => r.id);
}

beforeAll(async () => {
  if (!enabled) return;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!enabled)('the HTML report of 19 classes with 24 worst images, in Chromium', () => {
  let sample: Sample;
  let loaded: Loaded;

  beforeAll(async () => {
    sample = sampleReport({ numClasses: 19, images: 40, width: 96, height: 64, seed: 11, classNames: NAMES });
    const html = renderHtmlReport({
      report: sample.report,
      images: sample.images,
      classColors: sample.colors,
    });
    loaded = await load('report-19.html', html);
  }, 120_000);

  it('embeds the JSON report: JSON.parse of script#segmetrics-data equals the --format json text', async () => {
    const text = await loaded.page.evaluate(() => document.getElementById('segmetrics-data')!.textContent!);
    expect(JSON.parse(text)).toEqual(JSON.parse(reportToJson(sample.report)));
  });

  it('shows the summary and every class row with the numbers of the embedded JSON', async () => {
    const { page } = loaded;
    const data = await pageData(page);
    const mIoU = await page.textContent('.card[data-metric="mIoU"] .card-number');
    expect(mIoU).toBe(((data.summary.mIoU ?? Number.NaN) * 100).toFixed(2));
    const rows = await page.$$eval('#per-class-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())),
    );
    expect(rows).toHaveLength(19);
    rows.forEach((cells, k) => {
      const row = data.perClass[k]!;
      const pct = (v: number | null) => (v === null ? '—' : (v * 100).toFixed(2));
      expect(cells.slice(0, 4)).toEqual([String(k), NAMES[k], pct(row.iou), pct(row.dice)]);
      expect(cells[6]).toBe(row.support.toLocaleString('en-US'));
    });
    const status = rows.map((cells) => cells.at(-1));
    expect(status[18]).toBe('absent');
    expect(status[17]).toBe('predicted only');
  });

  it('sorts the per-class table when the IoU header is clicked: ascending, then descending, undefined last, stable', async () => {
    const { page } = loaded;
    const data = await pageData(page);
    const ids = data.perClass.map((r) => r.id);
    const iou = (id: number) => data.perClass[id]!.iou;
    const header = page.getByRole('columnheader', { name: 'IoU', exact: true });
    await page.getByRole('button', { name: 'IoU', exact: true }).click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = expectedOrder(ids, iou, 1);
    expect(await rowOrder(page)).toEqual(ascending);
    expect(ascending.at(-1)).toBe(18);
    await page.getByRole('button', { name: 'IoU', exact: true }).click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await rowOrder(page)).toEqual(expectedOrder(ascending, iou, -1));
    expect((await rowOrder(page)).at(-1)).toBe(18);
  });

  it('sorts from the keyboard: a focused header button and Enter', async () => {
    const { page } = loaded;
    const data = await pageData(page);
    await page.getByRole('button', { name: 'Support', exact: true }).focus();
    await page.keyboard.press('Enter');
    const support = (await rowOrder(page)).map((id) => data.perClass[id]!.support);
    expect(support).toEqual([...support].sort((a, b) => a - b));
    await page.getByRole('button', { name: '#', exact: true }).click();
    expect(await rowOrder(page)).toEqual(data.perClass.map((r) => r.id));
  });

  it('filters the classes by name', async () => {
    const { page } = loaded;
    await page.fill('#class-filter', 'walk');
    const visible = await page.$$eval('#per-class-table tbody tr:not([hidden]) th.name', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(visible).toEqual(['side<walk>']);
    expect(await page.textContent('#class-count')).toBe('1 of 19 classes');
    await page.fill('#class-filter', '');
    expect(await page.$$eval('#per-class-table tbody tr:not([hidden])', (r) => r.length)).toBe(19);
  });

  it('draws each heatmap cell by its share of the row, and hover gives its count and share', async () => {
    const { page } = loaded;
    const data = await pageData(page);
    await page.locator('#cm-figure').scrollIntoViewIfNeeded();
    const canvas = page.locator('#cm-canvas');
    const attribute = async (name: string) => Number(await canvas.getAttribute(name));
    const left = await attribute('data-left');
    const top = await attribute('data-top');
    const cell = await attribute('data-cell');
    expect(cell).toBeGreaterThanOrEqual(12);
    const box = (await canvas.boundingBox())!;
    const support = data.perClass.map((r) => r.support);
    const cells: [number, number][] = [];
    for (let g = 0; g < 19; g++) if (support[g]! > 0) cells.push([g, g]);
    for (const pair of data.confusedPairs.slice(0, 6)) cells.push([pair.gt, pair.predicted]);
    const zero = data.confusionMatrix[0]!.indexOf(0);
    if (zero >= 0) cells.push([0, zero]);
    const samples: { share: number; rgb: number[] }[] = [];
    for (const [g, p] of cells) {
      const x = left + (p + 0.5) * cell;
      const y = top + (g + 0.5) * cell;
      await page.mouse.move(box.x + x, box.y + y);
      const tip = (await page.textContent('#cm-tip'))!;
      const count = data.confusionMatrix[g]![p]!;
      const share = count / support[g]!;
      expect(tip).toContain(
        `Ground truth ${NAMES[g]} → predicted ${NAMES[p]}: ${count.toLocaleString('en-US')} px, `,
      );
      expect(tip).toContain(
        `${(share * 100).toFixed(2)}% of the ${support[g]!.toLocaleString('en-US')} ${NAMES[g]} pixels`,
      );
      await page.mouse.move(0, 0);
      const rgb = await page.evaluate(
        ([cx, cy, half]) => {
          const c = document.getElementById('cm-canvas') as HTMLCanvasElement;
          const scale = c.width / c.getBoundingClientRect().width;
          // Near the cell's corner, off the percent printed in large cells and the diagonal's outline.
          const at = (v: number) => Math.round((v - half! + 3) * scale);
          return [...c.getContext('2d')!.getImageData(at(cx!), at(cy!), 1, 1).data];
        },
        [x, y, cell / 2],
      );
      samples.push({ share, rgb: rgb.slice(0, 3) });
    }
    const darkness = (rgb: number[]) => 765 - rgb[0]! - rgb[1]! - rgb[2]!;
    for (const s of samples) if (s.share === 0) expect(s.rgb).toEqual([255, 255, 255]);
    for (const a of samples) {
      for (const b of samples) {
        if (a.share > b.share + 0.02) expect(darkness(a.rgb)).toBeGreaterThan(darkness(b.rgb));
      }
    }
  });

  it('puts the heatmap in a figure named and captioned "Confusion matrix"', async () => {
    const { page } = loaded;
    const figure = page.getByRole('figure', { name: 'Confusion matrix', exact: true });
    expect(await figure.count()).toBe(1);
    expect(await figure.locator('figcaption').textContent()).toMatch(
      /^Confusion matrix: rows are ground truth/,
    );
    expect(await figure.locator('canvas').count()).toBe(1);
  });

  it('moves through the heatmap with the arrow keys and reads the cell out', async () => {
    const { page } = loaded;
    const data = await pageData(page);
    await page.locator('#cm-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const count = data.confusionMatrix[1]![1]!;
    expect(await page.textContent('#cm-readout')).toContain(
      `Ground truth ${NAMES[1]} → predicted ${NAMES[1]}: ${count.toLocaleString('en-US')} px`,
    );
  });

  it('shows the 24 worst images as ground truth, prediction and error map pictures that decode', async () => {
    const { page } = loaded;
    const sizes = await page.$$eval('#gallery img.pic', async (imgs) => {
      await Promise.all(imgs.map((img) => (img as HTMLImageElement).decode()));
      return imgs.map((img) => [
        (img as HTMLImageElement).naturalWidth,
        (img as HTMLImageElement).naturalHeight,
      ]);
    });
    expect(sizes).toHaveLength(72);
    for (const size of sizes) expect(size).toEqual([96, 64]);
    const ids = await page.$$eval('#gallery .img-card', (cards) =>
      cards.map((c) => c.getAttribute('data-id')),
    );
    expect(ids).toEqual(sample.images.map((i) => i.row.id));
  });

  it('enlarges a picture in a dialog and overlays the error map on the ground truth at the chosen opacity', async () => {
    const { page } = loaded;
    await page
      .locator('.img-card')
      .nth(1)
      .getByRole('button', { name: /Enlarge: Prediction/ })
      .click();
    const dialog = page.locator('#img-dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await page.textContent('#img-dialog-title')).toContain(`#2 ${sample.images[1]!.row.id}`);
    await dialog.getByRole('radio', { name: 'errors' }).check();
    await dialog.locator('input[data-opacity]').evaluate((input) => {
      (input as HTMLInputElement).value = '30';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const overlay = await page.$eval('#img-dialog .stage-overlay', (img) => ({
      src: (img as HTMLImageElement).src,
      opacity: (img as HTMLImageElement).style.opacity,
      hidden: (img as HTMLImageElement).hidden,
      width: (img as HTMLImageElement).naturalWidth,
    }));
    const errorSrc = await page.locator('.img-card').nth(1).locator('img.pic-err').getAttribute('src');
    expect(overlay).toEqual({ src: errorSrc, opacity: '0.3', hidden: false, width: 96 });
    expect(await page.locator('#worst-images > .overlay-tools input[value="err"]').isChecked()).toBe(true);
    const box = (await page.locator('#img-dialog .stage-base').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 2);
    expect(await page.textContent('#img-readout')).toMatch(
      /^Ground truth: .+ · Prediction: .+ · Error: (correct|wrong|ignored)$/,
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  });

  it('renders a screenshot that is not blank', async () => {
    const { page } = loaded;
    await page.evaluate(() => window.scrollTo(0, 0));
    const png = decode(await page.screenshot());
    const channels = png.channels;
    const values = new Set<number>();
    let sum = 0;
    let sumSq = 0;
    const n = png.width * png.height;
    for (let i = 0; i < n; i++) {
      const r = png.data[i * channels]!;
      const g = png.data[i * channels + 1]!;
      const b = png.data[i * channels + 2]!;
      const y = 0.299 * r + 0.587 * g + 0.114 * b;
      sum += y;
      sumSq += y * y;
      values.add((r << 16) | (g << 8) | b);
    }
    const sd = Math.sqrt(sumSq / n - (sum / n) ** 2);
    expect([png.width, png.height]).toEqual([1366, 900]);
    expect(sd).toBeGreaterThan(20);
    expect(values.size).toBeGreaterThan(50);
  });

  it('made no request outside the file and logged no console error, after all of the above', () => {
    expect(loaded.outside).toEqual([]);
    expect(loaded.errors).toEqual([]);
  });
});

describe.skipIf(!enabled)('the HTML report of 150 classes, without pictures, in Chromium', () => {
  let sample: Sample;
  let loaded: Loaded;

  beforeAll(async () => {
    sample = sampleReport({ numClasses: 150, images: 80, width: 64, height: 48, seed: 2 });
    const html = renderHtmlReport({
      report: sample.report,
      images: sample.images.map(({ row }) => ({ row })),
      imagesNote: 'Pictures omitted: merge combines state files and reads no image files.',
    });
    loaded = await load('report-150.html', html);
  }, 120_000);

  it('lists every class and draws a 150 × 150 heatmap with legible labels, scrolling instead of shrinking', async () => {
    const { page } = loaded;
    expect(await page.$$eval('#per-class-table tbody tr', (r) => r.length)).toBe(150);
    for (const name of sample.report.classNames.slice(140)) {
      expect(await page.getByRole('rowheader', { name, exact: true }).count()).toBe(1);
    }
    const canvas = page.locator('#cm-canvas');
    const cell = Number(await canvas.getAttribute('data-cell'));
    const left = Number(await canvas.getAttribute('data-left'));
    expect(cell).toBe(11);
    const width = await canvas.evaluate((c) => c.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(left + 150 * cell);
    await page.getByRole('button', { name: 'Fit width' }).click();
    const fitted = await canvas.evaluate((c) => c.getBoundingClientRect().width);
    const figure = await page.locator('#cm-figure').evaluate((f) => f.clientWidth);
    expect(fitted).toBeLessThanOrEqual(figure);
  });

  it('lists the worst images without pictures and says why', async () => {
    const { page } = loaded;
    expect(await page.$$eval('#gallery .img-card', (c) => c.length)).toBe(24);
    expect(await page.$$eval('#gallery img', (c) => c.length)).toBe(0);
    expect(await page.textContent('#images-note')).toContain('Pictures omitted');
  });

  it('made no request outside the file and logged no console error', () => {
    expect(loaded.outside).toEqual([]);
    expect(loaded.errors).toEqual([]);
  });
});

/** The Unicode bidirectional controls (Bidi_Control): none may reach the text a person sees. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Every text the page shows or offers as a tooltip or accessible name. */
function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // The rendered text (textContent would also hold the embedded JSON, which keeps the true names).
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees is the point here
    const texts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll('[title],[aria-label],[alt]')) {
      for (const name of ['title', 'aria-label', 'alt']) texts.push(el.getAttribute(name) ?? '');
    }
    for (const el of document.querySelectorAll('svg title, svg text')) texts.push(el.textContent ?? '');
    return texts;
  });
}

/** Elements of `selector` whose box leaves the box of their closest `container` (by more than 1 px). */
function escaping(page: Page, selector: string, container: string): Promise<string[]> {
  return page.$$eval(
    selector,
    (els, container) =>
      els
        .filter((el) => {
          const box = el.closest(container)!.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return r.left < box.left - 1 || r.right > box.right + 1;
        })
        .map((el) => (el.textContent ?? '').slice(0, 40)),
    container,
  );
}

const LONG = 'x'.repeat(300);
const LONG_FILE = `${'L'.repeat(180)}.png`;
const HOSTILE_NAMES = [
  'road',
  '\u202Etxt.gnp',
  'שלום\u202ERTL',
  'a<b>&c\u2028d\u2029e',
  'back\\slash \\u003c literal \\\\u003c',
  '\u2066iso\u2069 \u200Emark\u200F \u061C',
  ...Array.from({ length: 11 }, (_, k) => `class_${k + 6}`),
  LONG,
  'never',
];

describe.skipIf(!enabled)(
  'the HTML report with long, bidirectional and escaped names at 1280 px, in Chromium',
  () => {
    let sample: Sample;
    let report: HtmlReportInput['report'];
    let loaded: Loaded;

    beforeAll(async () => {
      sample = sampleReport({
        numClasses: 19,
        images: 40,
        width: 48,
        height: 32,
        seed: 11,
        classNames: HOSTILE_NAMES,
      });
      // Intervals with ties and undefined bounds, to sort by the lower bound.
      const perClass = sample.report.perClass.map((_, k) =>
        k % 5 === 0 ? null : k % 5 === 1 ? [null, 0.5] : [((k * 7) % 4) / 10, 0.9],
      );
      report = {
        ...sample.report,
        confidence: {
          level: 0.95,
          samples: 100,
          seed: 0,
          method: 'percentile',
          unit: 'image',
          summary: { mIoU: [0.4, 0.6] },
          perClass,
        },
      } as unknown as HtmlReportInput['report'];
      const ids = ['\u202Etxt.gnp', LONG_FILE, 'all-ignored.png'];
      const images = sample.images.map((image, i) => {
        if (i >= ids.length) return image;
        // An image whose pixels are all ignored has no mIoU and no pixel accuracy.
        const undefinedValues = i === 2 ? { mIoU: Number.NaN, pixelAccuracy: Number.NaN, classIoU: [] } : {};
        return { ...image, row: { ...image.row, id: ids[i]!, ...undefinedValues } };
      });
      loaded = await load(
        'report-hostile.html',
        renderHtmlReport({ report, images, classColors: sample.colors }),
        1280,
      );
    }, 120_000);

    it('keeps every number of the per-class table in view and nothing wider than the window', async () => {
      const { page } = loaded;
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      const box = await page.locator('#per-class-table').evaluate((t) => {
        const scroll = t.closest('.table-scroll')!;
        return { scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth };
      });
      expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
      expect(await escaping(page, '#per-class-table th, #per-class-table td', '.table-scroll')).toEqual([]);
      expect(await escaping(page, '#per-class p .chip', 'p')).toEqual([]);
      expect(await page.getByRole('rowheader', { name: LONG, exact: true }).count()).toBe(1);
    });

    it("keeps each worst-image card's names and values inside the card", async () => {
      const { page } = loaded;
      expect(
        await escaping(page, '.img-card h3, .img-card .hurt li, .img-card .hurt .num', '.img-card'),
      ).toEqual([]);
      const longCard = page
        .locator('.img-card', { has: page.locator('.hurt .cls', { hasText: LONG }) })
        .first();
      expect(await longCard.count()).toBe(1);
      expect(await longCard.locator('.hurt li', { hasText: LONG }).locator('.num').isVisible()).toBe(true);
    });

    it('prints an undefined image mIoU as — in the card and in the dialog title, never —%', async () => {
      const { page } = loaded;
      const card = page.locator('.img-card').nth(2);
      expect(await card.locator('.img-stats').textContent()).toMatch(/^mIoU — · pixel accuracy — · /);
      await card.getByRole('button', { name: /Enlarge: Ground truth/ }).click();
      expect(await page.textContent('#img-dialog-title')).toBe('#3 all-ignored.png — mIoU —');
      await page.keyboard.press('Escape');
      for (const text of await shownTexts(page)) expect(text).not.toContain('—%');
    });

    it("sorts by the IoU interval's lower bound: ascending, descending, undefined last, stable", async () => {
      const { page } = loaded;
      const lows = (
        report as unknown as { confidence: { perClass: ((number | null)[] | null)[] } }
      ).confidence.perClass.map((ci) => (ci === null || ci[0] === null ? null : ci[0]!));
      const ids = lows.map((_, k) => k);
      const header = page.getByRole('columnheader', { name: 'CI (95%)', exact: true });
      await page.getByRole('button', { name: 'CI (95%)', exact: true }).click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      const ascending = expectedOrder(ids, (id) => lows[id]!, 1);
      expect(await rowOrder(page)).toEqual(ascending);
      await page.getByRole('button', { name: 'CI (95%)', exact: true }).click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      expect(await rowOrder(page)).toEqual(expectedOrder(ascending, (id) => lows[id]!, -1));
      expect(
        await page.getByRole('columnheader', { name: 'IoU', exact: true }).getAttribute('aria-sort'),
      ).toBe('none');
    });

    it('saves the JSON report byte for byte as reportToJson wrote it', async () => {
      const { page } = loaded;
      const expected = reportToJson(report);
      for (const text of ['<', '>', '&', '\u2028', '\u2029', '\\\\', '\\\\u003c'])
        expect(expected).toContain(text);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-json')]);
      expect(download.suggestedFilename()).toBe('segmetrics-report.json');
      expect(readFileSync(await download.path()).toString('utf8')).toBe(expected);
    });

    it('shows bidirectional controls visibly in every name and keeps the true names in the JSON', async () => {
      const { page } = loaded;
      for (const text of await shownTexts(page)) expect(text).not.toMatch(BIDI);
      expect(await page.locator('#per-class-table tbody tr[data-id="1"] th.name').textContent()).toBe(
        '⟨U+202E⟩txt.gnp',
      );
      expect(await page.locator('.img-card').first().locator('.img-id').textContent()).toBe(
        '⟨U+202E⟩txt.gnp',
      );
      expect(await page.locator('.img-card').first().getAttribute('data-id')).toBe('\u202Etxt.gnp');
      expect(await page.locator('#iou-bars li[data-id="5"] .bar-name').textContent()).toBe(
        '⟨U+2066⟩iso⟨U+2069⟩ ⟨U+200E⟩mark⟨U+200F⟩ ⟨U+061C⟩',
      );
      await page
        .locator('.img-card')
        .first()
        .getByRole('button', { name: /Enlarge: Ground truth/ })
        .click();
      expect(await page.textContent('#img-dialog-title')).toMatch(/^#1 ⟨U\+202E⟩txt\.gnp — mIoU \d/);
      const stage = (await page.locator('#img-dialog .stage-base').boundingBox())!;
      for (let x = 0.05; x < 1; x += 0.1) {
        await page.mouse.move(stage.x + stage.width * x, stage.y + stage.height / 2);
        expect(await page.textContent('#img-readout')).not.toMatch(BIDI);
      }
      await page.keyboard.press('Escape');
      await page.locator('#cm-canvas').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      expect(await page.textContent('#cm-readout')).toContain(
        'Ground truth ⟨U+202E⟩txt.gnp → predicted ⟨U+202E⟩txt.gnp: ',
      );
      const data = await pageData(page);
      expect(data.classNames).toEqual(HOSTILE_NAMES);
    });

    it('made no request outside the file and logged no console error', () => {
      expect(loaded.outside).toEqual([]);
      expect(loaded.errors).toEqual([]);
    });
  },
);

describe.skipIf(!enabled)(
  'the comparison page with long and bidirectional names at 1280 px, in Chromium',
  () => {
    let loaded: Loaded;
    const names = [`${LONG}-road`, '\u202Etxt.gnp', 'car', 'sky'];

    beforeAll(async () => {
      const model = buildComparisonReport({
        comparison: sampleComparison({ images: 30, errorA: 0.25, errorB: 0.1, classNames: names }),
        sources: { a: 'runs/\u202Ea', b: `runs/${'b'.repeat(200)}` },
        run: { toolVersion: '9.9.9' },
      });
      const rename = (d: ComparisonImage, i: number): ComparisonImage => ({
        ...d,
        sampleId: i === 0 ? LONG_FILE : i === 1 ? '\u202Etxt.gnp' : d.sampleId,
      });
      const report = {
        ...model,
        gains: model.gains.map(rename),
        losses: model.losses.map(rename),
        perImage: model.perImage.map(rename),
      };
      loaded = await load('comparison-hostile.html', renderComparisonHtml({ report }), 1280);
    }, 120_000);

    it('keeps every label of the per-class chart inside the chart and every image table number in view', async () => {
      const { page } = loaded;
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      expect(await escaping(page, '#class-delta-chart text', 'svg')).toEqual([]);
      for (const id of ['#gains-table', '#losses-table']) {
        const table = page.locator(id);
        if ((await table.evaluate((t) => t.tagName)) !== 'TABLE') continue;
        expect(await escaping(page, `${id} th, ${id} td`, '.table-scroll')).toEqual([]);
        expect(
          await table.evaluate(
            (t) => t.closest('.table-scroll')!.scrollWidth - t.closest('.table-scroll')!.clientWidth,
          ),
        ).toBeLessThanOrEqual(0);
      }
      const titles = await page.$$eval('#class-delta-chart g > title', (ts) => ts.map((t) => t.textContent));
      expect(titles[0]).toContain(`0 ${LONG}-road: `);
    });

    it('shows bidirectional controls visibly in class names, file names and sources', async () => {
      const { page } = loaded;
      for (const text of await shownTexts(page)) expect(text).not.toMatch(BIDI);
      expect(await page.textContent('#class-delta-chart')).toContain('⟨U+202E⟩txt.gnp');
      expect(await page.textContent('#images')).toContain('⟨U+202E⟩txt.gnp');
      expect(await page.textContent('.lead')).toContain('runs/⟨U+202E⟩a');
    });

    it('made no request outside the file and logged no console error', () => {
      expect(loaded.outside).toEqual([]);
      expect(loaded.errors).toEqual([]);
    });
  },
);

describe.skipIf(!enabled)('a heatmap share at an exact tie, in Chromium', () => {
  let loaded: Loaded;

  beforeAll(async () => {
    // road has 32 pixels, one of them predicted as car: 1/32 = 3.125 %, printed 3.12 as Python's
    // format(3.125, '.2f') prints it (toFixed: 3.13)
    const gt = new Uint8Array(40).fill(0, 0, 32).fill(1, 32);
    const pred = gt.slice();
    pred[0] = 1;
    const m = new ConfusionMatrix({ numClasses: 2, perImage: true });
    m.update(pred, gt, { sampleId: 'x' });
    const evaluation = evaluate(m, { classNames: ['road', 'car'] });
    const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
    loaded = await load('report-tie.html', renderHtmlReport({ report, images: [] }));
  }, 120_000);

  it('rounds it to the even digit, as the tables do', async () => {
    const { page } = loaded;
    await page.locator('#cm-canvas').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#cm-readout')).toBe(
      'Ground truth road → predicted car: 1 px, 3.12% of the 32 road pixels',
    );
    expect(loaded.errors).toEqual([]);
  });
});

describe.skipIf(!enabled)('the HTML report of a convention that drops pixels (Keras), in Chromium', () => {
  let loaded: Loaded;

  beforeAll(async () => {
    // One 8-pixel image: road has 4 pixels, one predicted as car and one as 255 (dropped by Keras).
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true });
    m.update([0, 0, 1, 255, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 2, 2], { sampleId: 'x' });
    const evaluation = evaluate(m, { classNames: ['road', 'car', 'sky'], preset: 'keras' });
    const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
    loaded = await load('report-keras.html', renderHtmlReport({ report, images: [] }));
  }, 120_000);

  it('reads a heatmap cell out as a share of the support the table shows, and the ignore column as dropped', async () => {
    const { page } = loaded;
    await page.locator('#cm-canvas').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#cm-readout')).toBe(
      'Ground truth road → predicted car: 1 px, 33.33% of the 3 road pixels',
    );
    await page.keyboard.press('End');
    expect(await page.textContent('#cm-readout')).toBe(
      'Ground truth road → predicted ignore label: 1 px, dropped (not counted under this convention)',
    );
  });

  it('made no request outside the file and logged no console error', () => {
    expect(loaded.outside).toEqual([]);
    expect(loaded.errors).toEqual([]);
  });
});
