import { datasetPresets, vocColorMap } from '@segmetrics/io/presets';
import type { RgbTriple } from './html/class-colors.js';
import type { RunSettings } from './run-settings.js';

/**
 * The class colours of a run's report (pictures, bars, legend): the dataset preset's colours when
 * the run's dataset preset gives them for every class, else the PASCAL VOC colour map (distinct and
 * stable).
 */
export function runClassColors(settings: Pick<RunSettings, 'numClasses' | 'dataset'>): RgbTriple[] {
  const fallback = vocColorMap(Math.max(256, settings.numClasses));
  const preset =
    settings.dataset === null
      ? undefined
      : (datasetPresets as Readonly<Record<string, { colors?: readonly RgbTriple[] }>>)[settings.dataset];
  const colors = preset?.colors;
  return Array.from(
    { length: settings.numClasses },
    (_, k) =>
      (colors !== undefined && colors.length >= settings.numClasses ? colors[k] : undefined) ??
      fallback[k % 256]!,
  );
}
