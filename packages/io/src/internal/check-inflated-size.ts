import { ErrorCode } from '@segmetrics/core';
import { ioError } from './errors.js';

/**
 * Surplus bytes tolerated after the image data in the zlib stream (sloppy encoders pad it); more is a
 * `DECODE_FAILED` error, so a stream never inflates to more than the header allows plus this.
 */
export const TRAILING_SLACK = 65536;

/**
 * Throws `DECODE_FAILED` naming the file unless `inflated` (bytes the IDAT stream inflated to, or
 * `expected + TRAILING_SLACK + 1` when inflation was stopped there) lies in
 * [expected, expected + TRAILING_SLACK].
 */
export function checkInflatedSize(inflated: number, expected: number, file: string | undefined): void {
  if (inflated > expected + TRAILING_SLACK) {
    throw ioError(
      ErrorCode.DECODE_FAILED,
      file,
      `image data inflates to more than the ${expected} bytes the header declares (decompression bomb or corrupt file)`,
      { expected, limit: expected + TRAILING_SLACK },
    );
  }
  if (inflated < expected) {
    throw ioError(
      ErrorCode.DECODE_FAILED,
      file,
      `truncated image data: ${inflated} bytes inflated, ${expected} expected`,
      { inflated, expected },
    );
  }
}
