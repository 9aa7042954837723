import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CITYSCAPES_FIXTURE, grayPng, read, run, tempDir } from './helpers.js';

const cityscapes = CITYSCAPES_FIXTURE;
const base = ['--num-classes', '19', '--ignore-index', '255'];

/** A copy of the cityscapes_like fixture that a test may break. */
function copyFixture(): { gt: string; pred: string; dir: string } {
  const dir = tempDir('fixture');
  for (const side of ['gt', 'pred']) {
    mkdirSync(join(dir, side));
    for (const file of readdirSync(join(cityscapes, side))) {
      copyFileSync(join(cityscapes, side, file), join(dir, side, file));
    }
  }
  return { gt: join(dir, 'gt'), pred: join(dir, 'pred'), dir };
}

/** A tiny 2-image dataset with 3 classes; `mutate` may rewrite files before the run. */
function tinyDataset(): { gt: string; pred: string } {
  const dir = tempDir('tiny');
  mkdirSync(join(dir, 'gt'));
  mkdirSync(join(dir, 'pred'));
  for (const name of ['a', 'b']) {
    writeFileSync(join(dir, 'gt', `${name}.png`), grayPng(2, 2, [0, 1, 2, 1]));
    writeFileSync(join(dir, 'pred', `${name}.png`), grayPng(2, 2, [0, 1, 1, 1]));
  }
  return { gt: join(dir, 'gt'), pred: join(dir, 'pred') };
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('error:'));
}

