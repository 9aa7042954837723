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
  UNSUPPORTED_FORMAT:
    'supported: PNG label maps (gray or palette, 1 to 16-bit; 8-bit RGB/RGBA colour masks with a colour palette or a dataset preset) and .npy arrays',
  IMAGE_TOO_LARGE: 'the image exceeds the pixel limit',
  UNKNOWN_COLOR:
    'colour-coded masks need a palette that holds every colour: choose their dataset preset (e.g. voc) or give a "Colour palette", or set "Unknown colours" to an ignore label',
  PAIRING_FAILED:
    'files pair by relative path without extension: check the folders, or the suffixes, patterns and include/exclude under "Pairing"',
  IO_FAILED: 'the browser could not read the file: was it moved or deleted since you chose the folder?',
  COUNT_OVERFLOW: 'the dataset holds more pixels than can be counted exactly (2^53)',
  UNKNOWN_METRIC: 'see the metric ids in the CLI documentation',
  UNKNOWN_PRESET: 'choose a preset from the list',
};

/**
 * Context fields by which an `UNSUPPORTED_FORMAT` error names exactly what is unsupported (a `.npy`
 * dtype or shape, a PNG depth, colour type or interlacing): the list of supported formats would only
 * suggest that the format as a whole is not read (the CLI's rule).
 */
const SPECIFIC_FORMAT_FIELDS = ['dtype', 'shape', 'header', 'bitDepth', 'colorType', 'interlaced'];

/** The hint of a typed error: its own (`context.hint`), else the one for its code, if any (the CLI's rule). */
function hintFor(error: SegmetricsError): string | undefined {
  if (typeof error.context.hint === 'string') return error.context.hint;
  if (
    error.code === 'UNSUPPORTED_FORMAT' &&
    SPECIFIC_FORMAT_FIELDS.some((f) => Object.hasOwn(error.context, f))
  ) {
    return undefined;
  }
  if (error.context.option === 'scoresLayout') {
    return 'choose the axis order of the score arrays under "More": "Scores layout" (chw: classes first, hwc: classes last)';
  }
  return Object.hasOwn(HINTS, error.code) ? HINTS[error.code as ErrorCode] : undefined;
}

/**
 * The message of a typed error in the page's terms: a colour-coded mask read without a palette names the
 * settings that give one (the CLI names its flags); every other message is kept (it names the file,
 * value and position).
 */
function messageFor(error: SegmetricsError): string {
  const { file, colorType, option } = error.context;
  if (option === 'colorPalette' && typeof file === 'string' && typeof colorType === 'string') {
    return `${file}: ${colorType.toUpperCase()} colour-coded mask: choose its dataset preset (e.g. voc, cityscapes) or give a "Colour palette" (colour → class id) to read it by colour`;
  }
  return error.message;
}

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
      message: oneLine(messageFor(error)),
      hint: hintFor(error),
      settings: SETTINGS_CODES.has(error.code) && typeof error.context.file !== 'string',
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
