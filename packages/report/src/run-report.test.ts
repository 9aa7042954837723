import { ConfusionMatrix } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { reportToJson } from './report-to-json.js';
import { resolveRunSettings } from './resolve-run-settings.js';
import { buildRunReport, runLibraries } from './run-report.js';

function counted(perImage: boolean, ignoreIndex: readonly number[] = [255]): ConfusionMatrix {
  const settings = resolveRunSettings({ numClasses: 3, ignoreIndex });
  const matrix = new ConfusionMatrix({ ...settings.matrixOptions, perImage });
  matrix.update([0, 1, 2, 2], [0, 1, 1, 255], { sampleId: 'a' });
  matrix.update([1, 1, 0, 0], [1, 1, 0, 2], { sampleId: 'b' });
  return matrix;
}

describe('runLibraries', () => {
  it('runLibraries leaves imagewise presets out when per-image statistics were kept only for pictures', () => {
    const settings = resolveRunSettings({ numClasses: 3, ignoreIndex: [255] });
    const withImages = runLibraries(counted(true), settings, true);
    const reportOnly = runLibraries(counted(true), settings, false);
    const without = runLibraries(counted(false), settings);
    const imagewise = withImages.findIndex((o) => o.preset === 'torchmetrics-meaniou');
    expect(withImages[imagewise]?.summary).not.toBeNull();
    expect(reportOnly).toEqual(without);
    expect(reportOnly[imagewise]?.summary).toBeNull();
  });

  it('runLibraries gives imagewise presets the reason of counts without per-image statistics, also where predictions of several ignore labels were counted', () => {
    // Class 2 is also ignored here, and predicted on counted pixels: imagewise presets fail on the
    // ignore labels when they see per-image statistics, on the missing statistics when they do not.
    const settings = resolveRunSettings({ numClasses: 3, ignoreIndex: [2, 255] });
    const reportOnly = runLibraries(counted(true, [2, 255]), settings, false);
    const without = runLibraries(counted(false, [2, 255]), settings);
    expect(reportOnly).toEqual(without);
    const imagewise = reportOnly.find((o) => o.preset === 'torchmetrics-meaniou');
    expect(imagewise?.reason).toMatch(/per-image/);
    expect(
      runLibraries(counted(true, [2, 255]), settings, true).find((o) => o.preset === 'torchmetrics-meaniou')
        ?.reason,
    ).toMatch(/ignore labels/);
  });
});

describe('buildRunReport', () => {
  it('buildRunReport gives the same JSON report for a matrix with per-image statistics kept for pictures', () => {
    const settings = resolveRunSettings({ numClasses: 3, ignoreIndex: [255] });
    const plain = buildRunReport(counted(false), settings, { toolVersion: '1.2.3' });
    const pictures = buildRunReport(counted(true), settings, {
      toolVersion: '1.2.3',
      perImage: true,
      presetsPerImage: false,
    });
    expect(reportToJson(pictures.report)).toBe(reportToJson(plain.report));
    expect(pictures.evaluation.perImage?.map((image) => image.sampleId)).toEqual(['a', 'b']);
    expect(plain.report.version).toBe('1.2.3');
  });
});
