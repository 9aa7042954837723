/**
 * The 19 Cityscapes evaluation classes in train-id order (id 0 = road … 18 = bicycle), as in
 * cityscapesScripts' `labels.py` (`trainId` column) and mmsegmentation's `CityscapesDataset.METAINFO`.
 */
export const CITYSCAPES_CLASS_NAMES = [
  'road',
  'sidewalk',
  'building',
  'wall',
  'fence',
  'pole',
  'traffic light',
  'traffic sign',
  'vegetation',
  'terrain',
  'sky',
  'person',
  'rider',
  'car',
  'truck',
  'bus',
  'train',
  'motorcycle',
  'bicycle',
] as const;

/** The label Cityscapes' train-id maps use for pixels that are not evaluated. */
export const CITYSCAPES_IGNORE_INDEX = 255;
