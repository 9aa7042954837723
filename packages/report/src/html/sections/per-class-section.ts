import { absentClassesNote, formatClassRatio, predictedOnlyNote } from '../../class-status-notes.js';
import { countNoun } from '../../count-noun.js';
import { formatLevel } from '../../format-level.js';
import { escapeHtml } from '../escape-html.js';
import type { HtmlContext } from '../html-context.js';
import { className, count, interval, pct, sortValue } from '../html-format.js';
import type { ReportSection } from '../report-section.js';

/** A column of the per-class table. */
export interface ClassColumn {
  /** Key in the report's `perClass` rows. */
  readonly key: string;
  readonly label: string;
  readonly kind: 'ratio' | 'count';
  /** Explanation shown on hover. */
  readonly title: string;
}

const BASE: readonly ClassColumn[] = [
  { key: 'iou', label: 'IoU', kind: 'ratio', title: 'TP / (TP + FP + FN)' },
  { key: 'dice', label: 'Dice', kind: 'ratio', title: '2TP / (2TP + FP + FN)' },
  { key: 'precision', label: 'Precision', kind: 'ratio', title: 'TP / (TP + FP)' },
  { key: 'recall', label: 'Recall', kind: 'ratio', title: 'TP / (TP + FN): class accuracy' },
];

/** Per-class values other streams add, shown as columns when any row has them. */
const OPTIONAL: readonly ClassColumn[] = [
  {
    key: 'boundaryIoU',
    label: 'Boundary IoU',
    kind: 'ratio',
    title: 'Boundary IoU (Cheng et al., CVPR 2021)',
  },
  { key: 'iiou', label: 'iIoU', kind: 'ratio', title: 'instance-level IoU (Cityscapes)' },
];

const COUNTS: readonly ClassColumn[] = [
  { key: 'support', label: 'Support', kind: 'count', title: 'ground-truth pixels of the class' },
  { key: 'predicted', label: 'Predicted', kind: 'count', title: 'pixels predicted as the class' },
];

/**
 * The per-class table's metric columns: IoU, Dice, precision, recall, any other ratio metric the
 * `--metrics` selection shows (F-score, specificity, ...), Boundary IoU and iIoU when present, support
 * and predicted pixels.
 */
export function classColumns(context: HtmlContext): ClassColumn[] {
  const columns = [...BASE];
  for (const col of context.selection.columns) {
    if (col.kind === 'ratio' && !columns.some((c) => c.key === col.id)) {
      columns.push({ key: col.id, label: col.label, kind: 'ratio', title: col.label });
    }
  }
  const rows = context.report.perClass as readonly Readonly<Record<string, unknown>>[];
  for (const col of OPTIONAL) if (rows.some((row) => typeof row[col.key] === 'number')) columns.push(col);
  return [...columns, ...COUNTS];
}

function header(
  label: string,
  key: string,
  type: 'number' | 'text',
  title: string,
  numeric: boolean,
): string {
  return (
    `<th scope="col" aria-sort="none"${numeric ? ' class="num"' : ''}${title === '' ? '' : ` title="${escapeHtml(title)}"`}>` +
    `<button type="button" class="sort" data-key="${escapeHtml(key)}" data-type="${type}">${escapeHtml(label)}` +
    '<span class="arrow" aria-hidden="true"></span></button></th>'
  );
}

/** How the per-class note names the convention that dropped pixels: `the keras convention`. */
function conventionName(preset: string | null): string {
  return preset === null ? 'this convention' : `the ${escapeHtml(preset)} convention`;
}

/**
 * The per-class table: id, class (with its colour), the metric columns in percent (— for 0/0),
 * support and predicted pixels, and a status (absent, predicted only, excluded from means) — every
 * class is listed, none hidden. The page's script sorts it by any column, the IoU interval by its
 * lower bound (stable, undefined values last, a second click reverses) and filters it by class name.
 */
