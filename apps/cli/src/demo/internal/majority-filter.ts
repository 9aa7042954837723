/**
 * A 5×5 majority filter of a label map (edges clamped): each pixel takes the most frequent label of its
 * 5×5 neighbourhood; on a tie the centre label stays if it is among the most frequent, else the smallest
 * of them. A common post-processing step: `segmetrics demo --second-model` writes it as model B (the
 * model of docs/statistics.md and `packages/metrics/bench/statistics-demo.mjs`).
 */
export function majorityFilter5x5(pred: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(pred.length);
  const counts = new Uint8Array(256);
  const labels: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      labels.length = 0;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          const v = pred[yy * width + xx]!;
          if (counts[v] === 0) labels.push(v);
          counts[v]!++;
        }
      }
      const centre = pred[y * width + x]!;
      let best = centre;
      for (const v of labels) {
        if (counts[v]! > counts[best]! || (counts[v] === counts[best] && v < best && best !== centre))
          best = v;
      }
      for (const v of labels) counts[v] = 0;
      out[y * width + x] = best;
    }
  }
  return out;
}
