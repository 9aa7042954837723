import type { CliReport } from './build-report.js';
import { percent } from './format-table.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The report as GitHub-flavoured Markdown: summary table, per-class table (percentages, — for 0/0),
 * absent and predicted-only classes, top confused pairs and the settings.
 */
export function formatMarkdown(report: CliReport): string {
  const s = report.summary;
  const lines = [
    `## segmetrics: ${report.images} images, ${report.numClasses} classes`,
    '',
    '| mIoU | mDice | aAcc | mAcc | fwIoU |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${[s.mIoU, s.mDice, s.aAcc, s.mAcc, s.fwIoU].map((v) => percent(v ?? Number.NaN)).join(' | ')} |`,
    '',
    '| id | class | IoU | Dice | Precision | Recall | Support |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of report.perClass) {
    lines.push(
      `| ${row.id} | ${escapeCell(row.name)} | ${percent(row.iou)} | ${percent(row.dice)} | ${percent(row.precision)} | ${percent(row.recall)} | ${row.support} |`,
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
