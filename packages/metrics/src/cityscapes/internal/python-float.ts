/**
 * Python's `repr(float)` (what `json.dumps` writes for a float): the shortest digits that round-trip,
 * in fixed notation when the decimal exponent is in (-4, 16] (`0.0001`, `123.0`), otherwise in
 * exponent notation with a sign and at least two exponent digits (`1e-05`, `7.88e-05`, `1e+16`);
 * integral values keep `.0`. NaN has no JSON form: `null` (Python writes a bare `NaN`).
 */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'null';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const { digits, point } = shortestDigits(Math.abs(value));
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const exponent = point - 1;
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const e = Math.abs(exponent).toString().padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e}`;
}

/**
 * The shortest round-trip decimal digits of a positive finite number (JavaScript's `Number#toString`,
 * which picks the closest candidate, as Python's repr does) and the position of the decimal point:
 * value = 0.d1d2… × 10^point.
 */
function shortestDigits(value: number): { digits: string; point: number } {
  const text = String(value);
  const [mantissa = '', exponentText] = text.split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + (exponentText === undefined ? 0 : Number(exponentText));
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading).replace(/0+$/, '');
  point -= leading;
  return { digits, point };
}
