import { usageError } from '../errors/usage-error.js';
import { CITYSCAPES_DATASET, type CityscapesFlags, isCityscapesRun } from './cityscapes-options.js';

/** Usage errors for Cityscapes flags given without the preset, or together. */
export function checkCityscapesFlags(flags: CityscapesFlags): void {
  const cityscapes = isCityscapesRun(flags);
  if (!cityscapes && flags.gtInstances !== undefined) {
    throw usageError('--gt-instances', `needs --dataset ${CITYSCAPES_DATASET}`, flags.gtInstances);
  }
  if (!cityscapes && flags.instances === false) {
    throw usageError('--no-instances', `needs --dataset ${CITYSCAPES_DATASET}`);
  }
  if (!cityscapes && flags.format === 'cityscapes') {
    throw usageError('--format', `cityscapes needs --dataset ${CITYSCAPES_DATASET}`, flags.format);
  }
  if (flags.gtInstances !== undefined && flags.instances === false) {
    throw usageError('--gt-instances', 'cannot be combined with --no-instances', flags.gtInstances);
  }
}
