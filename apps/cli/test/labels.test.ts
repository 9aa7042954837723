import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDatasetPreset } from '@segmetrics/io';
import { parityFixtureRoot } from '@segmetrics/test-utils';
import { decode, encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { grayPng, run, runJson, tempDir } from './helpers.js';

interface Report {
  classNames: string[];
  summary: Record<string, number | null>;
  perClass: { iou: number | null; support: number }[];
  pixels: { counted: number; ignored: number; dropped: number; predictedIgnore: number };
  confusionMatrix: number[][];
  settings: Record<string, unknown>;
}

/** One 2×2 image pair in raw ids: gt [10, 20, 30, 20], pred [10, 20, 20, 10]. */
function rawIdDataset(): { gt: string; pred: string; dir: string } {
  const dir = tempDir('raw-ids');
  mkdirSync(join(dir, 'gt'));
  mkdirSync(join(dir, 'pred'));
  writeFileSync(join(dir, 'gt', 'a.png'), grayPng(2, 2, [10, 20, 30, 20]));
  writeFileSync(join(dir, 'pred', 'a.png'), grayPng(2, 2, [10, 20, 20, 10]));
  return { gt: join(dir, 'gt'), pred: join(dir, 'pred'), dir };
}

describe('segmetrics eval --label-map', () => {
  it('maps raw ids to classes (null = ignored) on both maps before counting', async () => {
    const { gt, pred, dir } = rawIdDataset();
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ 10: 0, 20: 1, 30: null }));
    const report = (await runJson([
      'eval',
      '--gt',
      gt,
      '--pred',
      pred,
      '--num-classes',
      '2',
      '--label-map',
      map,
    ])) as unknown as Report;
    expect(report.pixels).toEqual({ counted: 3, ignored: 1, dropped: 0, predictedIgnore: 0 });
    expect(report.confusionMatrix).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(report.perClass.map((c) => c.iou)).toEqual([0.5, 0.5]);
  });

  it('without the map the raw ids are out of range: exit 1 naming the file and value', async () => {
    const { gt, pred } = rawIdDataset();
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(join(gt, 'a.png'));
    expect(result.stderr).toContain('10');
  });

  it('refuses a label map that is not JSON as a usage error', async () => {
    const { gt, pred, dir } = rawIdDataset();
    const map = join(dir, 'bad.json');
    writeFileSync(map, '{10: 0');
    expect(
      (await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '2', '--label-map', map])).code,
    ).toBe(2);
  });

  it('refuses a label map, palette or class list that gives one value or name twice (JSON.parse would keep one silently)', async () => {
    const { gt, pred, dir } = rawIdDataset();
    const base = ['eval', '--gt', gt, '--pred', pred, '--num-classes', '2'];
    for (const [option, text, problem] of [
      ['--label-map', '{"10": 0, "20": 1, "10": 1}', 'the label value "10" is given twice'],
      ['--label-map', '{"10": 0, "20": 1, "010": 1}', 'entries "10" and "010" both name label value 10'],
      ['--palette', '{"#960000": 0, "#000096": 1, "#960000": 1}', 'the colour "#960000" is given twice'],
    ] as const) {
      const file = join(dir, 'settings.json');
      writeFileSync(file, text);
      const result = await run([...base, option, file]);
      expect(result.code, text).toBe(2);
      expect(result.stderr, text).toContain(problem);
    }
    const classes = join(dir, 'classes.txt');
    writeFileSync(classes, 'road\nsky\nroad\n');
    const named = await run(['eval', '--gt', gt, '--pred', pred, '--classes', classes]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('the name "road" is given to classes 0 and 2');
  });
});

