import { ConfusionMatrix } from '@segmetrics/core';
import { comparePresets, evaluate } from '@segmetrics/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { markdownCell, reportToMarkdown } from './report-to-markdown.js';

describe('reportToMarkdown', () => {
  it('prints the summary, a row per class, the libraries and the settings', () => {
    const m = new ConfusionMatrix({ numClasses: 3, ignoreIndex: 255 });
    m.update([0, 1, 1, 0], [0, 1, 0, 0]);
    const classNames = ['bg', 'a|b', 'c'];
    const report = buildReport({
      evaluation: evaluate(m, { classNames }),
      matrix: m,
      libraries: comparePresets(m, { classNames }),
      run: { toolVersion: '2.0.0' },
    });
    const text = reportToMarkdown(report);
    expect(text).toContain('## segmetrics: 1 images, 3 classes');
    expect(text).toContain(`| ${(report.summary.mIoU * 100).toFixed(2)} |`);
    expect(text).toContain('| 1 | a\\|b |');
    expect(text).toContain('| 2 | c | — |');
    expect(text).toContain('Absent classes: 2 c.');
    expect(text).toContain('| `sklearn` |');
    expect(text).toContain(
      'Settings: aggregate dataset · average macro · absent nan · ignore 255; segmetrics 2.0.0.',
    );
  });
});

describe('markdownCell', () => {
  it('escapes pipes, backslashes, HTML brackets and line breaks', () => {
    expect(markdownCell('a|b\\c<d>\ne')).toBe('a\\|b\\\\c&lt;d&gt; e');
  });
});
