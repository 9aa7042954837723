import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CITYSCAPES_ARGS, errorLines, grayPng, read, run, runJson, tempDir } from './helpers.js';

const dataset = CITYSCAPES_ARGS;

describe('segmetrics eval --format json', () => {
  it('follows the documented contract (schema version 1, NaN as null)', async () => {
    const report = await runJson(['eval', ...dataset]);
    expect(report.schemaVersion).toBe(1);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'schemaVersion',
        'numClasses',
        'classNames',
        'images',
        'pixels',
        'settings',
        'summary',
        'perClass',
        'absentClasses',
        'predictedOnlyClasses',
        'confusionMatrix',
        'confusedPairs',
        'version',
      ]),
    );
    expect(report.absentClasses).toEqual([17, 18]);
    const perClass = report.perClass as { id: number; iou: number | null }[];
    expect(perClass.map((r) => r.id)).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(perClass[17]!.iou).toBeNull();
    const settings = report.settings as Record<string, unknown>;
    expect(settings.aggregate).toBe('dataset');
    expect(settings.ignoreIndex).toEqual([255]);
    const pixels = report.pixels as { counted: number; ignored: number };
    expect(pixels.counted + pixels.ignored).toBe(12 * 512 * 256);
  });

  it('writes the report atomically to -o', async () => {
    const out = join(tempDir('json'), 'report.json');
    const result = await run(['eval', ...dataset, '--format', 'json', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(read(out)).schemaVersion).toBe(1);
  });
});

