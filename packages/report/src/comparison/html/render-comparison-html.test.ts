import { describe, expect, it } from 'vitest';
import { sampleComparison } from '../../../test/sample-comparison.js';
import { buildComparisonReport } from '../build-comparison-report.js';
import { comparisonToJson } from '../comparison-to-json.js';
import { renderComparisonHtml } from './render-comparison-html.js';

function embedded(html: string): string {
  const open = '<script type="application/json" id="segmetrics-data">';
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf('</script>', start));
}

describe('renderComparisonHtml', () => {
  const report = buildComparisonReport({
    comparison: sampleComparison({
      images: 30,
      errorA: 0.25,
      errorB: 0.1,
      classNames: ['<b>road</b>', 'car', 'sky', 'train'],
    }),
    sources: { a: 'runs/<a>', b: 'runs/b' },
    run: { toolVersion: '9.9.9' },
  });
  const html = renderComparisonHtml({ report });

  it('embeds the comparison JSON, with < escaped', () => {
    expect(JSON.parse(embedded(html))).toEqual(JSON.parse(comparisonToJson(report)));
    expect(embedded(html)).not.toContain('<');
  });

  it('draws one bar row per class and one point per image, and the verdict', () => {
    const chart = html.slice(
      html.indexOf('id="class-delta-chart"'),
      html.indexOf('</svg>', html.indexOf('id="class-delta-chart"')),
    );
    expect(chart.match(/<g><title>/g)).toHaveLength(4);
    expect(chart).toContain('train: undefined');
    const scatter = html.slice(html.indexOf('id="image-delta-chart"'));
    expect(scatter.match(/<circle /g)).toHaveLength(
      report.perImage.filter((d) => Number.isFinite(d.delta)).length,
    );
    expect(html).toContain(
      `<p class="verdict verdict-better" id="verdict">${report.verdict.text.replace(/−/g, '−')}</p>`,
    );
  });

  it('escapes names and loads nothing from elsewhere', () => {
    expect(html).not.toContain('<b>road</b>');
    expect(html).toContain('&lt;b&gt;road&lt;/b&gt;');
    expect(html).toContain('runs/&lt;a&gt;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(renderComparisonHtml({ report })).toBe(html);
  });
});
