/**
 * What core's state v2 keeps for Cityscapes images under the cityscapes-labelids settings (19×19
 * counts, predicted-ignore split by value, per-image instance histograms, and ignored ground truth by
 * value), counted naively pixel by pixel: an independent stand-in for the real matrix.
 */
import { type CityscapesScene, REFERENCE_LABELS as LABELS } from '@segmetrics/test-utils';
import type { CityscapesInstance, CityscapesMatrix } from '../src/index.js';

/** The Cityscapes labelId → trainId table in core's normalised form. */
export const LABEL_ID_TABLE: readonly (readonly [number, number])[] = LABELS.map((l) => [l.id, l.trainId]);

/**
 * What core state v2 keeps for `scenes` under the cityscapes-labelids settings (`instances`,
 * `splitPredictedIgnore`, per image), counted pixel by pixel; `ignoredGroundTruthByValue` too unless
 * `ignoredRows: false`. Images are ordered by sample id (core's canonical order).
 */
export function cityscapesMatrixOf(
  scenes: readonly (readonly [sampleId: string, scene: CityscapesScene])[],
  options: { instances?: boolean; ignoredRows?: boolean } = {},
): CityscapesMatrix {
  const withInstances = options.instances ?? true;
  const counts = new Float64Array(19 * 19);
  const predictedIgnore = new Float64Array(19);
  const byValue = new Map<number, Float64Array>();
  const ignoredByValue = new Map<number, Map<number, number>>();
  let ignoredPixels = 0;
  const imageStats: { sampleId: string; instances?: CityscapesInstance[] }[] = [];
  for (const [sampleId, scene] of scenes) {
    for (let i = 0; i < scene.labelIds.length; i++) {
      const g = LABELS[scene.labelIds[i]!]!;
      const p = LABELS[scene.prediction[i]!]!;
      if (g.ignoreInEval) {
        ignoredPixels++;
        const row = ignoredByValue.get(g.id) ?? new Map<number, number>();
        row.set(p.id, (row.get(p.id) ?? 0) + 1);
        ignoredByValue.set(g.id, row);
      } else if (p.ignoreInEval) {
        predictedIgnore[g.trainId]!++;
        const column = byValue.get(p.id) ?? new Float64Array(19);
        column[g.trainId]!++;
        byValue.set(p.id, column);
      } else {
        counts[g.trainId * 19 + p.trainId]!++;
      }
    }
    let instances: CityscapesInstance[] | undefined;
    if (withInstances) {
      const found = new Map<number, { pixels: number; predictions: Map<number, number> }>();
      scene.instanceIds.forEach((id, i) => {
        if (id < 1001) return;
        const entry = found.get(id) ?? { pixels: 0, predictions: new Map<number, number>() };
        entry.pixels++;
        const value = scene.prediction[i]!;
        entry.predictions.set(value, (entry.predictions.get(value) ?? 0) + 1);
        found.set(id, entry);
      });
      instances = [...found]
        .sort(([a], [b]) => a - b)
        .map(([id, entry]) => ({
          id,
          pixels: entry.pixels,
          predictions: [...entry.predictions].sort(([a], [b]) => a - b),
        }));
    }
    imageStats.push({ sampleId, ...(instances === undefined ? {} : { instances }) });
  }
  imageStats.sort((a, b) => (a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0));
  return {
    settings: {
      numClasses: 19,
      ignoreIndex: [255],
      labelMapping: { table: LABEL_ID_TABLE, reduceZeroLabel: false, applyTo: 'both', unmapped: 'invalid' },
      perImage: true,
      instances: withInstances ? { minInstanceId: 1001 } : null,
      splitPredictedIgnore: true,
    },
    counts,
    predictedIgnore,
    predictedIgnoreByValue: byValue,
    ignoredPixels,
    ...(options.ignoredRows === false ? {} : { ignoredGroundTruthByValue: ignoredByValue }),
    imageStats,
  };
}
