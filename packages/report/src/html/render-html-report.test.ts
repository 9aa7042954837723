import { ConfusionMatrix } from '@segmetrics/core';
import { evaluate } from '@segmetrics/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../test/sample-report.js';
import { buildReport } from '../build-report.js';
import { formatFixed } from '../format-fixed.js';
import { perImageRows } from '../per-image-rows.js';
import { reportToJson } from '../report-to-json.js';
import type { HtmlReportInput } from './html-report-input.js';
import { renderHtmlReport } from './render-html-report.js';
import { REPORT_SCRIPT } from './report-script.js';

const HOSTILE = ['road', '</script><script>alert(1)</script>', '<!-- x', 'a & "b" \'c\'', 'car'];

/** `text` occurs in the page (a failure names the text, not the whole page). */
function expectIn(page: string, text: string): void {
  expect(page.includes(text), `page contains ${text}`).toBe(true);
}

function expectNotIn(page: string, text: string): void {
  expect(page.includes(text), `page does not contain ${text}`).toBe(false);
}

function embedded(html: string, id = 'segmetrics-data'): string {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf('</script>', start));
}

describe('renderHtmlReport', () => {
  const sample = sampleReport({ numClasses: 19, images: 30, seed: 3 });
  const html = renderHtmlReport({ report: sample.report, images: sample.images, classColors: sample.colors });

  it('embeds the JSON report byte for byte in script#segmetrics-data', () => {
    expect(embedded(html)).toBe(reportToJson(sample.report));
  });

  it('says before any number that a partial merge covers only some images, and only then', () => {
    const { report } = sampleReport({ numClasses: 3, images: 2 });
    const partial = {
      missingShards: [2, 3],
      shardCount: 4,
      interruptedStates: [],
      images: 2,
      expectedImages: 9,
    };
    const page = renderHtmlReport({ report: { ...report, settings: { ...report.settings, partial } } });
    const banner = page.indexOf(
      '<p class="partial" id="partial-result" role="note"><strong>Partial result</strong> — 2 of 9 images (missing shards 2, 3 of 4): the numbers cover these images only.</p>',
    );
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(page.indexOf('<p class="lead">'));
    expect(page).toContain('<title>PARTIAL · segmetrics report');
    // The embedded JSON carries the same field, as `--format json` does.
    expect(JSON.parse(embedded(page)).settings.partial).toEqual(partial);
    for (const complete of [null, undefined]) {
      const whole = renderHtmlReport({
        report: { ...report, settings: { ...report.settings, partial: complete } },
      });
      expect(whole).not.toContain('id="partial-result"');
      expect(whole).not.toContain('PARTIAL');
    }
  });

  it('escapes hostile class names everywhere and keeps the embedded JSON equal to the report', () => {
    const m = new ConfusionMatrix({ numClasses: 5, perImage: true });
    m.update([0, 1, 2, 3, 4, 1], [0, 1, 2, 3, 0, 4], { sampleId: '<img src=x onerror=alert(1)>.png' });
    const evaluation = evaluate(m, { classNames: HOSTILE });
    const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
    const page = renderHtmlReport({ report, images: perImageRows(evaluation).map((row) => ({ row })) });
    expectNotIn(page, '<script><script>');
    expectNotIn(page, 'alert(1)</script>');
    expectNotIn(page, '<img src=x');
    expectNotIn(page, '<!-- x');
    expectIn(page, '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expectIn(page, 'a &amp; &quot;b&quot; &#39;c&#39;');
    expect(page.match(/<script\b/g)).toHaveLength(3);
    expect(JSON.parse(embedded(page))).toEqual(JSON.parse(reportToJson(report)));
  });

  it('loads nothing from outside the file: every src and href is a data URL or an anchor', () => {
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(3 * sample.images.length);
    for (const ref of refs) expect(ref).toMatch(/^(data:|#)/);
    // Reported as the match only (the page is too long for an assertion message).
    expect(/@import|[^A-Za-z]url\(|https?:\/\//i.exec(html)?.[0]).toBeUndefined();
    expectIn(html, '<link rel="icon" href="data:,">');
  });

  it('shows every class name, the mIoU in percent and the sections the issue asks for', () => {
    for (const name of sample.report.classNames) expectIn(html, `<span class="cls">${name}</span>`);
    expectIn(html, `<span class="card-number">${(sample.report.summary.mIoU * 100).toFixed(2)}</span>`);
    for (const library of ['mmseg', 'torchmetrics', 'sklearn', 'keras']) expectIn(html, library);
    expect(
      /<figure class="cm-figure"[^>]*><h2 id="confusion-title">Confusion matrix<\/h2><figcaption>Confusion matrix/.test(
        html,
      ),
    ).toBe(true);
    expectIn(html, '<button type="button" class="sort" data-key="iou" data-type="number">IoU');
    expect(html.match(/<tr data-id="/g)).toHaveLength(19);
    expectIn(html, '<span class="badge badge-absent">absent</span>');
    expectIn(html, '<span class="badge badge-predonly">predicted only</span>');
  });

  it('shows each worst image as three decodable PNG thumbnails with its id and the classes that hurt it', () => {
    const imgs = [
      ...html.matchAll(
        /<img class="pic pic-(gt|pred|err)" src="data:image\/png;base64,[^"]+" width="48" height="32"/g,
      ),
    ];
    expect(imgs).toHaveLength(3 * 24);
    const worst = sample.images[0]!.row;
    expectIn(html, `<span class="img-id">${worst.id}</span>`);
    expectIn(html, `mIoU <strong class="img-miou">${(worst.mIoU * 100).toFixed(2)}%</strong>`);
    expectIn(html, '<dialog id="img-dialog"');
  });

  it('adds the confidence intervals and optional per-class columns when the report has them', () => {
    const perClass = sample.report.perClass.map((row) => ({ ...row, boundaryIoU: row.iou / 2 }));
    const report = {
      ...sample.report,
      perClass,
      summary: { ...sample.report.summary, mBoundaryIoU: 0.25 },
      confidence: {
        level: 0.95,
        samples: 1000,
        seed: 0,
        method: 'percentile' as const,
        unit: 'image' as const,
        summary: { mIoU: [0.5, 0.6] },
        perClass: perClass.map(() => [0.1, 0.2]),
      },
    };
    const page = renderHtmlReport({ report: report as unknown as HtmlReportInput['report'] });
    expectIn(page, '95% CI 50.00–60.00');
    expectIn(page, 'data-key="ci" data-type="number">CI (95%)<span class="arrow"');
    expectIn(page, '<td class="num ci" data-v="0.1">10.00–20.00</td>');
    expectIn(page, 'data-key="boundaryIoU"');
    expectIn(page, 'data-metric="mBoundaryIoU"');
    // The bootstrap resampled mIoU only: the other cards show no interval (not "—").
    const card = page.slice(page.indexOf('data-metric="mBoundaryIoU"'));
    expect(card.slice(0, card.indexOf('</div>'))).not.toContain('card-ci');
    expectNotIn(html, 'CI (95%)');
  });

  it('prints an undefined mIoU as — without a % sign, in the title and in a worst-image card', () => {
    const m = new ConfusionMatrix({ numClasses: 2, ignoreIndex: 255, perImage: true });
    m.update([0, 1], [255, 255], { sampleId: 'all-ignored' });
    const evaluation = evaluate(m, { classNames: ['a', 'b'] });
    const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
    const page = renderHtmlReport({ report, images: perImageRows(evaluation).map((row) => ({ row })) });
    expectIn(page, '<title>segmetrics report · mIoU — · 1 image</title>');
    expectIn(page, 'mIoU <strong class="img-miou">—</strong> · pixel accuracy — ·');
    expectNotIn(page, '—%');
  });

  it('accounts for every pixel: counted + ignored + dropped, and calls dropped pixels dropped, not misses', () => {
    // One 8-pixel image: class a has 4 pixels, one predicted as b and one as 255. Keras drops the 255
    // (keras/src/metrics/iou_metrics.py); mmseg counts it as a miss of a.
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255, perImage: true });
    m.update([0, 0, 1, 255, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 2, 2], { sampleId: 'x' });
    const page = (preset: 'keras' | 'mmseg') => {
      const evaluation = evaluate(m, { classNames: ['a', 'b', 'c'], preset });
      const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
      return renderHtmlReport({ report, images: perImageRows(evaluation).map((row) => ({ row })) });
    };
    const keras = page('keras');
    expectIn(
      keras,
      '1 image · 3 classes · 7 pixels counted · 0 ignored · 1 dropped (predicted as an ignore label, not counted)',
    );
    expectNotIn(keras, 'predicted as ignore');
    expectIn(
      keras,
      '<p><strong>Dropped</strong> (predicted as an ignore label; not counted under the keras convention, so neither misses of their class nor in its support): 1 pixel.</p>',
    );
    expectNotIn(keras, 'misses of their class)');
    expectIn(keras, 'pixels predicted as an ignore label, dropped under this convention');
    // The confused pair's share is of the support the per-class table shows (3), not of the 4 pixels.
    expectIn(keras, '<td class="num">1</td><td class="num">33.33</td>');
    // The worst images' own values count the dropped pixel as a miss, and the page says so.
    expectIn(
      keras,
      '<p class="note" id="images-dropped-note">The summary leaves out the 1 dropped pixel (predicted as an ignore label, not counted under this convention); the values of each image below count them as misses of their ground-truth class, because per image the class of a dropped pixel is not kept.</p>',
    );
    const mmseg = page('mmseg');
    expectIn(mmseg, '1 image · 3 classes · 8 pixels counted · 0 ignored · 1 predicted as ignore');
    expectIn(
      mmseg,
      '<p><strong>Predicted as an ignore label</strong> on counted pixels (misses of their class): 1 pixel.</p>',
    );
    expectNotIn(mmseg, ' dropped (predicted');
    expectNotIn(mmseg, '<strong>Dropped</strong>');
    expectNotIn(mmseg, 'images-dropped-note');
    expectIn(mmseg, '<td class="num">1</td><td class="num">25.00</td>');
  });

  it('shows names with their bidirectional controls written visibly, and embeds the true names', () => {
    const m = new ConfusionMatrix({ numClasses: 2, perImage: true });
    m.update([0, 1], [0, 1], { sampleId: '\u202Etxt.gnp' });
    const evaluation = evaluate(m, { classNames: ['\u202Etxt.gnp', 'a\u2067b'] });
    const report = buildReport({ evaluation, matrix: m, run: { toolVersion: '1' } });
    const page = renderHtmlReport({ report, images: perImageRows(evaluation).map((row) => ({ row })) });
    // data-v (sort and filter keys) and data-id attributes keep the true names; nothing shows them.
    const shown = page
      .slice(0, page.indexOf('<script type="application/json"'))
      .replace(/ data-(?:v|id)="[^"]*"/g, '');
    expect(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.exec(shown)?.[0]).toBeUndefined();
    expectIn(shown, '<span class="cls">⟨U+202E⟩txt.gnp</span>');
    expectIn(shown, '<span class="img-id">⟨U+202E⟩txt.gnp</span>');
    expectIn(shown, '<span class="cls">a⟨U+2067⟩b</span>');
    expect(JSON.parse(embedded(page)).classNames).toEqual(['\u202Etxt.gnp', 'a\u2067b']);
  });

  it('says why no images are shown, and refuses a picture that is not a PNG data URL', () => {
    expectIn(renderHtmlReport({ report: sample.report }), 'this run kept no per-image statistics');
    // A run that counted no image (e.g. an empty shard) says so, not that statistics were not kept.
    const empty = renderHtmlReport({ report: { ...sample.report, images: 0 } });
    expectIn(empty, 'No image was counted, so there are no worst images.');
    expect(empty).not.toContain('kept no per-image statistics');
    const note = renderHtmlReport({ report: sample.report, imagesNote: 'Pictures omitted: <merge>' });
    expectIn(note, 'Pictures omitted: &lt;merge&gt;');
    expect(() =>
      renderHtmlReport({
        report: sample.report,
        images: [{ row: sample.images[0]!.row, groundTruth: 'https://example.com/gt.png' }],
      }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }) as unknown as Error);
  });

  it('is deterministic and stays small at 150 classes with 24 pictures', () => {
    const big = sampleReport({ numClasses: 150, images: 60, width: 256, height: 128, seed: 5 });
    const a = renderHtmlReport({ report: big.report, images: big.images });
    const b = renderHtmlReport({ report: big.report, images: big.images });
    expect(a).toBe(b);
    expect(a.length).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('REPORT_SCRIPT', () => {
  it('is valid JavaScript that cannot end its script element', () => {
    expect(() => new Function(REPORT_SCRIPT)).not.toThrow();
    expect(REPORT_SCRIPT.toLowerCase()).not.toContain('</script');
    expect(REPORT_SCRIPT).not.toContain('<!--');
  });

  it("formats the heatmap's shares as formatFixed does (its copy in the page's script)", () => {
    const source = /\/\/ fixed:begin[^\n]*\n([\s\S]*?)\/\/ fixed:end/.exec(REPORT_SCRIPT)?.[1];
    expect(source).toBeDefined();
    const fixed = new Function('isFinite', `${source}; return fixed;`)(Number.isFinite) as (
      v: number,
      d: number,
    ) => string;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e4, max: 1e4, noNaN: true }),
          fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 64),
        ),
        fc.integer({ min: 0, max: 4 }),
        (value, digits) => {
          expect(fixed(value, digits)).toBe(formatFixed(value, digits));
        },
      ),
      { numRuns: 2000 },
    );
    expect(fixed(78.125, 2)).toBe('78.12');
  });
});
