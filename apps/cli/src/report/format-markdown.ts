import type { CliReport } from './build-report.js';
import { percent } from './format-table.js';
import type { MetricSelection } from './select-metrics.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The report as GitHub-flavoured Markdown: summary table, per-class table (percentages, — for 0/0),
 * absent and predicted-only classes, top confused pairs and the settings.
 */
export function formatMarkdown(report: CliReport, selection: MetricSelection): string {
  const s = report.summary;
  const value = (v: unknown, kind: 'ratio' | 'count') =>
    typeof v === 'number' ? (kind === 'ratio' ? percent(v) : String(v)) : '—';
  const lines = [
    `## segmetrics: ${report.images} images, ${report.numClasses} classes`,
    '',
    `| ${selection.summaries.join(' | ')} |`,
    `| ${selection.summaries.map(() => '---:').join(' | ')} |`,
    `| ${selection.summaries.map((id) => percent(s[id] ?? Number.NaN)).join(' | ')} |`,
    '',
    `| id | class | ${selection.columns.map((c) => c.label).join(' | ')} |`,
    `| ---: | --- | ${selection.columns.map(() => '---:').join(' | ')} |`,
  ];
  for (const row of report.perClass) {
    lines.push(
      `| ${row.id} | ${escapeCell(row.name)} | ${selection.columns.map((c) => value(row[c.id], c.kind)).join(' | ')} |`,
    );
  }
  const named = (ids: readonly number[]) =>
    ids.length === 0 ? 'none' : ids.map((k) => `${k} ${escapeCell(report.classNames[k] ?? '')}`).join(', ');
  lines.push(
    '',
    `Values in percent; — is 0/0. Absent classes: ${named(report.absentClasses)}. Predicted-only classes: ${named(report.predictedOnlyClasses)}.`,
  );
  if (report.confusedPairs.length > 0) {
    lines.push(
      '',
      '| ground truth | predicted as | pixels | share of ground truth |',
      '| --- | --- | ---: | ---: |',
    );
    for (const p of report.confusedPairs.slice(0, 5)) {
      lines.push(
        `| ${escapeCell(p.gtName)} | ${escapeCell(p.predictedName)} | ${p.pixels} | ${percent(p.shareOfGt)}% |`,
      );
    }
  }
  const st = report.settings;
  lines.push(
    '',
    `Settings: aggregate \`${String(st.aggregate)}\`${st.aggregate === 'image' ? ` (\`${String(st.imageReduce)}\`)` : ''}, ` +
      `average \`${String(st.average)}\`, absent \`${String(st.absent)}\`, ignore \`${JSON.stringify(st.ignoreIndex)}\`` +
      `${st.preset === null ? '' : `, preset \`${String(st.preset)}\``}; segmetrics ${report.version}.`,
  );
  return `${lines.join('\n')}\n`;
}
