import type { EvaluationReport } from '@segmetrics/metrics';

/**
 * The warning for per-image values under a convention that drops pixels (`--preset keras`: a prediction
 * of an ignore label outside the classes is in no class's support): the summary drops them, but an
 * image's own values count them as misses of their ground-truth class, since per image only the totals
 * are kept, not the class of each dropped pixel. `outputs` names what shows per-image values
 * (`--per-image`, the report's worst images); `null` when nothing was dropped or nothing shows them.
 */
export function droppedPerImageWarning(
  evaluation: EvaluationReport,
  outputs: readonly string[],
): string | null {
  const dropped = evaluation.droppedPixels;
  if (dropped === 0 || outputs.length === 0) return null;
  const convention =
    evaluation.settings.preset === null ? 'the convention' : `--preset ${evaluation.settings.preset}`;
  const pixels = `${dropped} pixel${dropped === 1 ? '' : 's'}`;
  return `${convention} drops ${pixels} predicted as an ignore label from the summary, but the per-image values (${outputs.join(', ')}) count them as misses of their ground-truth class: per image, the class of a dropped pixel is not kept`;
}
