import { SegmetricsError } from '@segmetrics/core';
import { describe, expect, it } from 'vitest';
import {
  parseAbsent,
  parseBeta,
  parseDecimal,
  parseIgnoreIndex,
  parseInteger,
  parseList,
  parseSignedInteger,
} from './parse-values.js';

function failure(fn: () => unknown): { code: string; message: string } | undefined {
  try {
    fn();
  } catch (error) {
    return SegmetricsError.isInstance(error)
      ? { code: error.code, message: error.message }
      : { code: 'not a SegmetricsError', message: String(error) };
  }
  return undefined;
}

const workers = { min: 1, max: 8, maxReason: '4 × 2 available cores' };

describe('parseInteger', () => {
  it('parses decimal digits, ignoring surrounding white space and leading zeros', () => {
    expect(parseInteger('--workers', '4', workers)).toBe(4);
    expect(parseInteger('--workers', ' 5', workers)).toBe(5);
    expect(parseInteger('--workers', '08', workers)).toBe(8);
  });

  it('rejects exponents, other bases, signs, fractions, trailing text and empty text as usage errors naming the option', () => {
    for (const text of [
      '1e3',
      '0x10',
      '0b1',
      '-0',
      '+5',
      '-1',
      '1.5',
      '1.0',
      '5abc',
      'two',
      '',
      ' ',
      '1_000',
    ]) {
      const error = failure(() => parseInteger('--workers', text, workers));
      expect(error?.code, text).toBe('INVALID_OPTION');
      expect(error?.message).toContain('--workers');
    }
  });

  it('refuses values above the maximum with one line naming the option, the limit and why', () => {
    const error = failure(() => parseInteger('--workers', '1000', workers));
    expect(error).toEqual({
      code: 'INVALID_OPTION',
      message: '--workers: at most 8 (4 × 2 available cores), got 1000',
    });
    expect(failure(() => parseInteger('--workers', '0', workers))?.code).toBe('INVALID_OPTION');
  });

  it('compares huge values exactly instead of rounding them', () => {
    const range = { min: 1, max: Number.MAX_SAFE_INTEGER };
    expect(parseInteger('--stop-after', '9007199254740991', range)).toBe(Number.MAX_SAFE_INTEGER);
    expect(failure(() => parseInteger('--stop-after', '9007199254740992', range))?.message).toContain(
      'at most',
    );
    expect(failure(() => parseInteger('--stop-after', '99999999999999999999999', range))?.code).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('parseSignedInteger', () => {
  it('accepts a minus sign, and refuses it on zero (a slip, as in the unsigned options)', () => {
    const range = { min: -10, max: 10 };
    expect(parseSignedInteger('--ignore-index', '-1', range)).toBe(-1);
    expect(Object.is(parseSignedInteger('--ignore-index', '00', range), 0)).toBe(true);
    for (const text of ['-0', ' -00 ']) {
      expect(failure(() => parseSignedInteger('--ignore-index', text, range))).toEqual({
        code: 'INVALID_OPTION',
        message: `--ignore-index: got ${JSON.stringify(text)}: write 0 (a minus sign on 0 is refused)`,
      });
    }
    expect(failure(() => parseSignedInteger('--ignore-index', '--1', range))?.code).toBe('INVALID_OPTION');
  });
});

describe('parseDecimal', () => {
  it('accepts decimal and scientific notation, rejects hexadecimal, infinities and trailing text', () => {
    const range = { min: 0, max: 100 };
    expect(parseDecimal('X', '1e1', range)).toBe(10);
    expect(parseDecimal('X', ' .5 ', range)).toBe(0.5);
    for (const text of ['0x10', 'Infinity', 'NaN', '5abc', '', '1e400', '101', '-1']) {
      expect(failure(() => parseDecimal('X', text, range))?.code, text).toBe('INVALID_OPTION');
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

  it('rejects non-integers and values beyond a uint32 label, which would wrap', () => {
    for (const text of ['25.5', 'void', '4294967296', '4294967299', '1e3', '0x10']) {
      expect(failure(() => parseIgnoreIndex([text]))?.code, text).toBe('INVALID_OPTION');
    }
    expect(parseIgnoreIndex(['-100', '4294967295'])).toEqual([-100, 4294967295]);
  });
});

describe('parseAbsent', () => {
  it('accepts the named policies and numbers from -1 to 1', () => {
    expect(parseAbsent('nan')).toBe('nan');
    expect(parseAbsent('ZERO')).toBe('zero');
    expect(parseAbsent('one')).toBe('one');
    expect(parseAbsent('-1')).toBe(-1);
    expect(parseAbsent('0.5')).toBe(0.5);
  });

  it('rejects anything else', () => {
    for (const text of ['skip', 'Infinity', '0x1', '2', '1e3', '']) {
      expect(failure(() => parseAbsent(text))?.code, text).toBe('INVALID_OPTION');
    }
  });
});

describe('parseBeta', () => {
  it('accepts numbers above 0 up to 1000 only', () => {
    expect(parseBeta('2')).toBe(2);
    expect(parseBeta('1e3')).toBe(1000);
    for (const text of ['0', '-1', '1001', '1e300', '0x2', 'NaN']) {
      expect(failure(() => parseBeta(text))?.code, text).toBe('INVALID_OPTION');
    }
  });
});

describe('parseList', () => {
  it('splits comma lists across repeated flags, trimming items', () => {
    expect(parseList(['iou,dice', ' recall '], '--metrics')).toEqual(['iou', 'dice', 'recall']);
  });

  it('refuses empty items, naming the option (dropped, `--ignore-index ,` would mean none)', () => {
    for (const values of [[','], [''], ['0,'], ['a,,b'], ['a', ' ']]) {
      expect(
        failure(() => parseList(values, '--ignore-index')),
        JSON.stringify(values),
      ).toMatchObject({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('--ignore-index'),
      });
    }
    expect(failure(() => parseIgnoreIndex(['255,']))?.message).toContain('without empty items');
  });
});
