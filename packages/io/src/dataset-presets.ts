import { ErrorCode, type LabelMapping } from '@segmetrics/core';
import { cityscapesLabels, cityscapesLabelIdToTrainId as labelIdToTrainId } from '@segmetrics/metrics';
import { formatColor } from './color-palette.js';
import { ioError } from './internal/errors.js';
import type { ColorPalette, RgbColor } from './types.js';
import { vocColorMap } from './voc-color-map.js';

/** Facts about a public dataset's label maps: class names, colours, ignore values, label mapping. */
export interface DatasetPreset {
  /** Preset id, e.g. `'cityscapes'`. */
  readonly name: string;
  readonly numClasses: number;
  /** `classNames[k]` names class k (after any label mapping). */
  readonly classNames: readonly string[];
  /** `colors[k]` is the dataset's colour of class k, `[r, g, b]`. */
  readonly colors: readonly RgbColor[];
  /** Ground-truth values that are not evaluated (after label mapping). */
  readonly ignoreIndex: readonly number[];
  /**
   * Raw label → class mapping to apply to files of this preset (core's `LabelMapping`); absent when the
   * files already hold class ids.
   */
  readonly labelMapping?: LabelMapping;
  /** mmsegmentation's `reduce_zero_label`: raw 0 is ignored and raw k is class k − 1. */
  readonly reduceZeroLabel?: boolean;
  /**
   * Colour → raw label of the dataset's own colour-coded masks (RGB PNGs as the dataset or its tools
   * write them), including the colours of ignored regions (VOC's border, Cityscapes' void classes), so
   * such masks decode without an unknown-colour error. Raw labels are those the preset's
   * `labelMapping` expects. Absent when the dataset's colours are ambiguous (ADE20K gives two classes
   * one colour): use `colors` with care there.
   */
  readonly maskPalette?: ColorPalette;
  /** What the preset expects on disk, and where its data come from. */
  readonly description: string;
}

// Cityscapes: the label table lives once, in @segmetrics/metrics (cityscapesScripts' `labels.py`, with
// the categories and flags its benchmark scores need); the presets take names, ids and colours from it.
const CITYSCAPES_LABELS: readonly (readonly [string, number, number, RgbColor])[] = cityscapesLabels.map(
  (label) => [label.name, label.id, label.trainId, [...label.color] as unknown as RgbColor],
);

/**
 * Cityscapes labelIds (0 … 33) → trainIds (0 … 18, 255 = ignored), as a core `LabelMapping` table
 * (cityscapesScripts `labels.py`). Apply it to `*_gtFine_labelIds.png` files and to predictions saved
 * as labelIds; `*_gtFine_labelTrainIds.png` files already hold trainIds. (The same object as
 * @segmetrics/metrics' `cityscapesLabelIdToTrainId`.)
 */
export const cityscapesLabelIdToTrainId: Readonly<Record<number, number>> = labelIdToTrainId;

/**
 * Colour → label of Cityscapes `*_gtFine_color.png` masks: `value` picks the label (trainId or labelId)
 * of each colour; colours that several labels share (black: unlabeled, ego vehicle, borders, static)
 * keep the first label, which is void (255 / labelId 0) in both cases.
 */
function cityscapesMaskPalette(value: (label: (typeof CITYSCAPES_LABELS)[number]) => number): ColorPalette {
  const palette: Record<string, number> = {};
  for (const label of CITYSCAPES_LABELS) {
    const key = formatColor(label[3]);
    if (!Object.hasOwn(palette, key)) palette[key] = value(label);
  }
  return Object.freeze(palette);
}

/** The VOC colour map for ids 0 … 20 plus the border colour (224, 224, 192) as 255; other ids unused. */
function vocMaskPalette(): ColorPalette {
  const map = vocColorMap(256);
  // Deeply frozen, like every preset palette: decoders may then keep its lookup (see `paletteLookup`).
  return Object.freeze(
    map.map((color, id) => (id <= 20 || id === 255 ? (Object.freeze(color) as RgbColor) : null)),
  );
}

