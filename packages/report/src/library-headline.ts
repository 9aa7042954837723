import { getPreset } from '@segmetrics/metrics';
import type { ReportLibrary } from './report-model.js';

/**
 * The one number a library reports on the counts, for one-line summaries: its preset's headline class
 * mean (`mDice` for the torchmetrics Dice scores, else `mIoU`) under its conventions; `null` when the
 * run cannot give the library's summary (`lib.reason` says why).
 */
export function libraryHeadline(lib: ReportLibrary): { metric: 'mIoU' | 'mDice'; value: number } | null {
  if (lib.summary === null) return null;
  const metric = getPreset(lib.preset).headline;
  return { metric, value: lib.summary[metric] };
}
