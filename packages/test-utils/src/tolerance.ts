/** Tolerance for references computed in float64 (mmsegmentation formulas, scikit-learn, numpy). */
export const FLOAT64_TOLERANCE = 1e-9;
/** Tolerance for references computed in float32 (torchmetrics). */
export const FLOAT32_TOLERANCE = 1e-6;

/** A reference value as stored in JSON: `null` stands for NaN. */
export type ReferenceValue = number | null;

function describe(label: string | undefined): string {
  return label === undefined ? '' : `${label}: `;
}

/**
 * True when `actual` matches `expected` within the absolute tolerance. `null` and NaN match only
 * NaN (or null); infinities match only themselves.
 */
export function isClose(actual: number | null, expected: ReferenceValue, tolerance: number): boolean {
  const a = actual === null ? Number.NaN : actual;
  const e = expected === null ? Number.NaN : expected;
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return a === e;
  return Math.abs(a - e) <= tolerance;
}

/**
 * Throws an `Error` naming the value when `actual` differs from `expected` by more than `tolerance`
 * (absolute; NaN ⇔ null). Works with any test runner.
 */
export function expectClose(
  actual: number | null,
  expected: ReferenceValue,
  tolerance: number = FLOAT64_TOLERANCE,
  label?: string,
): void {
  if (!isClose(actual, expected, tolerance)) {
    throw new Error(
      `${describe(label)}expected ${String(expected)} ± ${tolerance}, got ${String(actual)}` +
        (actual !== null && expected !== null ? ` (difference ${Math.abs(actual - expected)})` : ''),
    );
  }
}

/**
 * Element-wise {@link expectClose} over two arrays of the same length; the error names the first
 * differing index.
 */
export function expectAllClose(
  actual: ArrayLike<number | null>,
  expected: readonly ReferenceValue[],
  tolerance: number = FLOAT64_TOLERANCE,
  label?: string,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${describe(label)}expected ${expected.length} values, got ${actual.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    expectClose(actual[i] ?? null, expected[i] ?? null, tolerance, `${label ?? 'value'}[${i}]`);
  }
}