export function perClassSection(context: HtmlContext): ReportSection {
  const { report, colors } = context;
  const columns = classColumns(context);
  const absent = new Set(report.absentClasses);
  const predictedOnly = new Set(report.predictedOnlyClasses);
  const excluded = new Set(report.settings.excludeClasses);
  const ci = report.confidence;
  const ciLabel = ci === undefined ? '' : `CI (${formatLevel(ci.level)})`;
  const head = [
    header('#', 'id', 'number', 'class id', true),
    header('Class', 'name', 'text', '', false),
    ...columns.map((col) => header(col.label, col.key, 'number', col.title, true)),
    ...(ci === undefined
      ? []
      : [
          header(
            ciLabel,
            'ci',
            'number',
            `${ciLabel} bootstrap interval of the class IoU; sorts by the lower bound`,
            true,
          ),
        ]),
    header('Status', 'status', 'text', 'absent: neither in ground truth nor predicted', false),
  ].join('');
  const rows = report.perClass.map((row) => {
    const values = row as unknown as Readonly<Record<string, number>>;
    const status: string[] = [];
    if (absent.has(row.id)) status.push('<span class="badge badge-absent">absent</span>');
    if (predictedOnly.has(row.id)) status.push('<span class="badge badge-predonly">predicted only</span>');
    if (excluded.has(row.id)) status.push('<span class="badge badge-excluded">excluded from means</span>');
    const statusText = [
      absent.has(row.id) ? 'absent' : '',
      predictedOnly.has(row.id) ? 'predicted only' : '',
      excluded.has(row.id) ? 'excluded' : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    const cells = columns.map((col) => {
      const v = values[col.key];
      const text =
        col.kind === 'ratio'
          ? typeof v === 'number'
            ? formatClassRatio(report, row.id, v)
            : pct(v)
          : count(v);
      const tone =
        col.key === 'iou' && typeof v === 'number' && Number.isFinite(v)
          ? v >= 0.75
            ? ' good'
            : v < 0.5
              ? ' bad'
              : ''
          : '';
      return `<td class="num${tone}" data-v="${sortValue(v)}">${text}</td>`;
    });
    if (ci !== undefined) {
      // Sorted by the lower bound; an interval that is not fully defined (shown as —) sorts last.
      const bounds = ci.perClass[row.id];
      const text = interval(bounds);
      const low = text === '—' ? Number.NaN : bounds?.[0];
      cells.push(`<td class="num ci" data-v="${sortValue(low)}">${text}</td>`);
    }
    const classes = [absent.has(row.id) ? 'absent' : '', predictedOnly.has(row.id) ? 'predicted-only' : '']
      .filter((s) => s !== '')
      .join(' ');
    return (
      `<tr data-id="${row.id}"${classes === '' ? '' : ` class="${classes}"`}>` +
      `<td class="num" data-v="${row.id}">${row.id}</td>` +
      `<th scope="row" class="name" data-v="${escapeHtml(row.name)}">${className(row.name, colors[row.id] ?? '#888')}</th>` +
      `${cells.join('')}<td data-v="${statusText}">${status.join(' ')}</td></tr>`
    );
  });
  const named = (ids: readonly number[]) =>
    ids
      .map(
        (k) =>
          `<span class="chip">${className(report.classNames[k] ?? String(k), colors[k] ?? '#888')}</span>`,
      )
      .join(' ');
  const notes: string[] = [];
  if (report.absentClasses.length > 0) {
    notes.push(
      `<p><strong>Absent</strong> (neither in the ground truth nor predicted: 0/0; ${escapeHtml(absentClassesNote(report))}): ${named(report.absentClasses)}</p>`,
    );
  }
  if (report.predictedOnlyClasses.length > 0) {
    notes.push(
      `<p><strong>Predicted only</strong> (predicted but never in the ground truth; ${escapeHtml(predictedOnlyNote(report))}): ${named(report.predictedOnlyClasses)}</p>`,
    );
  }
  const { dropped, predictedIgnore } = report.pixels;
  if (predictedIgnore - dropped > 0) {
    notes.push(
      `<p><strong>Predicted as an ignore label</strong> on counted pixels (misses of their class): ${countNoun(predictedIgnore - dropped, 'pixel')}.</p>`,
    );
  }
  if (dropped > 0) {
    notes.push(
      `<p><strong>Dropped</strong> (predicted as an ignore label; not counted under ${conventionName(report.settings.preset)}, so neither misses of their class nor in its support): ${countNoun(dropped, 'pixel')}.</p>`,
    );
  }
  const tall = report.numClasses > 30 ? ' tall' : '';
  const body =
    `<div class="table-tools"><label for="class-filter">Filter classes</label> ` +
    `<input type="search" id="class-filter" placeholder="name or id" autocomplete="off"> ` +
    `<span class="muted" id="class-count" aria-live="polite">${report.numClasses} classes</span></div>\n` +
    `<div class="table-scroll${tall}"><table class="data per-class" id="per-class-table">` +
    '<caption>Per-class results in percent (— = undefined, 0/0). Select a column header to sort; select it again to reverse.</caption>' +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table></div>\n${notes.join('\n')}`;
  return { id: 'per-class', title: 'Per-class results', body };
}
