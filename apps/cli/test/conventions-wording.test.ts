import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grayPng, run, tempDir } from './helpers.js';

/** 5 classes: 0–2 in the ground truth, 3 only predicted, 4 absent everywhere (two 2×2 images). */
function hostile(): string[] {
  const dir = tempDir('wording');
  for (const side of ['gt', 'pred']) mkdirSync(join(dir, side));
  writeFileSync(join(dir, 'gt', 'a.png'), grayPng(2, 2, [0, 1, 2, 2]));
  writeFileSync(join(dir, 'pred', 'a.png'), grayPng(2, 2, [0, 1, 2, 3]));
  writeFileSync(join(dir, 'gt', 'b.png'), grayPng(2, 2, [0, 1, 1, 1]));
  writeFileSync(join(dir, 'pred', 'b.png'), grayPng(2, 2, [0, 0, 1, 1]));
  return [
    'eval',
    '--gt',
    join(dir, 'gt'),
    '--pred',
    join(dir, 'pred'),
    '-n',
    '5',
    '--ignore-index',
    '255',
    '-q',
  ];
}

const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.includes(start)) ?? '';

describe('the table and Markdown say which conventions produced each number', () => {
  const args = hostile();

  it('predicted-only classes: scored 0 by default, skipped (and said so) under --predicted-only skip', async () => {
    const score = await run(args);
    expect(lineOf(score.stdout, 'Predicted only')).toContain('IoU 0.00, counted in the means');
    const skip = await run([...args, '--predicted-only', 'skip']);
    expect(lineOf(skip.stdout, 'Predicted only')).toContain('IoU —, left out of the means');
    expect(lineOf(skip.stdout, 'Settings:')).toContain('predicted-only skip');
    const markdown = await run([...args, '--predicted-only', 'skip', '--format', 'markdown']);
    expect(markdown.stdout).toContain('Predicted-only classes: 3 class_3 (IoU —, left out of the means)');
    expect(lineOf(markdown.stdout, 'Settings:')).toContain('predicted-only skip');
  });

  it("torchmetrics MeanIoU's −1 for a class never present is shown as −1, not −100.00 percent", async () => {
    const { stdout } = await run([...args, '--preset', 'torchmetrics-meaniou']);
    const row = lineOf(stdout, 'class_4');
    expect(row).toContain('−1');
    expect(row).not.toContain('100.00');
    expect(lineOf(stdout, 'Absent')).toContain("shown as −1 (the preset's value for a class never present");
  });

  it('kappa is a coefficient, β and the CI level are printed as given', async () => {
    const kappa = await run([...args, '--metrics', 'iou,kappa', '--beta', '2']);
    expect(kappa.stdout).toMatch(/kappa 0\.\d{4}/);
    expect(kappa.stdout).toContain('(percent; kappa as a coefficient)');
    expect(lineOf(kappa.stdout, 'Settings:')).toContain('β 2');
    const ci = await run([...args, '--ci', '0.999', '--bootstrap', '100']);
    expect(ci.stdout).toContain('99.9% bootstrap intervals');
  });

  it("Dice libraries' line gives their mDice, not an mIoU they do not report", async () => {
    const { stdout } = await run([...args, '--aggregate', 'image']);
    const line = lineOf(stdout, "Other libraries' mIoU");
    expect(line).toContain('mDice of Dice libraries: torchmetrics-dice');
    expect(line.slice(0, line.indexOf('mDice of'))).not.toContain('torchmetrics-dice');
  });
});
