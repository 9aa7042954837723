import {
  type ComparisonReport,
  comparisonDirection,
  countNoun,
  formatDelta,
  formatDeltaInterval,
  formatLevel,
  formatPercent,
  formatPValue,
  type Report,
  scriptJson,
  UNDEFINED_VALUE,
} from '@segmetrics/report';
import type { ComparisonViews, EvaluationOutput, FolderReport } from '../app/evaluate-folders.js';
import { h } from './dom.js';

/** The summary values the headline and the comparison show, in this order. */
export const HEADLINE_METRICS = ['mIoU', 'mDice', 'aAcc', 'mAcc', 'fwIoU'] as const;

/** A readable name of a counting kernel reported by core (`wasm-simd-8bit` → `WebAssembly SIMD, 8-bit`). */
export function kernelName(kernel: string): string {
  const [engine, ...rest] = kernel.split('-');
  const what = rest.join('-');
  if (engine === 'wasm') return `WebAssembly ${what.replace('simd-', 'SIMD, ')}`;
  if (engine === 'js') return `JavaScript, ${what}`;
  return kernel;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileStem(folder: string): string {
  return `segmetrics-${folder.replace(/[^\w.-]+/g, '_')}`;
}

/** Sizes an iframe to its document's height, now and whenever that height changes. */
function autoHeight(frame: HTMLIFrameElement): void {
  frame.addEventListener('load', () => {
    const doc = frame.contentDocument;
    if (doc === null) return;
    const resize = () => {
      frame.style.height = `${doc.documentElement.scrollHeight}px`;
    };
    resize();
    new ResizeObserver(resize).observe(doc.documentElement);
  });
}

/** A summary value as a percentage (`66.64%`); an undefined value (NaN, 0/0) as `—`, with no unit. */
export function percentText(value: number | undefined): string {
  const text = formatPercent(value ?? Number.NaN);
  return text === UNDEFINED_VALUE ? text : `${text}%`;
}

function headline(report: Report, testId: string): HTMLElement {
  return h(
    'p',
    { class: 'headline' },
    ...HEADLINE_METRICS.flatMap((id, i) => {
      const value = report.summary[id];
      if (value === undefined) return [];
      const number = h('strong', id === 'mIoU' ? { 'data-testid': testId } : {}, percentText(value));
      return [i === 0 ? '' : ' · ', `${id} `, number];
    }),
  );
}

function reportPanel(folder: FolderReport, suffix: string): HTMLElement {
  const stem = fileStem(folder.folder);
  const frame = h('iframe', {
    class: 'report-frame',
    title: `segmetrics report of ${folder.folder}`,
    'data-testid': `report-frame${suffix}`,
  });
  frame.srcdoc = folder.html;
  autoHeight(frame);
  return h(
    'div',
    { class: 'report-panel' },
    h('h3', {}, folder.folder),
    headline(folder.report, `miou${suffix}`),
    h(
      'div',
      { class: 'downloads' },
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': `download-json${suffix}`,
          onclick: () => download(`${stem}.json`, folder.json, 'application/json'),
        },
        'JSON report',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': `download-csv${suffix}`,
          onclick: () => download(`${stem}.csv`, folder.csv, 'text/csv'),
        },
        'CSV',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': `download-html${suffix}`,
          onclick: () => download(`${stem}.html`, folder.html, 'text/html'),
        },
        'HTML report',
      ),
    ),
    // The JSON report as the HTML report embeds it (`reportToJson`, `<` escaped), readable from the page.
    h('script', { type: 'application/json', id: `segmetrics-data${suffix}` }),
    frame,
  );
}

/**
 * The comparison of the two folders, from its report model (`buildComparisonReport`, as `segmetrics
 * compare` builds it): the summary values of A and B, B − A in percentage points, its paired bootstrap
 * interval and permutation p-value (a difference coloured only when its interval excludes 0 on its side:
 * @segmetrics/report's `comparisonDirection`, as in every view), the verdict, the images where B loses
 * and gains most, downloads of the comparison's JSON (`compare --format json`) and HTML report (`compare
 * --report`), the JSON in `script#segmetrics-comparison` and the HTML report in an iframe. Nothing is
 * recomputed here.
 */
