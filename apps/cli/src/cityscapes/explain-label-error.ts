import { ErrorCode, SegmetricsError } from '@segmetrics/core';

/**
 * Adds the likely cause to a label-out-of-range error of a `--dataset cityscapes-labelids` run (in the
 * message, and a longer hint in `context.hint`, which the CLI prints on the hint line): a ground-truth
 * value that is not a labelId (0 … 33) is most often a trainId file (255 = void) given where labelIds
 * are expected; a prediction must hold labelIds too (cityscapesScripts would not have reported it: its
 * Python path stops with an IndexError, its Cython path counts the pixel in another cell of its 34×34
 * matrix). Other errors are returned unchanged.
 */
export function explainCityscapesLabelError(error: unknown): unknown {
  if (!SegmetricsError.isInstance(error) || error.code !== ErrorCode.LABEL_OUT_OF_RANGE) return error;
  const { side, value } = error.context;
  let hint: string;
  let cause: string;
  if (side === 'groundTruth') {
    cause = 'likely a trainId file (*_gtFine_labelTrainIds.png) given by mistake';
    hint =
      '--dataset cityscapes-labelids expects *_gtFine_labelIds.png (labelIds 0 … 33); *_gtFine_labelTrainIds.png ' +
      'files hold trainIds (255 = void): evaluate those with --dataset cityscapes';
  } else if (side === 'prediction') {
    cause = 'predictions must be labelIds, not trainIds';
    hint =
      'predictions must hold labelIds 0 … 33 like the ground truth (not trainIds: 255 is not a labelId); ' +
      'cityscapesScripts would stop with an IndexError (Python) or silently count such pixels in another cell of its matrix (Cython)';
  } else {
    return error;
  }
  return new SegmetricsError(
    error.code,
    `${error.message}: ${String(value)} is not a Cityscapes labelId (0 … 33); ${cause}`,
    {
      context: { ...error.context, hint },
      cause: error,
    },
  );
}
