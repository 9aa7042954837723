/**
 * Error codes used across segmetrics. Every package throws {@link SegmetricsError} (or a subclass)
 * with one of these codes; tests and the CLI branch on `code`, never on the message wording.
 */
export const ErrorCode = {
  /** An option has an invalid value (e.g. `numClasses` is 0 or not an integer). */
  INVALID_OPTION: 'INVALID_OPTION',
  /** Prediction and ground truth have different lengths, or width × height does not match. */
  SHAPE_MISMATCH: 'SHAPE_MISMATCH',
  /** A non-ignored label is outside [0, numClasses). */
  LABEL_OUT_OF_RANGE: 'LABEL_OUT_OF_RANGE',
  /** A label is not an integer (e.g. 1.5 or NaN in a number array). */
  LABEL_NOT_INTEGER: 'LABEL_NOT_INTEGER',
  /** Two matrices with different settings were merged. */
  INCOMPATIBLE_SETTINGS: 'INCOMPATIBLE_SETTINGS',
  /** The same sample id was counted twice (in one matrix or across a merge). */
  DUPLICATE_SAMPLE: 'DUPLICATE_SAMPLE',
  /** A serialised state is malformed, of an unknown schema version, or fails its checksum. */
  INVALID_STATE: 'INVALID_STATE',
  /**
   * Counts would exceed 2^53 − 1 (where float64 stops holding every integer): an update or merge that
   * would take the matrix's pixel total (every count's bound) beyond it is refused, changing nothing.
   */
  COUNT_OVERFLOW: 'COUNT_OVERFLOW',
  /** An operation needs per-image statistics but the matrix was created without `perImage: true`. */
  PER_IMAGE_DISABLED: 'PER_IMAGE_DISABLED',
  /** A file or buffer cannot be decoded (corrupt, truncated, unsupported). */
  DECODE_FAILED: 'DECODE_FAILED',
  /** A format or feature is not supported (e.g. an .npy dtype). */
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  /** An image exceeds the configured pixel limit. */
  IMAGE_TOO_LARGE: 'IMAGE_TOO_LARGE',
  /** A colour in a colour-coded mask is not in the palette. */
  UNKNOWN_COLOR: 'UNKNOWN_COLOR',
  /** A file could not be read or written. */
  IO_FAILED: 'IO_FAILED',
  /** Prediction and ground-truth files do not pair up (missing predictions). */
  PAIRING_FAILED: 'PAIRING_FAILED',
  /** A metric id is not in the registry. */
  UNKNOWN_METRIC: 'UNKNOWN_METRIC',
  /** A preset name is unknown. */
  UNKNOWN_PRESET: 'UNKNOWN_PRESET',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const MARKER = Symbol.for('segmetrics.error');

export interface SegmetricsErrorOptions {
  /** The offending values: side, value, index, x, y, sampleId, file, ... */
  context?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one base error of segmetrics. `code` is stable API; `context` holds the offending values.
 * Use {@link SegmetricsError.isInstance} rather than `instanceof`: it also recognises errors thrown
 * by another copy of the package (duplicated installs, worker bundles).
 */
export class SegmetricsError extends Error {
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: SegmetricsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SegmetricsError';
    this.code = code;
    this.context = Object.freeze({ ...(options.context ?? {}) });
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for any segmetrics error, from any copy of the package; optionally of the given code. */
  static isInstance(value: unknown, code?: ErrorCode): value is SegmetricsError {
    if (typeof value !== 'object' || value === null) return false;
    if ((value as Record<symbol, unknown>)[MARKER] !== true) return false;
    return code === undefined || (value as SegmetricsError).code === code;
  }
}
