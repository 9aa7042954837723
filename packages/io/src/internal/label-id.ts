import { ErrorCode } from '@segmetrics/core';
import { ioError } from './errors.js';

/** The smallest class id a label array can hold (Int32Array). */
export const MIN_LABEL_ID = -2147483648;
/** The largest class id a label array can hold (Int32Array). */
export const MAX_LABEL_ID = 2147483647;

/** True when `value` is an integer a label array holds exactly (int32). */
export function isLabelId(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= MIN_LABEL_ID && value <= MAX_LABEL_ID
  );
}

/**
 * Returns `value` when it is an integer in [−2^31, 2^31 − 1] (what an Int32Array label holds exactly);
 * otherwise throws `INVALID_OPTION` naming `what` and the value, never letting it wrap modulo 2^32.
 */
export function checkLabelId(value: unknown, what: string, file?: string): number {
  if (isLabelId(value)) return value;
  throw ioError(
    ErrorCode.INVALID_OPTION,
    file,
    `${what} must be an integer class id in [${MIN_LABEL_ID}, ${MAX_LABEL_ID}], got ${String(value)}`,
    { value: typeof value === 'number' ? value : String(value), min: MIN_LABEL_ID, max: MAX_LABEL_ID },
  );
}
