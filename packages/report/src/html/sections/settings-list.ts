import type { Report } from '../../report-model.js';
import { describePartial } from '../../report-partial.js';
import { nameHtml } from '../display-name.js';
import { escapeHtml } from '../escape-html.js';

/** Settings keys the list below explains; any other key (a later addition) is printed as JSON. */
const KNOWN = new Set([
  'preset',
  'aggregate',
  'imageReduce',
  'average',
  'absent',
  'beta',
  'tverskyAlpha',
  'tverskyBeta',
  'excludeClasses',
  'ignoreIndex',
  'labelMapping',
  'quirks',
  'metrics',
  'dataset',
  'shard',
  'mergedStates',
  'metricsVersion',
  'boundary',
  'partial',
]);

const AVERAGE: Readonly<Record<string, string>> = {
  macro: 'macro: unweighted mean over classes',
  micro: 'micro: counts pooled over classes, then one ratio',
  weighted: 'weighted: mean weighted by class support',
  none: 'none: per-class values only',
};

function absentText(settings: Report['settings']): string {
  const { absent, quirks } = settings;
  const policy =
    absent === 'nan'
      ? 'NaN: left out of the means (— in tables, null in JSON)'
      : `${absent === 'zero' ? 0 : absent === 'one' ? 1 : absent}: counted in the means`;
  const notes: string[] = [];
  // Presets whose library treats 0/0 its own way (see the per-class notes for what it did here).
  if (quirks.absentClassesSkipped) {
    notes.push(
      'a class absent from a unit is not evaluated there (NaN, left out of every mean): the policy gives only the other 0/0 ratios',
    );
  }
  if (quirks.emptyMeanValue !== null) notes.push(`a mean over no defined value is ${quirks.emptyMeanValue}`);
  if (quirks.perClassAbsentValue !== null) {
    notes.push(
      `a class never present is shown as ${quirks.perClassAbsentValue} per class and left out of the means`,
    );
  }
  return notes.length === 0 ? policy : `${policy}; preset: ${notes.join('; ')}`;
}

function mappingText(report: Pick<Report, 'settings'>): string {
  const mapping = report.settings.labelMapping;
  if (mapping === null) return 'none';
  const parts: string[] = [];
  if (mapping.reduceZeroLabel) parts.push('reduce-zero-label (raw 0 ignored, raw k → class k − 1)');
  if (mapping.applyTo === 'gt') parts.push('on the ground truth only (predictions are class ids)');
  if (mapping.table.length > 0) {
    const entries = mapping.table
      .map(([raw, mapped]) => `${raw} → ${mapped === null ? 'ignored' : mapped}`)
      .join(', ');
    parts.push(
      `<details class="inline"><summary>table of ${mapping.table.length} raw values</summary><span class="mono">${escapeHtml(entries)}</span></details>`,
    );
  }
  return parts.join('; ');
}

/** The settings that produced the numbers, as `<dt>`/`<dd>` pairs (the HTML report's header). */
export function settingsList(
  report: Pick<Report, 'settings' | 'classNames' | 'libraries' | 'schemaVersion' | 'version'>,
): string {
  const s = report.settings;
  const names = (ids: readonly number[]) =>
    ids.length === 0
      ? 'none'
      : nameHtml(ids.map((k) => `${k} ${report.classNames[k] ?? ''}`.trim()).join(', '));
  const presetLine =
    s.preset === null
      ? 'none (segmetrics defaults)'
      : escapeHtml(
          `${s.preset}${(() => {
            const lib = report.libraries.find((l) => l.preset === s.preset);
            return lib === undefined ? '' : ` — ${lib.description}`;
          })()}`,
        );
  const items: [string, string][] = [
    [
      'Aggregation',
      s.aggregate === 'dataset'
        ? 'dataset: counts summed over all images, then divided once'
        : `image (${escapeHtml(String(s.imageReduce))}): values per image, then averaged`,
    ],
    ['Averaging', escapeHtml(AVERAGE[s.average] ?? s.average)],
    ['Absent classes (0/0)', escapeHtml(absentText(s))],
    ['Ignore labels', s.ignoreIndex.length === 0 ? 'none' : escapeHtml(s.ignoreIndex.join(', '))],
    ['Label mapping', mappingText(report)],
    ['Excluded from means', names(s.excludeClasses)],
    ['Preset', presetLine],
    ['Dataset', s.dataset === null ? 'none' : nameHtml(s.dataset)],
    ['F-score β, Tversky α/β', escapeHtml(`${s.beta}, ${s.tverskyAlpha}/${s.tverskyBeta}`)],
    [
      'Scope',
      s.shard === null
        ? s.mergedStates === undefined
          ? 'whole dataset'
          : `merge of ${s.mergedStates} state file${s.mergedStates === 1 ? '' : 's'}`
        : `shard ${s.shard.index} of ${s.shard.count} (numbered 1 … ${s.shard.count})`,
    ],
    ...(s.partial === undefined || s.partial === null
      ? []
      : ([
          [
            'Partial result',
            `<strong>${escapeHtml(describePartial(s.partial).replace(/^partial result: /, ''))}</strong>`,
          ],
        ] as [string, string][])),
    ['Metrics shown', s.metrics === null ? 'default set' : escapeHtml(s.metrics.join(', '))],
    [
      'Boundary IoU',
      s.boundary === null || s.boundary === undefined
        ? 'not counted'
        : escapeHtml(
            `dilation ratio r = ${s.boundary.dilationRatio}: boundaries d = max(1, round(r·√(H² + W²))) px wide per image (Cheng et al., CVPR 2021, per class)`,
          ),
    ],
  ];
  // Keys added later: shown when set (a null or an absent value says nothing), strings as they are.
  for (const [key, value] of Object.entries(s)) {
    if (KNOWN.has(key) || value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    items.push([escapeHtml(key), `<span class="mono">${escapeHtml(text)}</span>`]);
  }
  items.push([
    'Versions',
    escapeHtml(
      `segmetrics ${report.version} · @segmetrics/metrics ${s.metricsVersion} · report schema ${report.schemaVersion}`,
    ),
  ]);
  return items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('');
}
