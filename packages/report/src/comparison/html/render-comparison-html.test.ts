import { describe, expect, it } from 'vitest';
import { sampleComparison } from '../../../test/sample-comparison.js';
import { buildComparisonReport } from '../build-comparison-report.js';
import { comparisonToJson } from '../comparison-to-json.js';
import { chartLabel } from './comparison-class-chart.js';
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

  it('shortens long chart labels with … (the full name in the title) and shows bidirectional controls', () => {
    const long = `${'x'.repeat(300)}-road`;
    const page = renderComparisonHtml({
      report: buildComparisonReport({
        comparison: sampleComparison({
          images: 10,
          errorA: 0.2,
          errorB: 0.1,
          classNames: [long, '\u202Etxt.gnp', 'car', 'sky'],
        }),
        sources: { a: 'a', b: 'b' },
        run: { toolVersion: '1' },
      }),
    });
    expect(page).toContain(`<title>0 ${long}: B − A`);
    expect(page).not.toContain(`>${long}</text>`);
    expect(page).toContain(`>${chartLabel(long, 158)}</text>`);
    expect(page).toContain('>⟨U+202E⟩txt.gnp</text>');
    expect(page.slice(0, page.indexOf('<script'))).not.toContain('\u202E');
  });
});

describe('chartLabel', () => {
  it('chartLabel keeps a name that fits and shortens one that does not, ending in …', () => {
    expect(chartLabel('road', 158)).toBe('road');
    const short = chartLabel('x'.repeat(300), 158);
    expect(short.endsWith('…')).toBe(true);
    expect(short.length).toBeGreaterThan(10);
    expect(short.length).toBeLessThan(30);
    expect([...chartLabel('日本'.repeat(50), 158)].length).toBeLessThan([...short].length);
    expect(chartLabel('\u202Eab', 158)).toBe('⟨U+202E⟩ab');
  });
});