describe('segmetrics eval --mapping-applies-to', () => {
  /** gt in raw ADE20K-style ids (0 = other, k = class k − 1), pred already class ids: a perfect model. */
  function reducedPredictions(): { gt: string; pred: string } {
    const dir = tempDir('mapping-applies-to');
    mkdirSync(join(dir, 'gt'));
    mkdirSync(join(dir, 'pred'));
    writeFileSync(join(dir, 'gt', 'a.png'), grayPng(3, 2, [0, 1, 2, 3, 1, 255]));
    // Pixels whose gt is 0 or 255 are ignored whatever is predicted there.
    writeFileSync(join(dir, 'pred', 'a.png'), grayPng(3, 2, [2, 0, 1, 2, 0, 1]));
    return { gt: join(dir, 'gt'), pred: join(dir, 'pred') };
  }

  it('gt maps the ground truth only (mmsegmentation on class-id predictions); both maps both, the default', async () => {
    const { gt, pred } = reducedPredictions();
    const args = ['eval', '--gt', gt, '--pred', pred, '--num-classes', '3', '--reduce-zero-label'];
    const gtOnly = (await runJson([
      ...args,
      '--mapping-applies-to',
      'gt',
      '--preset',
      'mmseg',
    ])) as unknown as Report;
    expect(gtOnly.summary.mIoU).toBe(1);
    expect(gtOnly.pixels).toMatchObject({ counted: 4, ignored: 2 });
    expect(gtOnly.settings.labelMapping).toMatchObject({ reduceZeroLabel: true, applyTo: 'gt' });
    // Mapped on both maps, prediction 0 becomes ignored and k becomes k − 1: every counted pixel is wrong.
    const both = (await runJson(args)) as unknown as Report;
    expect(both.summary.mIoU).toBe(0);
    expect(both.settings.labelMapping).toMatchObject({ applyTo: 'both' });
    expect(await runJson([...args, '--mapping-applies-to', 'both'])).toEqual(both);
  });

  it('without a mapping to apply, or with another value, is a usage error naming the flag', async () => {
    const { gt, pred } = reducedPredictions();
    const args = ['eval', '--gt', gt, '--pred', pred, '--num-classes', '4', '--ignore-index', '255'];
    const none = await run([...args, '--mapping-applies-to', 'gt']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--mapping-applies-to');
    expect(none.stderr).toContain('no label mapping');
    const bad = await run([...args, '--reduce-zero-label', '--mapping-applies-to', 'pred']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'pred' is invalid");
  });
});

describe('segmetrics eval --dataset', () => {
  const ade = join(parityFixtureRoot(), 'ade_like_reduce_zero');
  const paths = ['--gt', join(ade, 'gt'), '--pred', join(ade, 'pred')];

  it('ade20k brings 150 names, reduce-zero-label and ignore 255: the same numbers as the explicit flags', async () => {
    const preset = (await runJson(['eval', ...paths, '--dataset', 'ade20k'])) as unknown as Report;
    const flags = (await runJson([
      'eval',
      ...paths,
      '--num-classes',
      '150',
      '--reduce-zero-label',
    ])) as unknown as Report;
    expect(preset.summary).toEqual(flags.summary);
    expect(preset.confusionMatrix).toEqual(flags.confusionMatrix);
    expect(preset.classNames[0]).toBe('wall');
    expect(preset.settings.dataset).toBe('ade20k');
    expect(flags.settings.ignoreIndex).toEqual([255]);
  });

  it('--classes names the classes and may give the class count', async () => {
    const { gt, pred, dir } = rawIdDataset();
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ 10: 0, 20: 1, 30: null }));
    const names = join(dir, 'classes.txt');
    writeFileSync(names, '# names\nbackground\nforeground\n');
    const report = (await runJson([
      'eval',
      '--gt',
      gt,
      '--pred',
      pred,
      '--classes',
      names,
      '--label-map',
      map,
    ])) as unknown as Report;
    expect(report.classNames).toEqual(['background', 'foreground']);
  });

  it('--exclude-classes leaves a class out of the means but keeps its row', async () => {
    const { gt, pred, dir } = rawIdDataset();
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ 10: 0, 20: 1, 30: null }));
    const base = ['eval', '--gt', gt, '--pred', pred, '--num-classes', '2', '--label-map', map];
    const report = (await runJson([...base, '--exclude-classes', '0'])) as unknown as Report;
    expect(report.perClass).toHaveLength(2);
    expect(report.summary.mIoU).toBe(0.5);
    expect(report.settings.excludeClasses).toEqual([0]);
  });
});

describe('segmetrics eval --dataset voc on colour-coded (RGB) masks', () => {
  it('decodes VOC colours, border included, and gives the same report as the palette PNGs', async () => {
    const fixture = join(parityFixtureRoot(), 'voc_like_palette');
    const dir = tempDir('voc-rgb');
    const palette = getDatasetPreset('voc').maskPalette as readonly ([number, number, number] | null)[];
    for (const side of ['gt', 'pred']) {
      mkdirSync(join(dir, side));
      for (const name of readdirSync(join(fixture, side))) {
        const image = decode(readFileSync(join(fixture, side, name)));
        const rgb = new Uint8Array(image.width * image.height * 3);
        image.data.forEach((index, i) => {
          const color = palette[index]!;
          rgb.set(color, 3 * i);
        });
        writeFileSync(
          join(dir, side, name),
          encode({ width: image.width, height: image.height, data: rgb, channels: 3, depth: 8 }),
        );
      }
    }
    const fromRgb = (await runJson([
      'eval',
      '--gt',
      join(dir, 'gt'),
      '--pred',
      join(dir, 'pred'),
      '--dataset',
      'voc',
    ])) as unknown as Report;
    const fromPalette = (await runJson([
      'eval',
      '--gt',
      join(fixture, 'gt'),
      '--pred',
      join(fixture, 'pred'),
      '--dataset',
      'voc',
    ])) as unknown as Report;
    expect(fromRgb.pixels.ignored).toBeGreaterThan(0);
    expect(fromRgb.confusionMatrix).toEqual(fromPalette.confusionMatrix);
    expect(fromRgb.pixels).toEqual(fromPalette.pixels);
    expect(fromRgb.summary).toEqual(fromPalette.summary);
  });
});

