/** An RGB colour, each channel an integer in [0, 255]. */
export type RgbTriple = readonly [number, number, number];

/**
 * The colours the CLI uses for the report's pictures besides the class colours: `ignored` for pixels
 * whose label is an ignore label (VOC's "void" border colour), and the error map's `correct`, `wrong`
 * and `errorIgnored` (the defaults of `@segmetrics/io`'s `encodeErrorMapPng`). The legend shows them.
 */
export const REPORT_PICTURE_COLORS = {
  ignored: [224, 224, 192],
  correct: [0, 0, 0],
  wrong: [255, 0, 0],
  errorIgnored: [128, 128, 128],
} as const satisfies Readonly<Record<string, RgbTriple>>;

/**
 * The PASCAL VOC colour map (bits of the index spread over the high bits of r, g and b; the same
 * colours as `@segmetrics/io`'s `vocColorMap`): distinct, stable colours for classes without a dataset
 * palette. Index 0 is black, 1 is (128, 0, 0).
 */
export function defaultClassColors(count: number): RgbTriple[] {
  const colors: RgbTriple[] = [];
  for (let i = 0; i < count; i++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let c = i;
    for (let j = 0; j < 8; j++) {
      r |= (c & 1) << (7 - j);
      g |= ((c >> 1) & 1) << (7 - j);
      b |= ((c >> 2) & 1) << (7 - j);
      c >>= 3;
    }
    colors.push([r, g, b]);
  }
  return colors;
}

/** `#rrggbb` of a colour (channels clamped to [0, 255] and rounded). */
export function cssColor(color: RgbTriple): string {
  return `#${color
    .map((v) =>
      Math.max(0, Math.min(255, Math.round(v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
