import { describe, expect, it } from 'vitest';
import { impliedIgnoreWarning } from './implied-ignore-warning.js';

describe('impliedIgnoreWarning', () => {
  it('warns when an ignore label nobody gave with --ignore-index is a class id', () => {
    const settings = (numClasses: number, ignoreIndex: number[]) => ({
      numClasses,
      matrixOptions: { ignoreIndex },
    });
    // --reduce-zero-label's 255 with 300 classes (16-bit labels): class 255 would vanish silently.
    expect(impliedIgnoreWarning({}, settings(300, [255]))).toBe(
      'ignore label 255 (no --ignore-index given) is also a class id below --num-classes 300: its pixels are ignored, so class 255 is never counted; if 255 is a class, pass --ignore-index with a value that is not one (e.g. 65535)',
    );
    expect(impliedIgnoreWarning({ ignoreIndex: [] }, settings(300, [0, 255]))).toContain(
      'ignore labels 0, 255 (no --ignore-index given) are also class ids below --num-classes 300',
    );
    // Outside the classes, or chosen with --ignore-index: nothing to say.
    expect(impliedIgnoreWarning({}, settings(150, [255]))).toBeNull();
    expect(impliedIgnoreWarning({}, settings(256, []))).toBeNull();
    expect(impliedIgnoreWarning({ ignoreIndex: ['255'] }, settings(300, [255]))).toBeNull();
  });
});
