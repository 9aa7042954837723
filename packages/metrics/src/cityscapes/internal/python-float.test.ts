import { describe, expect, it } from 'vitest';
import { pythonFloat } from './python-float.js';

// Python 3.11 `repr(float)` of each value (the text `json.dumps` writes).
const PYTHON_REPR: readonly [number, string][] = [
  [0, '0.0'],
  [-0, '-0.0'],
  [1e-5, '1e-05'],
  [7.883707682291667e-5, '7.883707682291667e-05'],
  [0.00015703837076822916, '0.00015703837076822916'],
  [1e16, '1e+16'],
  [1e15, '1000000000000000.0'],
  [123, '123.0'],
  [0.1, '0.1'],
  [1 / 3, '0.3333333333333333'],
  [5e-324, '5e-324'],
  [1.7976931348623157e308, '1.7976931348623157e+308'],
  [2.5e-7, '2.5e-07'],
  [1e22, '1e+22'],
  [-0.5, '-0.5'],
  [0.0001, '0.0001'],
  [12345678901234568, '1.2345678901234568e+16'],
  [1234567890123456.8, '1234567890123456.8'],
  [0.30000000000000004, '0.30000000000000004'],
  [2 ** 53, '9007199254740992.0'],
  [9.999999999999999e-5, '9.999999999999999e-05'],
];

describe('pythonFloat', () => {
  it.each(PYTHON_REPR)('writes %s as Python writes it (%s)', (value, text) => {
    expect(pythonFloat(value)).toBe(text);
  });

  it('writes NaN as null (strict JSON)', () => {
    expect(pythonFloat(Number.NaN)).toBe('null');
  });
});
