import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { checkOutputsOutsideSample } from './check-outputs-outside-sample.js';
import { sampleLayout } from './generate-sample-dataset.js';

describe('checkOutputsOutsideSample', () => {
  it('checkOutputsOutsideSample refuses an output among or inside the files of a sample not written yet, naming the option', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'segmetrics-outside-sample-'));
    const out = join(parent, 'out');
    symlinkSync(parent, join(parent, 'link'));
    const layout = sampleLayout(out, true);
    for (const path of [
      join(out, 'gt'),
      join(out, 'gt', 'sample_000.png'),
      join(out, 'pred', 'deeper', 'x.csv'),
      join(out, 'pred-b', 'x.json'),
      join(out, 'classes.txt'),
      join(parent, 'link', 'out', 'gt', 'sample_000.png'),
    ]) {
      await expect(checkOutputsOutsideSample(layout, [['--report', path]]), path).rejects.toMatchObject({
        code: ErrorCode.INVALID_OPTION,
        context: { option: '--report', value: path },
      });
    }
  });

  it('checkOutputsOutsideSample accepts other files in the --out folder, files beside it and no output', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'segmetrics-outside-sample-'));
    const out = join(parent, 'out');
    const outputs = [
      ['-o/--output', join(out, 'report.json')],
      ['--per-image', join(out, 'gt.csv')],
      ['--report', join(out, 'pred-b', 'x.html')],
      ['--report', join(parent, 'gt', 'x.html')],
      ['-o/--output', undefined],
    ] as const;
    // pred-b/ is part of the sample only with a second model.
    await expect(checkOutputsOutsideSample(sampleLayout(out, false), outputs)).resolves.toBeUndefined();
  });
});
