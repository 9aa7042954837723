import type { BoundaryCounts } from '@segmetrics/core';
import { ratio, valuesFor, zeroDivisionOf } from './internal/ratio.js';
import type { MetricOptions } from './types.js';

/**
 * Boundary IoU per class (Cheng et al., "Boundary IoU: Improving Object-Centric Image Segmentation
 * Evaluation", CVPR 2021), from the boundary counts a `ConfusionMatrix` created with `boundary` keeps
 * (`matrix.boundaryCounts`, or one image's `imageStats[i].boundary`): |Gb ∩ Pb| / |Gb ∪ Pb| =
 * tp / (support + predicted − tp), where Gb and Pb are the class's ground-truth and predicted boundary
 * pixels (the mask minus its erosion by a (2d + 1)² square, d = max(1, round-half-even(r·√(H² + W²)))
 * per image), pixels whose ground truth is ignored left out, intersections and unions summed as integers
 * over the unit's images — the per-class definition of the paper's reference code, not detectron2's
 * `SemSegEvaluator`, which erodes the whole label map (see docs/semantics.md).
 *
 * 0/0 (no boundary pixel of the class in the ground truth nor in the prediction: the class is absent)
 * gives `options.zeroDivision`, `NaN` by default. A class predicted but not in the ground truth scores 0.
 *
 * @example boundaryIoU(matrix.boundaryCounts!) // Float64Array [0.37, 0.55, NaN]
 */
export function boundaryIoU(
  counts: BoundaryCounts,
  options?: MetricOptions,
  out?: Float64Array,
): Float64Array {
  const z = zeroDivisionOf(options);
  const { tp, support, predicted } = counts;
  const values = valuesFor(tp.length, out);
  for (let k = 0; k < values.length; k++) values[k] = ratio(tp[k]!, support[k]! + predicted[k]! - tp[k]!, z);
  return values;
}
