import { countNoun } from './count-noun.js';
import { formatLevel } from './format-level.js';

/** Below this many images, bootstrap intervals get a warning (docs/statistics.md measures why). */
export const FEW_IMAGES_FOR_INTERVALS = 30;

/**
 * The warning for bootstrap intervals (the CLI's `--ci` and `compare`, the web app's confidence level and
 * comparisons) over fewer than {@link FEW_IMAGES_FOR_INTERVALS} images: percentile intervals from few
 * images are optimistic (measured on the demo pool, a nominal 95% covered ≈ 90% at 10–20 images, less for
 * rare classes). The level as {@link formatLevel} prints it. `null` otherwise.
 */
export function fewImagesWarning(images: number, level: number): string | null {
  if (images >= FEW_IMAGES_FOR_INTERVALS) return null;
  return `bootstrap intervals over ${countNoun(images, 'image')} are optimistic: with a few dozen images or fewer a nominal ${formatLevel(level)} interval covers less (about 90% for 95% at 10–20 images, less for rare classes; docs/statistics.md)`;
}
