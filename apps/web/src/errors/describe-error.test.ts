import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

const error = (code: ErrorCode, message: string, context: Record<string, unknown> = {}) =>
  new SegmetricsError(code, message, { context });

describe('describeError', () => {
  it('keeps the message and gives the hint of the code, as the CLI', () => {
    expect(describeError(error(ErrorCode.SHAPE_MISMATCH, 'p/a.png: prediction is 2×2 …'))).toEqual({
      code: 'SHAPE_MISMATCH',
      message: 'p/a.png: prediction is 2×2 …',
      hint: 'prediction and ground truth must have the same width and height',
      settings: false,
    });
  });

  it('gives no list of formats when the error names the unsupported part, and an error’s own hint first', () => {
    const specific = error(ErrorCode.UNSUPPORTED_FORMAT, 'g/a.npy: dtype <c8 is not a label type', {
      file: 'g/a.npy',
      dtype: '<c8',
    });
    expect(describeError(specific).hint).toBeUndefined();
    expect(describeError(error(ErrorCode.UNSUPPORTED_FORMAT, 'g/a.gif: not a label map')).hint).toContain(
      'supported: PNG label maps',
    );
    expect(describeError(error(ErrorCode.IO_FAILED, 'x', { hint: 'its own' })).hint).toBe('its own');
  });

  it('names the page’s settings for a colour mask without a palette and a score array of unknown layout', () => {
    const mask = error(ErrorCode.INVALID_OPTION, 'g/a.png: RGB mask …', {
      file: 'g/a.png',
      colorType: 'rgb',
      option: 'colorPalette',
    });
    expect(describeError(mask)).toMatchObject({
      message:
        'g/a.png: RGB colour-coded mask: choose its dataset preset (e.g. voc, cityscapes) or give a "Colour palette" (colour → class id) to read it by colour',
      settings: false,
    });
    const scores = error(ErrorCode.INVALID_OPTION, 'p/a.npy: cannot tell the class axis …', {
      file: 'p/a.npy',
      option: 'scoresLayout',
    });
    expect(describeError(scores)).toMatchObject({
      settings: false,
      hint: expect.stringContaining('Scores layout'),
    });
    // A settings mistake names no file.
    expect(describeError(error(ErrorCode.INVALID_OPTION, 'Beta: …', { option: 'Beta' })).settings).toBe(true);
  });
});
