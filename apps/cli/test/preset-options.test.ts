import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfusionMatrix, ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { resolveSettings, type SettingsFlags } from '../src/options/resolve-settings.js';
import { runReport } from '../src/report/run-report.js';
import { grayPng, runJson, tempDir } from './helpers.js';

/** One 2×2 image, 3 classes, ignore 0: gt [1, 1, 0, 2], pred [1, 0, 0, 2] (class 0 predicted once). */
const base: SettingsFlags = { numClasses: '3', ignoreIndex: ['0'] };

async function report(flags: SettingsFlags) {
  const settings = await resolveSettings({ ...base, ...flags });
  const matrix = new ConfusionMatrix(settings.matrixOptions).update([1, 0, 0, 2], [1, 1, 0, 2]);
  return runReport(matrix, settings).report;
}

describe('--preset-option and --predicted-only', () => {
  it('reach the metrics and the JSON settings through the command line', async () => {
    const dir = tempDir('preset-options');
    for (const [side, data] of [
      ['gt', [1, 1, 0, 2]],
      ['pred', [1, 0, 0, 2]],
    ] as const) {
      mkdirSync(join(dir, side));
      writeFileSync(join(dir, side, 'a.png'), grayPng(2, 2, data));
    }
    const json = await runJson([
      'eval',
      ...['--gt', join(dir, 'gt'), '--pred', join(dir, 'pred'), '--num-classes', '3', '--ignore-index', '0'],
      ...['--preset', 'sklearn', '--preset-option', 'labels=1,2', '--preset-option', 'zero_division=1'],
    ]);
    expect(json.settings).toMatchObject({
      preset: 'sklearn',
      presetOptions: { labels: [1, 2], zero_division: 1 },
    });
    expect((json.summary as { mIoU: number }).mIoU).toBe(0.75);
  });

  it('pass the library parameters and the policy to evaluate', async () => {
    // mmseg counts the prediction of the ignore index 0 as class 0: IoU [0, 1/2, 1], mIoU 1/2.
    expect((await report({ preset: 'mmseg' })).summary.mIoU).toBe(0.5);
    const tm = await report({
      preset: 'torchmetrics-jaccard',
      presetOption: ['average=none', 'zero_division=1'],
    });
    expect(tm.perClass.map((c) => c.iou)).toEqual([0, 0.5, 1]);
    const skip = await report({ predictedOnly: 'skip' });
    expect(skip.settings).toMatchObject({ predictedOnly: 'skip' });
  });

  it('refuses an unknown parameter, a bad value, a parameter without --preset or an inherited name', async () => {
    const refused = async (flags: SettingsFlags, code: string) =>
      expect(report(flags), JSON.stringify(flags)).rejects.toMatchObject({ code });
    await refused({ preset: 'sklearn', presetOption: ['label=1'] }, ErrorCode.INVALID_OPTION);
    await refused({ preset: 'sklearn', presetOption: ['labels=7'] }, ErrorCode.INVALID_OPTION);
    await refused({ presetOption: ['labels=1'] }, ErrorCode.INVALID_OPTION);
    await refused({ preset: 'constructor' }, ErrorCode.UNKNOWN_PRESET);
    await refused({ preset: '__proto__' }, ErrorCode.UNKNOWN_PRESET);
  });
});
