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
 * Applies `formula` to every class: `values[k] = formula(k)`, into the first `numClasses` entries of `out`
 * when given (the values are then a view of it), else into a new array.
 */
export function perClass(
  numClasses: number,
  formula: (k: number) => number,
  out?: Float64Array,
): Float64Array {
  const values = out === undefined ? new Float64Array(numClasses) : out.subarray(0, numClasses);
  for (let k = 0; k < numClasses; k++) values[k] = formula(k);
  return values;
}
