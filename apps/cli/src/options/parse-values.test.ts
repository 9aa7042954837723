import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import {
  parseAbsent,
  parseBeta,
  parseIgnoreIndex,
  parseInteger,
  parseList,
  resolveClassList,
} from './parse-values.js';

function usageCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return SegmetricsError.isInstance(error) ? error.code : 'not a SegmetricsError';
  }
  return undefined;
}

describe('parseInteger', () => {
  it('parses whole numbers at or above the minimum', () => {
    expect(parseInteger('--workers', '4', 1)).toBe(4);
    expect(parseInteger('--num-classes', ' 19 ', 1)).toBe(19);
  });

  it('rejects fractions, words and values below the minimum as usage errors', () => {
    for (const text of ['1.5', 'two', '', '0']) {
      expect(usageCode(() => parseInteger('--workers', text, 1))).toBe('INVALID_OPTION');
    }
  });
});

describe('parseIgnoreIndex', () => {
  it('accepts repeated flags and comma lists, sorted and unique', () => {
    expect(parseIgnoreIndex(['255', '0,255', ' 7 '])).toEqual([0, 7, 255]);
  });

  it('returns an empty list when no ignore label is given', () => {
    expect(parseIgnoreIndex([])).toEqual([]);
  });

  it('rejects non-integers', () => {
    expect(usageCode(() => parseIgnoreIndex(['25.5']))).toBe('INVALID_OPTION');
    expect(usageCode(() => parseIgnoreIndex(['void']))).toBe('INVALID_OPTION');
  });
});

describe('parseAbsent', () => {
  it('accepts the named policies and numbers', () => {
    expect(parseAbsent('nan')).toBe('nan');
    expect(parseAbsent('ZERO')).toBe('zero');
    expect(parseAbsent('one')).toBe('one');
    expect(parseAbsent('-1')).toBe(-1);
    expect(parseAbsent('0.5')).toBe(0.5);
  });

  it('rejects anything else', () => {
    expect(usageCode(() => parseAbsent('skip'))).toBe('INVALID_OPTION');
    expect(usageCode(() => parseAbsent('Infinity'))).toBe('INVALID_OPTION');
  });
});

describe('parseBeta', () => {
  it('accepts positive numbers only', () => {
    expect(parseBeta('2')).toBe(2);
    expect(usageCode(() => parseBeta('0'))).toBe('INVALID_OPTION');
    expect(usageCode(() => parseBeta('-1'))).toBe('INVALID_OPTION');
  });
});

describe('parseList', () => {
  it('splits comma lists across repeated flags and drops empty items', () => {
    expect(parseList(['iou,dice', ' recall ', ','])).toEqual(['iou', 'dice', 'recall']);
  });
});

describe('resolveClassList', () => {
  const names = ['background', 'road', 'Sky'];

  it('resolves ids and case-insensitive names to sorted unique ids', () => {
    expect(resolveClassList(['sky', '0', 'background'], 3, names)).toEqual([0, 2]);
  });

  it('rejects ids outside [0, C) and unknown names', () => {
    expect(usageCode(() => resolveClassList(['3'], 3, names))).toBe('INVALID_OPTION');
    expect(usageCode(() => resolveClassList(['water'], 3, names))).toBe('INVALID_OPTION');
  });
});
