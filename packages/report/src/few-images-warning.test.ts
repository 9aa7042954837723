import { describe, expect, it } from 'vitest';
import { FEW_IMAGES_FOR_INTERVALS, fewImagesWarning } from './few-images-warning.js';

describe('fewImagesWarning', () => {
  it('warns below 30 images, naming the count and the level', () => {
    expect(fewImagesWarning(12, 0.95)).toBe(
      'bootstrap intervals over 12 images are optimistic: with a few dozen images or fewer a nominal 95% interval covers less (about 90% for 95% at 10–20 images, less for rare classes; docs/statistics.md)',
    );
    expect(fewImagesWarning(1, 0.9)).toContain('over 1 image are optimistic');
    expect(fewImagesWarning(1, 0.9)).toContain('a nominal 90% interval');
    expect(fewImagesWarning(FEW_IMAGES_FOR_INTERVALS - 1, 0.999)).toContain('99.9%');
  });

  it('says nothing from 30 images on', () => {
    expect(fewImagesWarning(FEW_IMAGES_FOR_INTERVALS, 0.95)).toBeNull();
    expect(fewImagesWarning(5000, 0.95)).toBeNull();
  });
});
