import type { ConfusionMatrix } from '@segmetrics/core';
import { cityscapesResult, formatCityscapesResult } from '@segmetrics/metrics';
import type { OutputStream } from '../util/terminal.js';

/**
 * `--format cityscapes`: the text of cityscapesScripts' `resultPixelLevelSemanticLabeling.json` for the
 * matrix — byte for byte what cityscapesScripts writes except NaN → `null` (no final newline, like it).
 * Warns on `stderr` (unless `null`) when the rows of ignored ground-truth labels are unknown (`null`):
 * only for a state counted before `splitIgnoredGroundTruth` existed (the preset turns it on).
 * A matrix not counted with the `cityscapes-labelids` settings is `INVALID_OPTION`.
 */
export function cityscapesResultText(matrix: ConfusionMatrix, stderr: OutputStream | null): string {
  const result = cityscapesResult(matrix);
  if (!result.complete && stderr !== null) {
    stderr.write(
      'warning: confMatrix rows and priors of ignored ground-truth labels (void, parking, caravan, ...) are null: ' +
        'the counting state (saved by an older segmetrics) does not split ignored pixels by value; every score is exact\n',
    );
  }
  return formatCityscapesResult(result);
}
