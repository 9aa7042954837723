import { getDatasetPreset } from '@segmetrics/io/presets';

/**
 * The warning for `--dataset NAME --num-classes N` without `--classes`, when N is not the preset's class
 * count: the preset's class names cannot follow another count, so classes are named `class_0` … and
 * the preset's other defaults (ignore labels, label mapping, palette) still apply. `null` otherwise.
 */
export function datasetClassCountWarning(flags: {
  dataset?: string | undefined;
  classes?: string | undefined;
  numClasses: number;
}): string | null {
  if (flags.dataset === undefined || flags.classes !== undefined) return null;
  const preset = getDatasetPreset(flags.dataset);
  if (preset.numClasses === flags.numClasses) return null;
  const last = flags.numClasses - 1;
  return `--num-classes ${flags.numClasses} is not the ${flags.dataset} preset's ${preset.numClasses} classes: its class names are not used (classes are named class_0${last > 0 ? ` … class_${last}` : ''}; give --classes FILE for names); its other defaults (ignore labels, label mapping, mask palette) still apply where no option replaces them`;
}
