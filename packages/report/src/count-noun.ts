import { formatCount } from './format-percent.js';

/**
 * A count with its noun, singular for exactly 1 and plural otherwise (0, 2, …, and — for NaN), the
 * count with thousands separators: `1 pixel`, `0 pixels`, `1,234 images`, `1 class`. `plural` defaults
 * to the noun with an `s`.
 *
 * @example
 * countNoun(1, 'image'); // '1 image'
 * countNoun(3, 'class', 'classes'); // '3 classes'
 */
export function countNoun(value: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(value)} ${value === 1 ? noun : plural}`;
}
