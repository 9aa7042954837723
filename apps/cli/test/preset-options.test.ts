import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grayPng, runCli, runJson, tempDir } from './helpers.js';

/** One 2×2 image, 3 classes, ignore 0: gt [1, 1, 0, 2], pred [1, 0, 0, 2] (class 0 predicted once). */
function dataset(): string[] {
  const dir = tempDir('preset-options');
  for (const [side, data] of [
    ['gt', [1, 1, 0, 2]],
    ['pred', [1, 0, 0, 2]],
  ] as const) {
    mkdirSync(join(dir, side));
    writeFileSync(join(dir, side, 'a.png'), grayPng(2, 2, data));
  }
  return [
    'eval',
    '--gt',
    join(dir, 'gt'),
    '--pred',
    join(dir, 'pred'),
    '--num-classes',
    '3',
    '--ignore-index',
    '0',
  ];
}

describe('--preset-option and --predicted-only', () => {
  it('pass the library parameters and the policy to the metrics, recorded in the JSON settings', () => {
    const args = dataset();
    // mmseg counts the prediction of the ignore index 0 as class 0: IoU [0, 1/2, 1], mIoU 1/2.
    expect((runJson([...args, '--preset', 'mmseg']).summary as { mIoU: number }).mIoU).toBe(0.5);
    const sklearn = runJson([...args, '--preset', 'sklearn', '--preset-option', 'labels=1,2']);
    expect(sklearn.settings).toMatchObject({ preset: 'sklearn', presetOptions: { labels: [1, 2] } });
    expect((sklearn.summary as { mIoU: number }).mIoU).toBe(0.75);
    const skip = runJson([...args, '--predicted-only', 'skip']);
    expect(skip.settings).toMatchObject({ predictedOnly: 'skip' });
  });

  it('refuses an unknown parameter, a bad value or a parameter without --preset (exit 2)', () => {
    const args = dataset();
    for (const extra of [
      ['--preset', 'sklearn', '--preset-option', 'label=1'],
      ['--preset', 'sklearn', '--preset-option', 'labels=7'],
      ['--preset-option', 'labels=1'],
      ['--preset', 'constructor'],
    ]) {
      const result = runCli([...args, ...extra]);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^error: /m);
    }
  });
});
