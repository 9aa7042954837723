import { cssColor, type RgbTriple } from './class-colors.js';

/**
 * The heatmap's colour ramp (ColorBrewer "Blues", white to dark blue) over √share: a cell's colour is
 * the ramp at √(count / class pixels), so confusions of a few percent stay visible beside a diagonal
 * near 100%. Exactly-zero cells stay white; any nonzero share gets at least {@link RAMP_MIN}.
 */
export const HEATMAP_RAMP: readonly RgbTriple[] = [
  [247, 251, 255],
  [198, 219, 239],
  [107, 174, 214],
  [33, 113, 181],
  [8, 48, 107],
];

/** The smallest ramp position of a nonzero share (so that one pixel shows). */
export const RAMP_MIN = 0.06;

/** The CSS gradient of the ramp over √share (for the scale under the heatmap). */
export function rampGradient(): string {
  const n = HEATMAP_RAMP.length - 1;
  return `linear-gradient(to right, ${HEATMAP_RAMP.map((c, i) => `${cssColor(c)} ${((i / n) * 100).toFixed(0)}%`).join(', ')})`;
}