const cityscapesTrain = CITYSCAPES_LABELS.filter(([, , trainId]) => trainId !== 255).sort(
  (a, b) => a[2] - b[2],
);

// ADE20K (SceneParsing, 150 classes): mmsegmentation `mmseg/datasets/ade.py` `ADE20KDataset.METAINFO`
// (https://github.com/open-mmlab/mmsegmentation); 'bed ' trimmed to 'bed'. Raw 0 = "other/unlabeled".
// Note: the palette gives road (6) and skyscraper (48) the same colour, as upstream does.
const ADE20K_NAMES: readonly string[] = [
  'wall',
  'building',
  'sky',
  'floor',
  'tree',
  'ceiling',
  'road',
  'bed',
  'windowpane',
  'grass',
  'cabinet',
  'sidewalk',
  'person',
  'earth',
  'door',
  'table',
  'mountain',
  'plant',
  'curtain',
  'chair',
  'car',
  'water',
  'painting',
  'sofa',
  'shelf',
  'house',
  'sea',
  'mirror',
  'rug',
  'field',
  'armchair',
  'seat',
  'fence',
  'desk',
  'rock',
  'wardrobe',
  'lamp',
  'bathtub',
  'railing',
  'cushion',
  'base',
  'box',
  'column',
  'signboard',
  'chest of drawers',
  'counter',
  'sand',
  'sink',
  'skyscraper',
  'fireplace',
  'refrigerator',
  'grandstand',
  'path',
  'stairs',
  'runway',
  'case',
  'pool table',
  'pillow',
  'screen door',
  'stairway',
  'river',
  'bridge',
  'bookcase',
  'blind',
  'coffee table',
  'toilet',
  'flower',
  'book',
  'hill',
  'bench',
  'countertop',
  'stove',
  'palm',
  'kitchen island',
  'computer',
  'swivel chair',
  'boat',
  'bar',
  'arcade machine',
  'hovel',
  'bus',
  'towel',
  'light',
  'truck',
  'tower',
  'chandelier',
  'awning',
  'streetlight',
  'booth',
  'television receiver',
  'airplane',
  'dirt track',
  'apparel',
  'pole',
  'land',
  'bannister',
  'escalator',
  'ottoman',
  'bottle',
  'buffet',
  'poster',
  'stage',
  'van',
  'ship',
  'fountain',
  'conveyer belt',
  'canopy',
  'washer',
  'plaything',
  'swimming pool',
  'stool',
  'barrel',
  'basket',
  'waterfall',
  'tent',
  'bag',
  'minibike',
  'cradle',
  'oven',
  'ball',
  'food',
  'step',
  'tank',
  'trade name',
  'microwave',
  'pot',
  'animal',
  'bicycle',
  'lake',
  'dishwasher',
  'screen',
  'blanket',
  'sculpture',
  'hood',
  'sconce',
  'vase',
  'traffic light',
  'tray',
  'ashcan',
  'fan',
  'pier',
  'crt screen',
  'plate',
  'monitor',
  'bulletin board',
  'shower',
  'radiator',
  'glass',
  'clock',
  'flag',
];
const ADE20K_COLORS: readonly RgbColor[] = [
  [120, 120, 120],
  [180, 120, 120],
  [6, 230, 230],
  [80, 50, 50],
  [4, 200, 3],
  [120, 120, 80],
  [140, 140, 140],
  [204, 5, 255],
  [230, 230, 230],
  [4, 250, 7],
  [224, 5, 255],
  [235, 255, 7],
  [150, 5, 61],
  [120, 120, 70],
  [8, 255, 51],
  [255, 6, 82],
  [143, 255, 140],
  [204, 255, 4],
  [255, 51, 7],
  [204, 70, 3],
  [0, 102, 200],
  [61, 230, 250],
  [255, 6, 51],
  [11, 102, 255],
  [255, 7, 71],
  [255, 9, 224],
  [9, 7, 230],
  [220, 220, 220],
  [255, 9, 92],
  [112, 9, 255],
  [8, 255, 214],
  [7, 255, 224],
  [255, 184, 6],
  [10, 255, 71],
  [255, 41, 10],
  [7, 255, 255],
  [224, 255, 8],
  [102, 8, 255],
  [255, 61, 6],
  [255, 194, 7],
  [255, 122, 8],
  [0, 255, 20],
  [255, 8, 41],
  [255, 5, 153],
  [6, 51, 255],
  [235, 12, 255],
  [160, 150, 20],
  [0, 163, 255],
  [140, 140, 140],
  [250, 10, 15],
  [20, 255, 0],
  [31, 255, 0],
  [255, 31, 0],
  [255, 224, 0],
  [153, 255, 0],
  [0, 0, 255],
  [255, 71, 0],
  [0, 235, 255],
  [0, 173, 255],
  [31, 0, 255],
  [11, 200, 200],
  [255, 82, 0],
  [0, 255, 245],
  [0, 61, 255],
  [0, 255, 112],
  [0, 255, 133],
  [255, 0, 0],
  [255, 163, 0],
  [255, 102, 0],
  [194, 255, 0],
  [0, 143, 255],
  [51, 255, 0],
  [0, 82, 255],
  [0, 255, 41],
  [0, 255, 173],
  [10, 0, 255],
  [173, 255, 0],
  [0, 255, 153],
  [255, 92, 0],
  [255, 0, 255],
  [255, 0, 245],
  [255, 0, 102],
  [255, 173, 0],
  [255, 0, 20],
  [255, 184, 184],
  [0, 31, 255],
  [0, 255, 61],
  [0, 71, 255],
  [255, 0, 204],
  [0, 255, 194],
  [0, 255, 82],
  [0, 10, 255],
  [0, 112, 255],
  [51, 0, 255],
  [0, 194, 255],
  [0, 122, 255],
  [0, 255, 163],
  [255, 153, 0],
  [0, 255, 10],
  [255, 112, 0],
  [143, 255, 0],
  [82, 0, 255],
  [163, 255, 0],
  [255, 235, 0],
  [8, 184, 170],
  [133, 0, 255],
  [0, 255, 92],
  [184, 0, 255],
  [255, 0, 31],
  [0, 184, 255],
  [0, 214, 255],
  [255, 0, 112],
  [92, 255, 0],
  [0, 224, 255],
  [112, 224, 255],
  [70, 184, 160],
  [163, 0, 255],
  [153, 0, 255],
  [71, 255, 0],
  [255, 0, 163],
  [255, 204, 0],
  [255, 0, 143],
  [0, 255, 235],
  [133, 255, 0],
  [255, 0, 235],
  [245, 0, 255],
  [255, 0, 122],
  [255, 245, 0],
  [10, 190, 212],
  [214, 255, 0],
  [0, 204, 255],
  [20, 0, 255],
  [255, 255, 0],
  [0, 153, 255],
  [0, 41, 255],
  [0, 255, 204],
  [41, 0, 255],
  [41, 255, 0],
  [173, 0, 255],
  [0, 245, 255],
  [71, 0, 255],
  [122, 0, 255],
  [0, 255, 184],
  [0, 92, 255],
  [184, 255, 0],
  [0, 133, 255],
  [255, 214, 0],
  [25, 194, 194],
  [102, 255, 0],
  [92, 0, 255],
];

