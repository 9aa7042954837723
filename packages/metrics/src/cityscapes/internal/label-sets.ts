import {
  type CityscapesCategory,
  type CityscapesLabel,
  cityscapesCategories,
  cityscapesLabels,
} from '../cityscapes-labels.js';

/** The labels of one category, in labelId order. */
export function labelsOf(category: CityscapesCategory): readonly CityscapesLabel[] {
  return cityscapesLabels.filter((label) => label.category === category);
}

/** The evaluated labels (`ignoreInEval: false`), in labelId (= trainId) order. */
export const evaluatedLabels: readonly CityscapesLabel[] = cityscapesLabels.filter((l) => !l.ignoreInEval);

/**
 * Categories with an instance-level score: those whose labels (with an id) all have instances —
 * human and vehicle (cityscapesScripts' `generateInstanceStats`).
 */
export const instanceCategories: readonly CityscapesCategory[] = cityscapesCategories.filter((category) =>
  labelsOf(category).every((label) => label.hasInstances),
);

/** The labelId's label, or `undefined` outside 0 … 33. */
export function labelById(id: number): CityscapesLabel | undefined {
  return Number.isInteger(id) && id >= 0 ? cityscapesLabels[id] : undefined;
}
