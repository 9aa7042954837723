/**
 * Names shown in `--help` and accepted by `--dataset`, kept here so that help and version load no
 * package: the dataset presets of `@segmetrics/io`, the parity presets of `@segmetrics/metrics` and the
 * metric ids of `@segmetrics/report`. `option-names.test.ts` checks each list against its package, so
 * adding a preset or a metric there fails that test until the name is added here.
 */
export const OPTION_NAMES = {
  /** `Object.keys(datasetPresets)` of `@segmetrics/io`. */
  datasets: ['cityscapes', 'cityscapes-labelids', 'ade20k', 'voc'],
  /** `Object.keys(presets)` of `@segmetrics/metrics`. */
  presets: [
    'mmseg',
    'torchmetrics-jaccard',
    'torchmetrics-meaniou',
    'torchmetrics-dice',
    'torchmetrics-generalized-dice',
    'sklearn',
    'keras',
    'detectron2',
    'monai',
  ],
  /** `knownMetricIds()` of `@segmetrics/report`. */
  metrics: [
    'iou',
    'mIoU',
    'dice',
    'mDice',
    'fscore',
    'mFscore',
    'precision',
    'mPrecision',
    'recall',
    'mRecall',
    'mAcc',
    'specificity',
    'mSpecificity',
    'tversky',
    'mTversky',
    'support',
    'predicted',
    'aAcc',
    'fwIoU',
    'kappa',
  ],
} as const satisfies Record<string, readonly string[]>;
