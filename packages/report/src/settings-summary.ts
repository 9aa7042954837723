import type { PresetOptions } from '@segmetrics/metrics';
import type { Report } from './report-model.js';

/** How many items of a list-valued preset option the line shows before `…`. */
const LISTED_ITEMS = 8;

/** A preset's resolved options as `name=value` pairs, e.g. `include_background=true, weight_type=square`. */
function presetOptionsText(options: PresetOptions): string {
  return Object.entries(options)
    .map(([name, value]) => {
      if (!Array.isArray(value)) return `${name}=${String(value)}`;
      const shown = value.slice(0, LISTED_ITEMS).join(',');
      return `${name}=[${shown}${value.length > LISTED_ITEMS ? ',…' : ''}]`;
    })
    .join(', ');
}

/**
 * The settings that produced a report's numbers in one line, e.g. `aggregate dataset · average macro ·
 * absent nan · ignore 255 · preset mmseg · dataset cityscapes`: what a reader needs to compare two
 * numbers honestly. Choices left at their defaults that change no number are not named; the others are:
 * predicted-only classes skipped, β ≠ 1, and a preset's options (all of them, resolved).
 */
export function settingsSummary(report: Pick<Report, 'settings' | 'classNames'>): string {
  const s = report.settings;
  const parts = [
    `aggregate ${s.aggregate}${s.imageReduce === null ? '' : ` (${s.imageReduce})`}`,
    `average ${s.average}`,
    `absent ${String(s.absent)}`,
    ...(s.predictedOnly === 'skip' ? ['predicted-only skip'] : []),
    `ignore ${s.ignoreIndex.length > 0 ? s.ignoreIndex.join(',') : 'none'}`,
  ];
  const mapping = s.labelMapping;
  if (mapping?.reduceZeroLabel) parts.push('reduce-zero-label');
  if (mapping !== null && mapping.table.length > 0) parts.push(`label map (${mapping.table.length} entries)`);
  if (mapping !== null && mapping.applyTo === 'gt') parts.push('mapping on ground truth only');
  if (s.excludeClasses.length > 0)
    parts.push(`excluded ${s.excludeClasses.map((k) => report.classNames[k] ?? String(k)).join(', ')}`);
  if (s.boundary !== null) parts.push(`boundary IoU r ${s.boundary.dilationRatio}`);
  if (s.beta !== 1) parts.push(`β ${s.beta}`);
  if (s.preset !== null) {
    const options = s.presetOptions === null ? '' : presetOptionsText(s.presetOptions);
    parts.push(`preset ${s.preset}${options === '' ? '' : ` (${options})`}`);
  }
  if (s.dataset !== null) parts.push(`dataset ${s.dataset}`);
  if (s.shard !== null) parts.push(`shard ${s.shard.index}/${s.shard.count}`);
  if (s.mergedStates !== undefined)
    parts.push(`merged ${s.mergedStates} state${s.mergedStates === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
