import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';
import { roundHalfEven } from './internal/round-half-even.js';
import { MAX_DILATION_RATIO } from './types.js';

/**
 * The boundary width d of Boundary IoU for a `width` × `height` image: d = max(1, round(r · √(H² + W²)))
 * with Python's `round` (half to even), as the paper's reference code computes it (Cheng et al., "Boundary
 * IoU: Improving Object-Centric Image Segmentation Evaluation", CVPR 2021, `mask_to_boundary`). A pixel of
 * a class is on the class's boundary when some pixel of another class, or the outside of the image, lies
 * within chessboard distance d of it. The tie matters: a 500 × 375 image at r = 0.02 gives exactly 12.5,
 * so d = 12 (`Math.round` would give 13).
 *
 * Throws `INVALID_OPTION` for a size that is not a non-negative safe integer or a ratio outside
 * (0, {@link MAX_DILATION_RATIO}].
 *
 * @example boundaryDilation(500, 375, 0.02) // 12
 */
export function boundaryDilation(width: number, height: number, dilationRatio: number): number {
  for (const [option, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `${option} must be a non-negative integer, got ${String(value)}`,
        { context: { option, value } },
      );
    }
  }
  if (
    typeof dilationRatio !== 'number' ||
    !Number.isFinite(dilationRatio) ||
    dilationRatio <= 0 ||
    dilationRatio > MAX_DILATION_RATIO
  ) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `dilationRatio must be a number in (0, ${MAX_DILATION_RATIO}], got ${String(dilationRatio)}`,
      { context: { option: 'dilationRatio', value: dilationRatio, limit: MAX_DILATION_RATIO } },
    );
  }
  return dilationOf(width, height, dilationRatio);
}

/** {@link boundaryDilation} without the argument checks (for validated settings and sizes). */
export function dilationOf(width: number, height: number, dilationRatio: number): number {
  return Math.max(1, roundHalfEven(dilationRatio * Math.sqrt(height * height + width * width)));
}
