import { describe, expect, it } from 'vitest';
import { countNoun } from './count-noun.js';

describe('countNoun', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countNoun(1, 'pixel')).toBe('1 pixel');
    expect(countNoun(0, 'pixel')).toBe('0 pixels');
    expect(countNoun(2, 'image')).toBe('2 images');
    expect(countNoun(1234567, 'pixel')).toBe('1,234,567 pixels');
  });

  it('takes an irregular plural, and prints an undefined count as a dash with the plural', () => {
    expect(countNoun(1, 'class', 'classes')).toBe('1 class');
    expect(countNoun(19, 'class', 'classes')).toBe('19 classes');
    expect(countNoun(Number.NaN, 'pixel')).toBe('— pixels');
  });
});