// PASCAL VOC 2012: class names from the VOCdevkit (`VOCopts.classes`, with background as 0) and the
// VOC colour map (`VOClabelcolormap.m`); 255 marks object borders and difficult regions ("void").
const VOC_NAMES: readonly string[] = [
  'background',
  'aeroplane',
  'bicycle',
  'bird',
  'boat',
  'bottle',
  'bus',
  'car',
  'cat',
  'chair',
  'cow',
  'diningtable',
  'dog',
  'horse',
  'motorbike',
  'person',
  'pottedplant',
  'sheep',
  'sofa',
  'train',
  'tvmonitor',
];

function freeze(preset: DatasetPreset): DatasetPreset {
  return Object.freeze({
    ...preset,
    classNames: Object.freeze([...preset.classNames]),
    colors: Object.freeze(preset.colors.map((c) => Object.freeze([...c]) as unknown as RgbColor)),
    ignoreIndex: Object.freeze([...preset.ignoreIndex]),
  });
}

/**
 * Built-in dataset presets (frozen data, sources cited in the source file):
 * - `cityscapes`: 19 train classes (trainIds 0 … 18), ignore 255; files hold trainIds
 *   (`*_gtFine_labelTrainIds.png`), so no label mapping;
 * - `cityscapes-labelids`: the same classes for files holding labelIds (`*_gtFine_labelIds.png`, the
 *   official evaluation format), with the labelIds → trainIds table as `labelMapping`; a value that is
 *   not a labelId (0 … 33, e.g. the 255 of a trainId file) is an error (`unmapped: 'invalid'`);
 * - `ade20k`: 150 classes, `reduceZeroLabel` (raw 0 ignored, raw k → k − 1), ignore 255;
 * - `voc`: 21 classes (background + 20), VOC colour map, ignore 255 (borders).
 */
