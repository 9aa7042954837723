import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/** Largest accepted width or height, so a typo cannot allocate gigabytes. */
const MAX_SIDE = 16384;
/** Smallest accepted width or height: below this the scene's objects vanish. */
const MIN_SIDE = 16;
/** Largest accepted image (64 Mpixels): each scene holds a few buffers of this size. */
const MAX_PIXELS = 1 << 26;

function checkSide(name: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `${name} must be an integer between ${MIN_SIDE} and ${MAX_SIDE}, got ${String(value)}`,
      { context: { option: name, value } },
    );
  }
}

/** Throws INVALID_OPTION unless `seed` is an integer in [0, 2^32). */
function checkSeed(seed: number, name = 'seed'): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `${name} must be an integer between 0 and 4294967295, got ${String(seed)}`,
      { context: { option: name, value: seed } },
    );
  }
}

/** Throws INVALID_OPTION (naming the option and value) for a seed or size outside its range. */
export function checkSceneOptions(seed: number, width: number, height: number): void {
  checkSeed(seed);
  checkSide('width', width);
  checkSide('height', height);
  if (width * height > MAX_PIXELS) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `width × height must be at most ${MAX_PIXELS} pixels, got ${width} × ${height}`,
      { context: { option: 'width', width, height } },
    );
  }
}
