/** One Adam7 pass of an interlaced PNG: where its pixels sit in the image and its size. */
export interface Adam7Pass {
  readonly xStart: number;
  readonly yStart: number;
  readonly xStep: number;
  readonly yStep: number;
  /** Pixels per row of the pass (0 when the pass is empty). */
  readonly width: number;
  /** Rows of the pass (0 when the pass is empty). */
  readonly height: number;
}

/** The seven Adam7 passes (PNG spec 8.2): x start, y start, x step, y step. */
const PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The seven Adam7 passes of a `width × height` image, empty ones included (width or height 0). */
export function adam7Passes(width: number, height: number): Adam7Pass[] {
  return PASSES.map(([xStart, yStart, xStep, yStep]) => ({
    xStart,
    yStart,
    xStep,
    yStep,
    width: width > xStart ? Math.ceil((width - xStart) / xStep) : 0,
    height: height > yStart ? Math.ceil((height - yStart) / yStep) : 0,
  }));
}

/**
 * Bytes of the inflated image data a PNG header allows: `height × (1 + rowBytes)` for a plain image,
 * the sum of that over the non-empty passes for an Adam7-interlaced one (an empty pass has no rows and
 * no filter bytes).
 */
export function inflatedImageSize(
  width: number,
  height: number,
  bitsPerPixel: number,
  interlaced: boolean,
): number {
  const rowBytes = (w: number) => Math.ceil((w * bitsPerPixel) / 8);
  if (!interlaced) return height * (1 + rowBytes(width));
  let total = 0;
  for (const pass of adam7Passes(width, height)) {
    if (pass.width > 0 && pass.height > 0) total += pass.height * (1 + rowBytes(pass.width));
  }
  return total;
}