export const datasetPresets: Readonly<
  Record<'cityscapes' | 'cityscapes-labelids' | 'ade20k' | 'voc', DatasetPreset>
> = nullPrototype({
  cityscapes: freeze({
    name: 'cityscapes',
    numClasses: 19,
    classNames: cityscapesTrain.map(([name]) => name),
    colors: cityscapesTrain.map(([, , , color]) => color),
    ignoreIndex: [255],
    maskPalette: cityscapesMaskPalette(([, , trainId]) => trainId),
    description: 'Cityscapes trainIds (*_gtFine_labelTrainIds.png): 19 classes, 255 ignored',
  }),
  'cityscapes-labelids': freeze({
    name: 'cityscapes-labelids',
    numClasses: 19,
    classNames: cityscapesTrain.map(([name]) => name),
    colors: cityscapesTrain.map(([, , , color]) => color),
    ignoreIndex: [255],
    labelMapping: Object.freeze({
      table: cityscapesLabelIdToTrainId,
      applyTo: 'both' as const,
      unmapped: 'invalid' as const,
    }),
    maskPalette: cityscapesMaskPalette(([, id]) => id),
    description: 'Cityscapes labelIds (*_gtFine_labelIds.png) mapped to the 19 trainIds; void ids ignored',
  }),
  ade20k: freeze({
    name: 'ade20k',
    numClasses: 150,
    classNames: ADE20K_NAMES,
    colors: ADE20K_COLORS,
    ignoreIndex: [255],
    reduceZeroLabel: true,
    labelMapping: Object.freeze({ reduceZeroLabel: true }),
    description: 'ADE20K SceneParsing: raw 0 = unlabeled (ignored), raw 1 … 150 = classes 0 … 149',
  }),
  voc: freeze({
    name: 'voc',
    numClasses: 21,
    classNames: VOC_NAMES,
    colors: vocColorMap(21),
    ignoreIndex: [255],
    maskPalette: vocMaskPalette(),
    description: 'PASCAL VOC 2012 palette PNGs: indices 0 … 20, 255 = border (ignored)',
  }),
});

/** A frozen copy of `record` without a prototype: `record.constructor`, `record.__proto__` are undefined. */
function nullPrototype<T extends object>(record: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as object, record) as T);
}

/** Names of the built-in presets. */
export type DatasetPresetName = keyof typeof datasetPresets;

/**
 * The preset called `name` (case-insensitive); `UNKNOWN_PRESET` listing the known names otherwise.
 * Only the presets' own names match: `'__proto__'`, `'constructor'` or `'toString'` are unknown names.
 */
export function getDatasetPreset(name: string): DatasetPreset {
  const key = typeof name === 'string' ? name.trim().toLowerCase() : '';
  if (Object.hasOwn(datasetPresets, key)) return datasetPresets[key as DatasetPresetName];
  throw ioError(
    ErrorCode.UNKNOWN_PRESET,
    undefined,
    `unknown dataset preset "${name}" (known: ${Object.keys(datasetPresets).join(', ')})`,
    { value: name, known: Object.keys(datasetPresets) },
  );
}