describe('segmetrics exit codes', () => {
  it("exits 0 on success and prints the table with the dataset preset's class names", async () => {
    const result = await run([
      'eval',
      '--gt',
      join(cityscapes, 'gt'),
      '--pred',
      join(cityscapes, 'pred'),
      '--dataset',
      'cityscapes',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mIoU');
    expect(result.stdout).toContain('road');
  });

  it('exits 2 with usage for an unknown option', async () => {
    const result = await run(['eval', '--gt', 'x', '--pred', 'y', '--num-classes', '3', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
    expect(result.stderr).toContain('segmetrics eval --help');
  });

  it('exits 2 when a required option is missing', async () => {
    expect((await run(['eval', '--pred', 'y', '--num-classes', '3'])).code).toBe(2);
  });

  it('exits 2 when no class count can be found', async () => {
    const { gt, pred } = tinyDataset();
    const result = await run(['eval', '--gt', gt, '--pred', pred]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--num-classes');
    expect(result.stderr).toContain('usage: segmetrics eval');
  });

  it.each([
    [['--num-classes', '0']],
    [['--num-classes', '3', '--shard', '5/4']],
    [['--num-classes', '3', '--shard', '0/4']],
    [['--num-classes', '3', '--shard', 'half']],
    [['--num-classes', '3', '--absent', 'sometimes']],
    [['--num-classes', '3', '--aggregate', 'galaxy']],
    [['--num-classes', '3', '--preset', 'caffe']],
    [['--num-classes', '3', '--metrics', 'iou,happiness']],
    [['--num-classes', '3', '--workers', '0']],
    [['--num-classes', '3', '--exclude-classes', '7']],
  ])('exits 2 for an invalid option value (%j)', async (flags) => {
    const { gt, pred } = tinyDataset();
    const result = await run(['eval', '--gt', gt, '--pred', pred, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with the help on stderr when no command is given', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: segmetrics');
  });

  it('exits 2 for an unknown command', async () => {
    expect((await run(['evaluate'])).code).toBe(2);
  });

  it('exits 1 listing missing predictions (first 20 and the count)', async () => {
    const dir = tempDir('missing');
    mkdirSync(join(dir, 'gt'));
    mkdirSync(join(dir, 'pred'));
    for (let i = 0; i < 25; i++)
      writeFileSync(join(dir, 'gt', `img_${String(i).padStart(2, '0')}.png`), grayPng(1, 1, [0]));
    writeFileSync(join(dir, 'pred', 'img_00.png'), grayPng(1, 1, [0]));
    const result = await run([
      'eval',
      '--gt',
      join(dir, 'gt'),
      '--pred',
      join(dir, 'pred'),
      '--num-classes',
      '2',
    ]);
    expect(result.code).toBe(1);
    const [line] = errorLines(result.stderr);
    expect(line).toContain('24 ground-truth files have no prediction');
    expect(line).toContain('img_01');
    expect(line).toContain('and 4 more');
    expect(line).not.toContain('img_24');
  });

  it('names prediction files saved in a format that is not read (JPEG) when predictions are missing', async () => {
    const { gt, pred } = tinyDataset();
    for (const name of readdirSync(pred))
      renameSync(join(pred, name), join(pred, name.replace('.png', '.jpg')));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3']);
    expect(result.code).toBe(1);
    const [line] = errorLines(result.stderr);
    expect(line).toContain('ground-truth files have no prediction');
    expect(line).toContain(`found ${join(pred, 'a.jpg')}`);
    expect(line).toContain('only PNG (.png) and NumPy (.npy) label maps are read (JPEG is lossy');
  });

  it('names ground-truth files in a format that is not read when no label map is found', async () => {
    const { gt, pred } = tinyDataset();
    for (const name of readdirSync(gt)) renameSync(join(gt, name), join(gt, name.replace('.png', '.tif')));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3']);
    expect(result.code).toBe(1);
    const [line] = errorLines(result.stderr);
    expect(line).toContain('no ground-truth label maps found; found');
    expect(line).toContain('.tif');
  });

  it("warns when --num-classes overrides the dataset preset's class count (its names are not used)", async () => {
    const { gt, pred } = tinyDataset();
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--dataset', 'voc', '--num-classes', '3']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "warning: --num-classes 3 is not the voc preset's 21 classes: its class names are not used (classes are named class_0 … class_2",
    );
    expect(result.stdout).toContain('class_2');
    const quiet = await run([
      'eval',
      '--gt',
      gt,
      '--pred',
      pred,
      '--dataset',
      'voc',
      '--num-classes',
      '3',
      '-q',
    ]);
    expect(quiet.stderr).toBe('');
  });

  it('says which --include/--exclude globs kept no pair', async () => {
    const { gt, pred } = tinyDataset();
    const one = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3', '--include', 'x*']);
    expect(one.code).toBe(1);
    expect(errorLines(one.stderr)[0]).toContain(
      'no ground-truth label maps found that --include "x*" keeps (globs match ids: relative paths without the suffix)',
    );
    const two = await run([
      'eval',
      '--gt',
      gt,
      '--pred',
      pred,
      '--num-classes',
      '3',
      '--include',
      'a',
      '--exclude',
      'a',
    ]);
    expect(errorLines(two.stderr)[0]).toContain('that --include "a" and --exclude "a" keep (globs');
  });

  it('warns about extra prediction files and still exits 0', async () => {
    const { gt, pred } = tinyDataset();
    writeFileSync(join(pred, 'extra.png'), grayPng(2, 2, [0, 0, 0, 0]));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: 1 prediction file has no ground truth.*extra/);
  });

  it('exits 1 naming a corrupt PNG, without a stack trace', async () => {
    const { gt, pred } = tinyDataset();
    writeFileSync(join(pred, 'b.png'), grayPng(2, 2, [0, 1, 1, 1]).slice(0, 40));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3']);
    expect(result.code).toBe(1);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(pred, 'b.png'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the stack trace with --debug', async () => {
    const { gt, pred } = tinyDataset();
    writeFileSync(join(pred, 'b.png'), 'not a png at all');
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3', '--debug']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('exits 1 naming both files on a size mismatch', async () => {
    const { gt, pred } = tinyDataset();
    writeFileSync(join(pred, 'a.png'), grayPng(1, 4, [0, 1, 1, 1]));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3']);
    expect(result.code).toBe(1);
    const [line] = errorLines(result.stderr);
    expect(line).toContain(join(pred, 'a.png'));
    expect(line).toContain('1×4');
    expect(line).toContain('2×2');
  });

  it('exits 1 naming the file, value and pixel for a label out of range', async () => {
    const { gt, pred } = tinyDataset();
    writeFileSync(join(gt, 'b.png'), grayPng(2, 2, [0, 1, 7, 1]));
    const result = await run(['eval', '--gt', gt, '--pred', pred, '--num-classes', '3']);
    expect(result.code).toBe(1);
    const [line] = errorLines(result.stderr);
    expect(line).toContain(join(gt, 'b.png'));
    expect(line).toContain('7');
    expect(line).toContain('x=0, y=1');
  });

  it('exits 1 when the ground-truth folder does not exist', async () => {
    const result = await run([
      'eval',
      '--gt',
      '/nonexistent/gt',
      '--pred',
      '/nonexistent/pred',
      '--num-classes',
      '3',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/nonexistent/gt');
  });

  it('exits 1 as for a missing folder when --gt or --pred names a file, naming the flag and the path', async () => {
    const { gt, pred } = tinyDataset();
    const file = join(gt, 'a.png');
    for (const args of [
      ['--gt', file, '--pred', pred],
      ['--gt', gt, '--pred', file],
    ]) {
      const result = await run(['eval', ...args, '--num-classes', '3']);
      expect(result.code).toBe(1);
      const lines = errorLines(result.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toContain('not a folder');
      expect(lines[0]).toContain(args[1] === file ? '(--gt)' : '(--pred)');
      expect(result.stderr).toContain('hint: ');
      expect(result.stderr).not.toContain('usage:');
    }
    const missing = await run(['eval', '--gt', join(gt, 'nope'), '--pred', pred, '--num-classes', '3']);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)[0]).toContain('--gt');
  });

  it('never leaves a half-written report when the evaluation fails', async () => {
    const { gt, pred } = tinyDataset();
    writeFileSync(join(pred, 'b.png'), 'broken');
    const out = join(tempDir('out'), 'report.json');
    const result = await run([
      'eval',
      '--gt',
      gt,
      '--pred',
      pred,
      '--num-classes',
      '3',
      '--format',
      'json',
      '-o',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('replaces an existing report only when the run succeeds', async () => {
    const copy = copyFixture();
    const out = join(copy.dir, 'report.json');
    writeFileSync(out, 'previous');
    writeFileSync(join(copy.pred, 'img_003.png'), 'broken');
    expect((await run(['eval', '--gt', copy.gt, '--pred', copy.pred, ...base, '-o', out])).code).toBe(1);
    expect(read(out)).toBe('previous');
  });
});
