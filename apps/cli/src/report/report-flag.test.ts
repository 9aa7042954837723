// End to end: `segmetrics eval|merge --report FILE` with the built CLI. The page itself is tested in a
// browser by @segmetrics/report's browser tests; here: the file, its embedded JSON and its pictures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng } from '@segmetrics/io';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { describe, expect, it } from 'vitest';
import { CITYSCAPES_ARGS, read, runCli, saveStateWithoutPerImage, tempDir } from '../../test/helpers.js';

const ADE = join(parityFixtureRoot(), 'ade_like_reduce_zero');
const ADE_ARGS = ['--gt', join(ADE, 'gt'), '--pred', join(ADE, 'pred'), '--dataset', 'ade20k'];

function embeddedJson(html: string): string {
  const open = '<script type="application/json" id="segmetrics-data">';
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf('</script>', start));
}

interface Picture {
  readonly view: string;
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** The report's pictures: view (gt, pred, err), the image id, and the PNG bytes. */
function pictures(html: string): Picture[] {
  const out: Picture[] = [];
  for (const card of html.split('<article class="img-card"').slice(1)) {
    const id = /data-id="([^"]*)"/.exec(card)![1]!;
    for (const m of card.matchAll(/<img class="pic pic-(\w+)" src="data:image\/png;base64,([^"]+)"/g)) {
      out.push({ view: m[1]!, id, bytes: Uint8Array.from(Buffer.from(m[2]!, 'base64')) });
    }
  }
  return out;
}

function ok(args: readonly string[], code = 0): { stdout: string; stderr: string } {
  const result = runCli(args);
  expect(result.code, result.stderr).toBe(code);
  return result;
}