function comparisonView(a: FolderReport, b: FolderReport, views: ComparisonViews): HTMLElement {
  const { report } = views;
  const level = formatLevel(report.level);
  const deltas = report.delta as Readonly<Record<string, ComparisonReport['delta']['mIoU'] | undefined>>;
  const rows = HEADLINE_METRICS.filter((id) => a.report.summary[id] !== undefined).map((id) => {
    const delta = deltas[id];
    const estimate = delta?.estimate ?? Number.NaN;
    const direction = delta === undefined ? 0 : comparisonDirection(estimate, delta.ci);
    return h(
      'tr',
      { 'data-metric': id },
      h('th', { scope: 'row' }, id),
      h('td', {}, percentText(a.report.summary[id])),
      h('td', {}, percentText(b.report.summary[id])),
      h('td', { class: direction > 0 ? 'better' : direction < 0 ? 'worse' : '' }, formatDelta(estimate)),
      h('td', {}, formatDeltaInterval(delta?.ci ?? null)),
      h('td', {}, formatPValue(delta?.pValue ?? null)),
    );
  });
  const images = (title: string, list: ComparisonReport['losses']) =>
    list.length === 0
      ? null
      : h(
          'p',
          { class: 'note' },
          `${title}: `,
          list.map((image) => `${image.sampleId} (${formatDelta(image.delta)})`).join(', '),
        );
  const frame = h('iframe', {
    class: 'report-frame',
    title: 'segmetrics comparison report',
    'data-testid': 'comparison-frame',
  });
  frame.srcdoc = views.html;
  autoHeight(frame);
  const script = h('script', { type: 'application/json', id: 'segmetrics-comparison' });
  script.textContent = scriptJson(views.json);
  const verdictClass =
    report.verdict.outcome === 'better' ? 'better' : report.verdict.outcome === 'worse' ? 'worse' : '';
  return h(
    'figure',
    { class: 'comparison', 'data-testid': 'comparison' },
    h(
      'figcaption',
      {},
      `B − A on the same ${countNoun(report.images, 'image')} (percentage points), ${level} paired bootstrap intervals and permutation p-values (${report.samples} samples, seed ${report.seed})`,
    ),
    h('p', { class: `verdict ${verdictClass}`.trim(), 'data-testid': 'verdict' }, report.verdict.text),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, ''),
          h('th', { scope: 'col' }, `A: ${a.folder}`),
          h('th', { scope: 'col' }, `B: ${b.folder}`),
          h('th', { scope: 'col' }, 'B − A'),
          h('th', { scope: 'col' }, `${level} interval`),
          h('th', { scope: 'col' }, 'p'),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    images('Per-image mIoU, B loses most on', report.losses),
    images('B gains most on', report.gains),
    h(
      'div',
      { class: 'downloads' },
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'download-comparison-json',
          onclick: () => download('segmetrics-comparison.json', views.json, 'application/json'),
        },
        'Comparison JSON',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'download-comparison-html',
          onclick: () => download('segmetrics-comparison.html', views.html, 'text/html'),
        },
        'Comparison HTML report',
      ),
    ),
    script,
    frame,
  );
}

/**
 * The result of a run: per prediction folder, the headline numbers, download buttons (JSON, CSV,
 * standalone HTML), the JSON report in `script#segmetrics-data` (B: `#segmetrics-data-b`) and the HTML
 * report itself in an iframe (the same document the download gives, so the same look and behaviour);
 * with two folders, the comparison (B − A; its JSON in `script#segmetrics-comparison`) above both reports,
 * side by side.
 */
export function resultView(output: EvaluationOutput): HTMLElement {
  const [a, b] = output.reports;
  const panels = output.reports.map((folder, i) => reportPanel(folder, i === 0 ? '' : '-b'));
  output.reports.forEach((folder, i) => {
    const script = panels[i]!.querySelector('script')!;
    script.textContent = scriptJson(folder.json);
  });
  return h(
    'div',
    { class: b === undefined ? 'result-body' : 'result-body compare' },
    a !== undefined && b !== undefined && output.comparisonReport !== null
      ? comparisonView(a, b, output.comparisonReport)
      : null,
    h('div', { class: 'panels' }, ...panels),
  );
}
