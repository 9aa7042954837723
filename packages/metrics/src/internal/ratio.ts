/** `numerator / denominator`, or `zeroDivision` when both are 0 (the 0/0 policy value). */
export function ratio(numerator: number, denominator: number, zeroDivision: number): number {
  if (denominator === 0) return numerator === 0 ? zeroDivision : numerator / denominator;
  return numerator / denominator;
}

/** The 0/0 value from options, `NaN` by default. */
export function zeroDivisionOf(options: { zeroDivision?: number } | undefined): number {
  return options?.zeroDivision ?? Number.NaN;
}

/**
 * The array a per-class metric writes its `numClasses` values into: the first `numClasses` entries of
 * `out` when given (the values are then a view of it), else a new array. Each metric then fills it in
 * its own loop: one loop per formula, which V8 compiles with the formula inlined (a shared loop calling
 * a closure per class cost twice the time on many images' stacked counts).
 */
export function valuesFor(numClasses: number, out?: Float64Array): Float64Array {
  return out === undefined ? new Float64Array(numClasses) : out.subarray(0, numClasses);
}