describe('segmetrics eval --report', () => {
  it('writes the HTML besides the JSON output, embedding exactly what --format json prints, with or without --report', () => {
    const dir = tempDir('report');
    const file = join(dir, 'report.html');
    const { stdout, stderr } = ok(['eval', ...CITYSCAPES_ARGS, '--format', 'json', '--report', file]);
    const html = read(file);
    expect(embeddedJson(html)).toBe(stdout);
    expect(ok(['eval', ...CITYSCAPES_ARGS, '--format', 'json']).stdout).toBe(stdout);
    expect(stderr).toContain(`wrote HTML report to ${file} (12 worst images)`);
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('embeds ground truth, prediction and error map thumbnails of the N worst images, downscaled to 256 px', () => {
    const dir = tempDir('report-n');
    const file = join(dir, 'r.html');
    ok(['eval', ...CITYSCAPES_ARGS, '--report', file, '--report-images', '3', '-q']);
    const pics = pictures(read(file));
    expect(pics.map((p) => p.view)).toEqual(['gt', 'pred', 'err', 'gt', 'pred', 'err', 'gt', 'pred', 'err']);
    for (const pic of pics) {
      const decoded = decodePng(pic.bytes);
      expect([decoded.width, decoded.height]).toEqual([256, 128]);
    }
    ok(['eval', ...CITYSCAPES_ARGS, '--report', file, '--report-images', '0', '-q']);
    expect(pictures(read(file))).toEqual([]);
    expect(read(file)).toContain('No images listed (--report-images 0).');
  });

  it('draws the error map after the label mapping: its wrong pixels are exactly the image’s misses', () => {
    const dir = tempDir('report-ade');
    const file = join(dir, 'r.html');
    const csv = join(dir, 'per-image.csv');
    ok(['eval', ...ADE_ARGS, '--report', file, '--per-image', csv, '-q']);
    const accuracy = new Map(
      read(csv)
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .map((cells) => [cells[1]!, Number(cells[3])]),
    );
    const errorMaps = pictures(read(file)).filter((p) => p.view === 'err');
    expect(errorMaps).toHaveLength(8);
    for (const pic of errorMaps) {
      const { data, width, height } = decodePng(pic.bytes);
      expect([width, height]).toEqual([256, 256]);
      let correct = 0;
      let wrong = 0;
      for (const v of data) {
        if (v === 0) correct++;
        else if (v === 1) wrong++;
      }
      expect(correct / (correct + wrong)).toBeCloseTo(accuracy.get(pic.id)!, 12);
    }
    // Raw 0 (unlabeled) is ignored after reduce-zero-label: display code 150, the ignored colour.
    const ignored = JSON.parse(embeddedJson(read(file))).pixels.ignored;
    expect(ignored).toBeGreaterThan(0);
    const gtCodes = pictures(read(file))
      .filter((p) => p.view === 'gt')
      .flatMap((p) => [...decodePng(p.bytes).data]);
    expect(gtCodes.filter((v) => v === 150).length).toBe(ignored);
    expect(gtCodes.every((v) => v <= 150)).toBe(true);
    expect(read(file)).toContain('reduce-zero-label');
  });

  it('works with the other flags: a preset, image aggregation, a dataset preset and -o', () => {
    const dir = tempDir('report-flags');
    const file = join(dir, 'r.html');
    const out = join(dir, 'out.md');
    ok([
      'eval',
      ...CITYSCAPES_ARGS,
      '--dataset',
      'cityscapes',
      '--preset',
      'torchmetrics-meaniou',
      '--report',
      file,
      '--format',
      'markdown',
      '-o',
      out,
      '-q',
    ]);
    const html = read(file);
    expect(read(out)).toContain('|');
    const json = JSON.parse(embeddedJson(html));
    expect(json.settings).toMatchObject({
      preset: 'torchmetrics-meaniou',
      aggregate: 'image',
      dataset: 'cityscapes',
    });
    expect(html).toContain('style="background:#804080"'); // Cityscapes' road colour
    expect(pictures(html)).toHaveLength(36);
  });

  it('resumes a state saved without per-image statistics, listing no worst images and saying why', async () => {
    const dir = tempDir('report-resume');
    const state = join(dir, 'state.json');
    const file = join(dir, 'r.html');
    const fixture = join(parityFixtureRoot(), 'cityscapes_like');
    await saveStateWithoutPerImage(state, {
      gt: join(fixture, 'gt'),
      pred: join(fixture, 'pred'),
      numClasses: 19,
      stopAfter: 3,
    });
    const { stdout } = ok([
      'eval',
      ...CITYSCAPES_ARGS,
      '--resume',
      state,
      '--report',
      file,
      '--format',
      'json',
      '-q',
    ]);
    const html = read(file);
    expect(embeddedJson(html)).toBe(stdout);
    expect(html).toContain('carry no per-image statistics');
    expect(pictures(html)).toEqual([]);
  });

  it('draws the same pictures whatever the number of pictured images, the worker count or a resume', () => {
    const dir = tempDir('report-same');
    const few = join(dir, 'few.html');
    const many = join(dir, 'many.html');
    const resumed = join(dir, 'resumed.html');
    const state = join(dir, 'state.json');
    ok(['eval', ...CITYSCAPES_ARGS, '--report', few, '--report-images', '4', '--workers', '1', '-q']);
    ok(['eval', ...CITYSCAPES_ARGS, '--report', many, '--report-images', '65', '-q']);
    ok(['eval', ...CITYSCAPES_ARGS, '--save-state', state, '--stop-after', '5', '-q'], 130);
    ok(['eval', ...CITYSCAPES_ARGS, '--resume', state, '--report', resumed, '--report-images', '4', '-q']);
    const all = pictures(read(many));
    const first = pictures(read(few));
    expect(first.length).toBe(12);
    expect(first).toEqual(all.slice(0, 12));
    expect(pictures(read(resumed))).toEqual(first);
  });

  it('refuses --report-images without --report, a negative count, and --report equal to -o', () => {
    const cases = [
      ['--report-images', '3'],
      ['--report', 'x.html', '--report-images', '-1'],
      ['--report', 'same.txt', '-o', 'same.txt'],
    ];
    for (const extra of cases) {
      const result = runCli(['eval', ...CITYSCAPES_ARGS, ...extra]);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/--report/);
    }
  });
});

describe('segmetrics merge --report', () => {
  it('writes the merged report with the worst images ranked from the states, pictures omitted', () => {
    const dir = tempDir('report-merge');
    const states = [0, 1].map((i) => {
      const state = join(dir, `s${i}.json`);
      ok([
        'eval',
        ...CITYSCAPES_ARGS,
        '--shard',
        `${i + 1}/2`,
        '--save-state',
        state,
        '--report',
        join(dir, `s${i}.html`),
        '-q',
      ]);
      return state;
    });
    const file = join(dir, 'merged.html');
    const { stdout } = ok(['merge', ...states, '--report', file, '--format', 'json', '-q']);
    const html = readFileSync(file, 'utf8');
    expect(embeddedJson(html)).toBe(stdout);
    expect(html).toContain('Pictures omitted: merge combines state files and reads no image files.');
    expect(html.match(/<article class="img-card"/g)).toHaveLength(12);
    expect(pictures(html)).toEqual([]);
  });
});
