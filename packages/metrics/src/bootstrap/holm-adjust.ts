/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm, "A Simple Sequentially
 * Rejective Multiple Test Procedure", Scand. J. Statistics 6(2), 1979; R's `p.adjust(p, "holm")`):
 * with the m defined p-values sorted ascending p(1) ≤ … ≤ p(m), the adjusted p(j) is
 * max over l ≤ j of min(1, (m − l + 1)·p(l)). `null` entries stay `null` and do not count in m;
 * ties keep their input order. Controls the family-wise error rate under any dependence.
 *
 * @example holmAdjust([0.01, 0.04, null, 0.03]) // [0.03, 0.06, null, 0.06]
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const order: number[] = [];
  pValues.forEach((p, i) => {
    if (p !== null && !Number.isNaN(p)) order.push(i);
  });
  order.sort((x, y) => pValues[x]! - pValues[y]! || x - y);
  const m = order.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  order.forEach((index, j) => {
    running = Math.max(running, Math.min(1, (m - j) * pValues[index]!));
    out[index] = running;
  });
  return out;
}