describe('segmetrics eval --palette', () => {
  /** One 2×2 RGB pair: red, green, white (unknown), green vs red, green, green, red. */
  function rgbDataset(): { gt: string; pred: string; dir: string } {
    const dir = tempDir('palette');
    const red = [255, 0, 0];
    const green = [0, 128, 0];
    const white = [255, 255, 255];
    const png = (pixels: number[][]) =>
      encode({ width: 2, height: 2, data: Uint8Array.from(pixels.flat()), channels: 3, depth: 8 });
    mkdirSync(join(dir, 'gt'));
    mkdirSync(join(dir, 'pred'));
    writeFileSync(join(dir, 'gt', 'a.png'), png([red, green, white, green]));
    writeFileSync(join(dir, 'pred', 'a.png'), png([red, green, green, red]));
    writeFileSync(join(dir, 'palette.json'), JSON.stringify({ '#ff0000': 0, '#008000': 1 }));
    return { gt: join(dir, 'gt'), pred: join(dir, 'pred'), dir };
  }

  it('maps mask colours to ids, and colours outside the palette to --unknown-color', async () => {
    const { gt, pred, dir } = rgbDataset();
    const args = [
      'eval',
      '--gt',
      gt,
      '--pred',
      pred,
      '--num-classes',
      '2',
      '--palette',
      join(dir, 'palette.json'),
    ];
    const report = (await runJson([
      ...args,
      '--unknown-color',
      '255',
      '--ignore-index',
      '255',
    ])) as unknown as Report;
    expect(report.confusionMatrix).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(report.pixels.ignored).toBe(1);
    const failed = await run(args);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('#ffffff');
  });

  it('asks for --palette FILE or --dataset NAME when an RGB mask is read without a palette', async () => {
    const { gt, pred } = rgbDataset();
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '2']);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    const line = lines.find((l) => l.startsWith('error:')) ?? '';
    expect(line).toContain(join(gt, 'a.png'));
    expect(line).toContain('RGB colour-coded mask');
    expect(line).toContain('--palette FILE');
    expect(line).toContain('--dataset NAME');
    expect(line).not.toContain('pass a colour palette');
    // Not the list of supported formats, which suggested that RGB masks are not read at all.
    expect(result.stderr).not.toContain('hint: supported:');
    expect(result.stderr).not.toContain('usage:');
  });

  it('refuses a malformed palette file as a usage error naming the file', async () => {
    const { gt, pred, dir } = rgbDataset();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ '#ff0000': 0, red: 1 }));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '2', '--palette', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(bad);
  });
});

/** A NumPy .npy file (format 1.0) of float32 values in C order. */
function npyFloat32(shape: readonly number[], values: readonly number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header += `${' '.repeat(63 - ((10 + header.length) % 64))}\n`;
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([
    prefix,
    Buffer.from(header, 'latin1'),
    Buffer.from(Float32Array.from(values).buffer),
  ]);
}

describe('segmetrics eval --scores-layout', () => {
  it('asks for --scores-layout when a score array is ambiguous, and reads it either way', async () => {
    const dir = tempDir('scores');
    mkdirSync(join(dir, 'gt'));
    mkdirSync(join(dir, 'pred'));
    // (3, 3, 4): classes first (3 classes of 3×4) or last (4 classes of 3×3).
    const scores = Array.from({ length: 36 }, (_, i) => (i * 7) % 11);
    writeFileSync(join(dir, 'pred', 'a.npy'), npyFloat32([3, 3, 4], scores));
    writeFileSync(
      join(dir, 'gt', 'a.png'),
      grayPng(
        4,
        3,
        Array.from({ length: 12 }, (_, i) => i % 3),
      ),
    );
    const args = ['eval', '--gt', join(dir, 'gt'), '--pred', join(dir, 'pred'), '--num-classes', '3', '-q'];
    // A problem of the file's content, found while reading it: exit 1 (an unreadable image), without
    // the usage banner of a flag error, naming the file and the flag that resolves it.
    const ambiguous = await run(args);
    expect(ambiguous.code).toBe(1);
    const line = ambiguous.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '';
    expect(line).toContain('--scores-layout chw');
    expect(line).toContain('hwc');
    expect(line).toContain(join(dir, 'pred', 'a.npy'));
    expect(line).not.toContain('scoresLayout');
    expect(ambiguous.stderr).not.toContain('usage:');
    // The same through worker threads (the error crosses to the main thread as data).
    expect((await run([...args, '--workers', '2'])).code).toBe(1);
    const chw = (await runJson([...args, '--scores-layout', 'chw'])) as unknown as Report;
    expect(chw.pixels.counted).toBe(12);
    // hwc: 3×3 maps do not match the 4×3 ground truth.
    expect((await run([...args, '--scores-layout', 'hwc'])).code).toBe(1);
    // A bad value of the flag itself stays a usage error.
    const flag = await run([...args, '--scores-layout', 'whc']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('usage:');
  });
});
