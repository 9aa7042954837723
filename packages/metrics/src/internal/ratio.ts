/** `numerator / denominator`, or `zeroDivision` when both are 0 (the 0/0 policy value). */
export function ratio(numerator: number, denominator: number, zeroDivision: number): number {
  if (denominator === 0) return numerator === 0 ? zeroDivision : numerator / denominator;
  return numerator / denominator;
}

/** The 0/0 value from options, `NaN` by default. */
export function zeroDivisionOf(options: { zeroDivision?: number } | undefined): number {
  return options?.zeroDivision ?? Number.NaN;
}

/** Applies `formula` to every class: `out[k] = formula(k)`. */
export function perClass(numClasses: number, formula: (k: number) => number): Float64Array {
  const out = new Float64Array(numClasses);
  for (let k = 0; k < numClasses; k++) out[k] = formula(k);
  return out;
}
