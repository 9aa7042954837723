import { type ErrorCode, SegmetricsError } from '@segmetrics/core';

/** What the page shows for an error: one line naming the file or setting, and a suggestion. */
export interface ErrorDescription {
  /** The error's code (`SHAPE_MISMATCH`, ...), or `INTERNAL` for an unexpected error. */
  readonly code: string;
  /** One line naming the file (or setting) and the problem: the CLI's message. */
  readonly message: string;
  /** What to check, phrased for this page. */
  readonly hint: string | undefined;
  /** True for a mistake in the settings (the CLI's usage errors). */
  readonly settings: boolean;
}

const SETTINGS_CODES: ReadonlySet<string> = new Set(['INVALID_OPTION', 'UNKNOWN_METRIC', 'UNKNOWN_PRESET']);

/** The CLI's hints, with the page's settings named instead of its flags. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  SHAPE_MISMATCH: 'prediction and ground truth must have the same width and height',
  LABEL_OUT_OF_RANGE:
    'check the number of classes, the ignore labels, reduce zero label and the dataset preset (labels are compared after mapping)',
  LABEL_NOT_INTEGER: 'label maps must hold integer class ids',
  DECODE_FAILED: 'the file is not a readable label map (PNG or .npy)',
  UNSUPPORTED_FORMAT: 'supported: PNG (8/16-bit gray, palette, RGB masks with a palette) and .npy label maps',
  IMAGE_TOO_LARGE: 'the image exceeds the pixel limit',
  UNKNOWN_COLOR:
    'colour-coded masks need a palette that holds every colour: choose their dataset preset (e.g. voc), or set "Unknown colours" to an ignore label',
  PAIRING_FAILED:
    'files pair by relative path without extension: check the folders, or the suffixes, patterns and include/exclude under "Pairing"',
  IO_FAILED: 'the browser could not read the file: was it moved or deleted since you chose the folder?',
  COUNT_OVERFLOW: 'the dataset holds more pixels than can be counted exactly (2^53)',
  UNKNOWN_METRIC: 'see the metric ids in the CLI documentation',
  UNKNOWN_PRESET: 'choose a preset from the list',
};

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Maps any thrown value to what the page shows, in one place (the CLI's `describeError`, for a page):
 * a `SegmetricsError` keeps its message, which names the file, value and position as the CLI prints
 * it; settings mistakes are marked as such; anything else is an unexpected error, reported as such.
 */
export function describeError(error: unknown): ErrorDescription {
  if (SegmetricsError.isInstance(error)) {
    return {
      code: error.code,
      message: oneLine(error.message),
      hint: HINTS[error.code],
      settings: SETTINGS_CODES.has(error.code),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `unexpected error: ${oneLine(message)}`,
    hint: 'please report it, with the browser and what you chose',
    settings: false,
  };
}