describe('segmetrics eval output formats', () => {
  it('prints a table naming absent classes and the settings', async () => {
    const result = await run(['eval', ...dataset, '--classes', writeNames()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Absent.*17 c17, 18 c18/);
    expect(result.stdout).toContain('Settings: aggregate dataset');
    expect(result.stdout).toContain('Top confused');
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('writes colours only when asked to (FORCE_COLOR) and never with --no-color', async () => {
    expect((await run(['eval', ...dataset], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout).toContain('\x1b[');
    expect(
      (await run(['eval', ...dataset, '--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout,
    ).not.toContain('\x1b[');
  });

  it('writes CSV with one row per class and a summary row', async () => {
    const result = await run(['eval', ...dataset, '--format', 'csv']);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^kind,id,name,iou,dice/);
    expect(lines).toHaveLength(1 + 19 + 1);
    expect(lines[20]).toMatch(/^summary,,mean,0\.\d+/);
  });

  it('writes Markdown tables', async () => {
    const result = await run(['eval', ...dataset, '--format', 'markdown']);
    expect(result.stdout).toContain('| mIoU | mDice | mAcc | aAcc | fwIoU |');
    expect(result.stdout).toContain('| 18 | class_18 | — |');
  });

  it('writes a per-image CSV, worst image first', async () => {
    const file = join(tempDir('per-image'), 'images.csv');
    expect((await run(['eval', ...dataset, '--per-image', file, '-q'])).code).toBe(0);
    const rows = read(file).trim().split('\n');
    expect(rows[0]).toBe('rank,id,mIoU,pixelAccuracy,counted,ignored,classes,worstClass,worstIoU');
    expect(rows).toHaveLength(13);
    const mious = rows.slice(1).map((row) => Number(row.split(',')[2]));
    expect([...mious].sort((a, b) => a - b)).toEqual(mious);
  });
});

function writeNames(): string {
  const file = join(tempDir('names'), 'classes.txt');
  writeFileSync(file, `${Array.from({ length: 19 }, (_, i) => `c${i}`).join('\n')}\n`);
  return file;
}

describe('segmetrics --help', () => {
  it('lists the commands, examples, conventions and exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const text of ['eval', 'merge', 'demo', 'Examples:', 'Exit codes'])
      expect(result.stdout).toContain(text);
  });

  it('documents every eval option in groups', async () => {
    const result = await run(['eval', '--help']);
    expect(result.code).toBe(0);
    for (const option of [
      '--ignore-index',
      '--reduce-zero-label',
      '--label-map',
      '--classes',
      '--dataset',
      '--gt-suffix',
      '--pred-pattern',
      '--include',
      '--aggregate',
      '--image-reduce',
      '--average',
      '--absent',
      '--exclude-classes',
      '--metrics',
      '--preset',
      '--beta',
      '--format',
      '--output',
      '--per-image',
      '--save-state',
      '--resume',
      '--workers',
      '--shard',
      '--quiet',
      '--debug',
      '--no-color',
      'Metric conventions:',
      'Examples:',
    ]) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stdout).not.toContain('--stop-after');
  });

  it('prints the version', async () => {
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('segmetrics demo', () => {
  it('generates the sample and prints the table with the never-present class named', async () => {
    const result = await run(['demo']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('mIoU');
    expect(result.stdout).toMatch(/Absent.*16 train/);
  });

  it('keeps the files with --out and evaluates them the same way as eval', async () => {
    const out = tempDir('demo');
    const demo = await runJson(['demo', '--out', out]);
    const again = await runJson([
      'eval',
      '--gt',
      join(out, 'gt'),
      '--pred',
      join(out, 'pred'),
      '--classes',
      join(out, 'classes.txt'),
      '--ignore-index',
      '255',
    ]);
    expect(again.summary).toEqual(demo.summary);
    // A second demo into the same (now full) folder is refused and changes nothing there.
    const before = readdirSync(join(out, 'gt')).length;
    const refused = await run(['demo', '--out', out, '--pairs', '2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
    expect(readdirSync(join(out, 'gt')).length).toBe(before);
  });

  it('refuses an output inside the sample before writing anything: no files, no --out folder', async () => {
    const parent = tempDir('demo-into-sample');
    const out = join(parent, 'out');
    const link = join(tempDir('demo-link'), 'to-parent');
    symlinkSync(parent, link);
    for (const [option, file] of [
      ['-o', join(out, 'gt', 'sample_000.png')],
      ['--per-image', join(out, 'pred', 'sub', 'images.csv')],
      ['--report', join(out, 'classes.txt')],
      ['-o', join(link, 'out', 'gt', 'sample_001.png')],
    ] as const) {
      const result = await run(['demo', '--out', out, '--pairs', '3', '-q', option, file]);
      expect(result.code, `${option} ${file}: ${result.stderr}`).toBe(2);
      expect(errorLines(result.stderr)[0]).toContain(`${file} is part of the sample demo writes`);
      expect(existsSync(out), `${option} ${file}`).toBe(false);
    }
    // pred-b/ only with --second-model; an existing empty --out folder stays empty.
    mkdirSync(out);
    const predB = join(out, 'pred-b', 'x.json');
    const second = await run(['demo', '--out', out, '--pairs', '2', '--second-model', '-q', '-o', predB]);
    expect(second.code, second.stderr).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it("makes every usage check of the evaluation before writing the sample (and reads the sample's class names for them)", async () => {
    const parent = tempDir('demo-usage');
    const out = join(parent, 'out');
    const same = join(parent, 'same.txt');
    for (const args of [
      ['--workers', '0'],
      ['--exclude-classes', 'no-such-class'],
      ['--metrics', 'no-such-metric'],
      ['-o', same, '--per-image', same],
      ['-o', ''],
      ['--ci', '2'],
      ['--report-images', '-1'],
    ]) {
      const result = await run(['demo', '--out', out, '--pairs', '2', '-q', ...args]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(existsSync(out), args.join(' ')).toBe(false);
    }
    expect(readdirSync(parent)).toEqual([]);
    // Class names and other files in --out are fine.
    const report = join(out, 'report.json');
    const fine = await run([
      'demo',
      '--out',
      out,
      '--pairs',
      '2',
      '-q',
      '--exclude-classes',
      'train',
      '-f',
      'json',
      '-o',
      report,
      '--per-image',
      join(out, 'images.csv'),
    ]);
    expect(fine.code, fine.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['classes.txt', 'gt', 'images.csv', 'pred', 'report.json']);
  });
});

describe('per-image values under a convention that drops pixels (--preset keras)', () => {
  // One 8×1 image: road (0) has 4 pixels, one predicted as car (1) and one as 255 (dropped by Keras).
  const dir = tempDir('keras-dropped');
  mkdirSync(join(dir, 'gt'));
  mkdirSync(join(dir, 'pred'));
  writeFileSync(join(dir, 'gt', 'x.png'), grayPng(8, 1, [0, 0, 0, 0, 1, 1, 2, 2]));
  writeFileSync(join(dir, 'pred', 'x.png'), grayPng(8, 1, [0, 0, 1, 255, 1, 1, 2, 2]));
  const args = [
    'eval',
    '--gt',
    join(dir, 'gt'),
    '--pred',
    join(dir, 'pred'),
    '--num-classes',
    '3',
    '--ignore-index',
    '255',
  ];
  const keras = [...args, '--preset', 'keras'];
  const warning =
    'warning: --preset keras drops 1 pixel predicted as an ignore label from the summary, but the per-image values (--per-image, the HTML report’s worst images) count them as misses of their ground-truth class: per image, the class of a dropped pixel is not kept';

  it('warns when --per-image or the HTML report shows them, and the report says so', async () => {
    const csv = join(dir, 'images.csv');
    const html = join(dir, 'report.html');
    const result = await run([...keras, '--per-image', csv, '--report', html]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(warning);
    // the one image's own mIoU (road 2/4) is not the summary's (road 2/3): what the warning is about
    expect(read(csv).split('\n')[1]).toMatch(/^1,x,0\.7222222222222222,/);
    expect(read(html)).toContain('id="images-dropped-note"');
  });

  it('is silent without per-image outputs, without dropped pixels, and under --quiet', async () => {
    const plain = await run(keras);
    expect(plain.stderr).not.toContain('per-image values');
    const mmseg = await run([...args, '--per-image', join(dir, 'mm.csv')]);
    expect(mmseg.stderr).not.toContain('per-image values');
    const quiet = await run([...keras, '--per-image', join(dir, 'q.csv'), '-q']);
    expect(quiet.stderr).toBe('');
  });
});
