import type { Command } from 'commander';

/** The dataset preset whose runs report the Cityscapes benchmark's four numbers. */
export const CITYSCAPES_DATASET = 'cityscapes-labelids';

/** Cityscapes flags of `eval`, plus the flags they depend on. */
export interface CityscapesFlags {
  dataset?: string;
  /** `--gt-instances DIR`: where the `*_gtFine_instanceIds.png` files are (default: beside the labelIds). */
  gtInstances?: string;
  /** `false` with `--no-instances` (skip iIoU). */
  instances?: boolean;
  format?: string;
}

/** `--gt-instances` and `--no-instances` (used with `--dataset cityscapes-labelids`). */
export function addCityscapesOptions(command: Command): Command {
  return command
    .optionsGroup('Cityscapes (--dataset cityscapes-labelids):')
    .option(
      '--gt-instances <dir>',
      'folder of *_gtFine_instanceIds.png for iIoU (default: beside each *_gtFine_labelIds.png)',
    )
    .option('--no-instances', 'skip instance-level scores (iIoU): no *_gtFine_instanceIds.png needed');
}

/** Whether the run reports the Cityscapes benchmark scores (`--dataset cityscapes-labelids`). */
export function isCityscapesRun(flags: CityscapesFlags): boolean {
  return flags.dataset?.trim().toLowerCase() === CITYSCAPES_DATASET;
}

/** Whether the run reads instance ids (Cityscapes run without `--no-instances`). */
export function wantsInstances(flags: CityscapesFlags): boolean {
  return isCityscapesRun(flags) && flags.instances !== false;
}
