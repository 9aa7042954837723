import { ConfusionMatrix } from '@segmetrics/core';
import { type EvaluateOptions, evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { settingsSummary } from './settings-summary.js';

function line(options: EvaluateOptions = {}, numClasses = 3): string {
  const m = new ConfusionMatrix({ numClasses, ignoreIndex: 255, perImage: true });
  m.update([0, 1, 2, 0], [0, 1, 1, 0], { sampleId: 'a' });
  return settingsSummary(
    buildReport({ evaluation: evaluate(m, options), matrix: m, run: { toolVersion: '2.0.0' } }),
  );
}

describe('settingsSummary', () => {
  it('says when the label mapping applies to the ground truth only (it flips numbers)', () => {
    const summary = (applyTo: 'gt' | 'both') => {
      const m = new ConfusionMatrix({ numClasses: 3, labelMapping: { reduceZeroLabel: true, applyTo } });
      m.update([0, 1, 2], [1, 2, 3]);
      return settingsSummary(
        buildReport({ evaluation: evaluate(m), matrix: m, run: { toolVersion: '2.0.0' } }),
      );
    };
    expect(summary('gt')).toContain('· reduce-zero-label · mapping on ground truth only');
    expect(summary('both')).not.toContain('ground truth only');
  });

  it('names the three choices and the ignore labels', () => {
    expect(line()).toBe('aggregate dataset · average macro · absent nan · ignore 255');
  });

  it('names every choice that changes a number: predicted-only skip, β, a preset and its options', () => {
    expect(line({ predictedOnly: 'skip' })).toBe(
      'aggregate dataset · average macro · absent nan · predicted-only skip · ignore 255',
    );
    expect(line({ beta: 2 })).toContain('· β 2');
    expect(line({ preset: 'detectron2' })).toContain('predicted-only skip · ignore 255 · preset detectron2');
    expect(
      line({ preset: 'torchmetrics-generalized-dice', presetOptions: { weight_type: 'linear' } }),
    ).toContain(
      'preset torchmetrics-generalized-dice (include_background=true, per_class=false, weight_type=linear)',
    );
    expect(line({ preset: 'sklearn', presetOptions: { labels: [0, 1, 2, 3, 4, 5, 6, 7, 8] } }, 12)).toMatch(
      /labels=\[0,1,2,3,4,5,6,7,…\]/,
    );
  });
});
