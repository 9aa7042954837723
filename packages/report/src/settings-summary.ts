import type { Report } from './report-model.js';

/**
 * The settings that produced a report's numbers in one line, e.g. `aggregate dataset · average macro ·
 * absent nan · ignore 255 · preset mmseg · dataset cityscapes`: what a reader needs to compare two
 * numbers honestly.
 */
export function settingsSummary(report: Pick<Report, 'settings' | 'classNames'>): string {
  const s = report.settings;
  const parts = [
    `aggregate ${s.aggregate}${s.imageReduce === null ? '' : ` (${s.imageReduce})`}`,
    `average ${s.average}`,
    `absent ${String(s.absent)}`,
    `ignore ${s.ignoreIndex.length > 0 ? s.ignoreIndex.join(',') : 'none'}`,
  ];
  const mapping = s.labelMapping;
  if (mapping?.reduceZeroLabel) parts.push('reduce-zero-label');
  if (mapping !== null && mapping.table.length > 0) parts.push(`label map (${mapping.table.length} entries)`);
  if (s.excludeClasses.length > 0)
    parts.push(`excluded ${s.excludeClasses.map((k) => report.classNames[k] ?? String(k)).join(', ')}`);
  if (s.boundary !== null) parts.push(`boundary IoU r ${s.boundary.dilationRatio}`);
  if (s.preset !== null) parts.push(`preset ${s.preset}`);
  if (s.dataset !== null) parts.push(`dataset ${s.dataset}`);
  if (s.shard !== null) parts.push(`shard ${s.shard.index}/${s.shard.count}`);
  if (s.mergedStates !== undefined) parts.push(`merged ${s.mergedStates} states`);
  return parts.join(' · ');
}
