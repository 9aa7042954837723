/** A Cityscapes category, in cityscapesScripts' order (`categoryId` 0 … 7). */
export type CityscapesCategory =
  | 'void'
  | 'flat'
  | 'construction'
  | 'object'
  | 'nature'
  | 'sky'
  | 'human'
  | 'vehicle';

/** One row of cityscapesScripts' label table (`cityscapesscripts/helpers/labels.py`). */
export interface CityscapesLabel {
  /** Unique name, e.g. `'car'`; the key of cityscapesScripts' result JSON. */
  readonly name: string;
  /** The labelId: the value in `*_gtFine_labelIds.png` files and in predictions for the benchmark. */
  readonly id: number;
  /** The trainId (0 … 18), or 255 for labels that are not trained (and not evaluated). */
  readonly trainId: number;
  readonly category: CityscapesCategory;
  readonly categoryId: number;
  /** Whether `*_gtFine_instanceIds.png` holds separate instances of this label (ids `id * 1000 + k`). */
  readonly hasInstances: boolean;
  /** Ground-truth pixels of this label are not evaluated (void, and rare classes such as caravan). */
  readonly ignoreInEval: boolean;
  /** The label's colour in `*_gtFine_color.png`, `[r, g, b]`. */
  readonly color: readonly [number, number, number];
}

type Row = readonly [
  string,
  number,
  number,
  CityscapesCategory,
  number,
  boolean,
  boolean,
  readonly [number, number, number],
];

// cityscapesScripts `cityscapesscripts/helpers/labels.py` (https://github.com/mcordts/cityscapesScripts),
// columns name, id, trainId, category, categoryId, hasInstances, ignoreInEval, color.
// `license plate` (id −1) never appears in label images, and every use in the evaluator skips ids < 0,
// so it is left out.
const ROWS: readonly Row[] = [
  ['unlabeled', 0, 255, 'void', 0, false, true, [0, 0, 0]],
  ['ego vehicle', 1, 255, 'void', 0, false, true, [0, 0, 0]],
  ['rectification border', 2, 255, 'void', 0, false, true, [0, 0, 0]],
  ['out of roi', 3, 255, 'void', 0, false, true, [0, 0, 0]],
  ['static', 4, 255, 'void', 0, false, true, [0, 0, 0]],
  ['dynamic', 5, 255, 'void', 0, false, true, [111, 74, 0]],
  ['ground', 6, 255, 'void', 0, false, true, [81, 0, 81]],
  ['road', 7, 0, 'flat', 1, false, false, [128, 64, 128]],
  ['sidewalk', 8, 1, 'flat', 1, false, false, [244, 35, 232]],
  ['parking', 9, 255, 'flat', 1, false, true, [250, 170, 160]],
  ['rail track', 10, 255, 'flat', 1, false, true, [230, 150, 140]],
  ['building', 11, 2, 'construction', 2, false, false, [70, 70, 70]],
  ['wall', 12, 3, 'construction', 2, false, false, [102, 102, 156]],
  ['fence', 13, 4, 'construction', 2, false, false, [190, 153, 153]],
  ['guard rail', 14, 255, 'construction', 2, false, true, [180, 165, 180]],
  ['bridge', 15, 255, 'construction', 2, false, true, [150, 100, 100]],
  ['tunnel', 16, 255, 'construction', 2, false, true, [150, 120, 90]],
  ['pole', 17, 5, 'object', 3, false, false, [153, 153, 153]],
  ['polegroup', 18, 255, 'object', 3, false, true, [153, 153, 153]],
  ['traffic light', 19, 6, 'object', 3, false, false, [250, 170, 30]],
  ['traffic sign', 20, 7, 'object', 3, false, false, [220, 220, 0]],
  ['vegetation', 21, 8, 'nature', 4, false, false, [107, 142, 35]],
  ['terrain', 22, 9, 'nature', 4, false, false, [152, 251, 152]],
  ['sky', 23, 10, 'sky', 5, false, false, [70, 130, 180]],
  ['person', 24, 11, 'human', 6, true, false, [220, 20, 60]],
  ['rider', 25, 12, 'human', 6, true, false, [255, 0, 0]],
  ['car', 26, 13, 'vehicle', 7, true, false, [0, 0, 142]],
  ['truck', 27, 14, 'vehicle', 7, true, false, [0, 0, 70]],
  ['bus', 28, 15, 'vehicle', 7, true, false, [0, 60, 100]],
  ['caravan', 29, 255, 'vehicle', 7, true, true, [0, 0, 90]],
  ['trailer', 30, 255, 'vehicle', 7, true, true, [0, 0, 110]],
  ['train', 31, 16, 'vehicle', 7, true, false, [0, 80, 100]],
  ['motorcycle', 32, 17, 'vehicle', 7, true, false, [0, 0, 230]],
  ['bicycle', 33, 18, 'vehicle', 7, true, false, [119, 11, 32]],
];

/**
 * The 34 Cityscapes labels with an id (labelIds 0 … 33, indexed by id), as cityscapesScripts'
 * `labels.py` defines them: name, labelId, trainId (255 = not trained), category, `hasInstances`,
 * `ignoreInEval` and colour. The 19 labels with `ignoreInEval: false` are the evaluated classes; their
 * trainIds 0 … 18 increase with their labelIds. `license plate` (id −1) is left out: it never appears
 * in label images.
 *
 * Reference: https://github.com/mcordts/cityscapesScripts, `cityscapesscripts/helpers/labels.py`.
 */
export const cityscapesLabels: readonly CityscapesLabel[] = Object.freeze(
  ROWS.map(([name, id, trainId, category, categoryId, hasInstances, ignoreInEval, color]) =>
    Object.freeze({
      name,
      id,
      trainId,
      category,
      categoryId,
      hasInstances,
      ignoreInEval,
      color: Object.freeze([...color]) as unknown as readonly [number, number, number],
    }),
  ),
);

/** The eight categories in cityscapesScripts' order (the order of first appearance in `labels.py`). */
export const cityscapesCategories: readonly CityscapesCategory[] = Object.freeze([
  'void',
  'flat',
  'construction',
  'object',
  'nature',
  'sky',
  'human',
  'vehicle',
]);

/**
 * cityscapesScripts' fixed average instance size per label (pixels), the numerator of the iIoU weight
 * `avgClassSize[label] / instance pixels`. Exactly the literals of `args.avgClassSize` in
 * `cityscapesscripts/evaluation/evalPixelLevelSemanticLabeling.py` (caravan and trailer are listed
 * there but never used: their instances are ignored).
 */
export const cityscapesAvgClassSize: Readonly<Record<string, number>> = Object.freeze({
  bicycle: 4672.3249222261,
  caravan: 36771.8241758242,
  motorcycle: 6298.7200839748,
  rider: 3930.4788056518,
  bus: 35732.1511111111,
  train: 67583.7075812274,
  car: 12794.0202738185,
  person: 3462.4756337644,
  truck: 27855.1264367816,
  trailer: 16926.9763313609,
});

/**
 * Cityscapes labelIds (0 … 33) → trainIds (0 … 18, 255 = ignored), the table to map
 * `*_gtFine_labelIds.png` files (and predictions saved as labelIds) to the 19 evaluated classes.
 */
export const cityscapesLabelIdToTrainId: Readonly<Record<number, number>> = Object.freeze(
  Object.fromEntries(cityscapesLabels.map((label) => [label.id, label.trainId])),
);
