import type { ConfusionMatrix } from '@segmetrics/core';
import { cityscapesResult, formatCityscapesResult } from '@segmetrics/metrics';
import type { CliContext } from '../context.js';
import { usageError } from '../errors/usage-error.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Output flags that `--format cityscapes` reads. */
export interface CityscapesOutputFlags {
  output?: string;
  perImage?: string;
  quiet?: boolean;
}

/**
 * `--format cityscapes`: writes cityscapesScripts' `resultPixelLevelSemanticLabeling.json` for the
 * matrix — to `-o FILE` atomically, byte for byte what cityscapesScripts writes except NaN → `null`
 * (no final newline, like it), or to stdout with a final newline. Warns (unless `--quiet`) when the
 * rows of ignored ground-truth labels are unknown (`null`).
 */
export async function emitCityscapesResult(
  matrix: ConfusionMatrix,
  flags: CityscapesOutputFlags,
  context: CliContext,
): Promise<void> {
  if (flags.perImage !== undefined) {
    throw usageError('--per-image', 'not available with --format cityscapes (use --format json or table)');
  }
  const result = cityscapesResult(matrix);
  const text = formatCityscapesResult(result);
  if (!result.complete && flags.quiet !== true) {
    context.stderr.write(
      'warning: confMatrix rows and priors of ignored ground-truth labels (void, parking, caravan, ...) are null: ' +
        'the counting state does not split ignored pixels by value; every score is exact\n',
    );
  }
  if (flags.output === undefined) {
    context.stdout.write(`${text}\n`);
    return;
  }
  await writeFileAtomic(flags.output, text);
  if (flags.quiet !== true) context.stderr.write(`wrote cityscapes result to ${flags.output}\n`);
}
