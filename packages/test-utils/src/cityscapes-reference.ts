/**
 * A slow, literal restatement of cityscapesScripts' `evalPixelLevelSemanticLabeling.py` over pixels (a
 * 34×34 labelId matrix and one pass per instance), independent of segmetrics' production path: the
 * expected values of the Cityscapes tests.
 */
import type { CityscapesScene } from './cityscapes-scene.js';

export interface ReferenceLabel {
  name: string;
  id: number;
  trainId: number;
  category: string;
  hasInstances: boolean;
  ignoreInEval: boolean;
}

// labels.py (name, id, trainId, category, hasInstances, ignoreInEval), restated for the reference.
export const REFERENCE_LABELS: ReferenceLabel[] = (
  [
    ['unlabeled', 0, 255, 'void', false, true],
    ['ego vehicle', 1, 255, 'void', false, true],
    ['rectification border', 2, 255, 'void', false, true],
    ['out of roi', 3, 255, 'void', false, true],
    ['static', 4, 255, 'void', false, true],
    ['dynamic', 5, 255, 'void', false, true],
    ['ground', 6, 255, 'void', false, true],
    ['road', 7, 0, 'flat', false, false],
    ['sidewalk', 8, 1, 'flat', false, false],
    ['parking', 9, 255, 'flat', false, true],
    ['rail track', 10, 255, 'flat', false, true],
    ['building', 11, 2, 'construction', false, false],
    ['wall', 12, 3, 'construction', false, false],
    ['fence', 13, 4, 'construction', false, false],
    ['guard rail', 14, 255, 'construction', false, true],
    ['bridge', 15, 255, 'construction', false, true],
    ['tunnel', 16, 255, 'construction', false, true],
    ['pole', 17, 5, 'object', false, false],
    ['polegroup', 18, 255, 'object', false, true],
    ['traffic light', 19, 6, 'object', false, false],
    ['traffic sign', 20, 7, 'object', false, false],
    ['vegetation', 21, 8, 'nature', false, false],
    ['terrain', 22, 9, 'nature', false, false],
    ['sky', 23, 10, 'sky', false, false],
    ['person', 24, 11, 'human', true, false],
    ['rider', 25, 12, 'human', true, false],
    ['car', 26, 13, 'vehicle', true, false],
    ['truck', 27, 14, 'vehicle', true, false],
    ['bus', 28, 15, 'vehicle', true, false],
    ['caravan', 29, 255, 'vehicle', true, true],
    ['trailer', 30, 255, 'vehicle', true, true],
    ['train', 31, 16, 'vehicle', true, false],
    ['motorcycle', 32, 17, 'vehicle', true, false],
    ['bicycle', 33, 18, 'vehicle', true, false],
  ] as const
).map(([name, id, trainId, category, hasInstances, ignoreInEval]) => ({
  name,
  id,
  trainId,
  category,
  hasInstances,
  ignoreInEval,
}));
const AVG: Record<string, number> = {
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
};
const CATEGORIES = ['void', 'flat', 'construction', 'object', 'nature', 'sky', 'human', 'vehicle'];

/** cityscapesScripts' result values (NaN as NaN), keyed as in its JSON. */
export interface ReferenceResult {
  classScores: Record<string, number>;
  classInstScores: Record<string, number>;
  categoryScores: Record<string, number>;
  categoryInstScores: Record<string, number>;
  averageScoreClasses: number;
  averageScoreInstClasses: number;
  averageScoreCategories: number;
  averageScoreInstCategories: number;
  confMatrix: number[][];
  priors: Record<string, number>;
}

/** cityscapesScripts' evaluator, restated: images in the given order. */
export function referenceCityscapes(scenes: readonly CityscapesScene[]): ReferenceResult {
  const conf = REFERENCE_LABELS.map(() => REFERENCE_LABELS.map(() => 0));
  const instClasses: Record<string, { tpW: number; fnW: number }> = {};
  for (const l of REFERENCE_LABELS)
    if (l.hasInstances && !l.ignoreInEval) instClasses[l.name] = { tpW: 0, fnW: 0 };
  const instCategories: Record<string, { tpW: number; fnW: number; ids: number[] }> = {};
  for (const category of CATEGORIES) {
    const members = REFERENCE_LABELS.filter((l) => l.category === category);
    if (members.every((l) => l.hasInstances)) {
      instCategories[category] = { tpW: 0, fnW: 0, ids: members.map((l) => l.id) };
    }
  }
  for (const scene of scenes) {
    for (let i = 0; i < scene.labelIds.length; i++) conf[scene.labelIds[i]!]![scene.prediction[i]!]!++;
    const ids = [...new Set(Array.from(scene.instanceIds).filter((v) => v > 1000))].sort((a, b) => a - b);
    for (const instId of ids) {
      const labelId = Math.trunc(instId / 1000);
      const label = REFERENCE_LABELS[labelId]!;
      if (label.ignoreInEval) continue;
      let size = 0;
      let tp = 0;
      let catTp = 0;
      const cat = instCategories[label.category];
      for (let i = 0; i < scene.instanceIds.length; i++) {
        if (scene.instanceIds[i] !== instId) continue;
        size++;
        if (scene.prediction[i] === labelId) tp++;
        if (cat?.ids.includes(scene.prediction[i]!)) catTp++;
      }
      const weight = AVG[label.name]! / size;
      instClasses[label.name]!.tpW += tp * weight;
      instClasses[label.name]!.fnW += (size - tp) * weight;
      if (cat !== undefined) {
        cat.tpW += catTp * weight;
        cat.fnW += (size - catTp) * weight;
      }
    }
  }
  const evalIds = REFERENCE_LABELS.map((l) => l.id);
  const sum = (rows: number[], cols: number[]) =>
    rows.reduce((s, r) => s + cols.reduce((t, c) => t + conf[r]![c]!, 0), 0);
  const all = evalIds;
  const classScores: Record<string, number> = {};
  const classInstScores: Record<string, number> = {};
  for (const l of REFERENCE_LABELS) {
    if (l.ignoreInEval) {
      classScores[l.name] = Number.NaN;
      classInstScores[l.name] = Number.NaN;
      continue;
    }
    const tp = conf[l.id]![l.id]!;
    const fn = sum([l.id], all) - tp;
    const notIgnored = REFERENCE_LABELS.filter((o) => !o.ignoreInEval && o.id !== l.id).map((o) => o.id);
    const fp = sum(notIgnored, [l.id]);
    classScores[l.name] = tp + fp + fn === 0 ? Number.NaN : tp / (tp + fp + fn);
    const inst = instClasses[l.name];
    if (inst === undefined) classInstScores[l.name] = Number.NaN;
    else {
      const denom = inst.tpW + fp + inst.fnW;
      classInstScores[l.name] = denom === 0 ? Number.NaN : inst.tpW / denom;
    }
  }
  const categoryScores: Record<string, number> = {};
  const categoryInstScores: Record<string, number> = {};
  for (const category of CATEGORIES) {
    const ids = REFERENCE_LABELS.filter((l) => l.category === category && !l.ignoreInEval).map((l) => l.id);
    const others = REFERENCE_LABELS.filter((l) => !l.ignoreInEval && l.category !== category).map(
      (l) => l.id,
    );
    if (ids.length === 0) categoryScores[category] = Number.NaN;
    else {
      const tp = sum(ids, ids);
      const fn = sum(ids, all) - tp;
      const fp = sum(others, ids);
      categoryScores[category] = tp + fp + fn === 0 ? Number.NaN : tp / (tp + fp + fn);
    }
    const inst = instCategories[category];
    if (inst === undefined) categoryInstScores[category] = Number.NaN;
    else {
      const fp = sum(others, inst.ids);
      const denom = inst.tpW + fp + inst.fnW;
      categoryInstScores[category] = denom === 0 ? Number.NaN : inst.tpW / denom;
    }
  }
  const average = (scores: Record<string, number>) => {
    let s = 0;
    let n = 0;
    for (const v of Object.values(scores)) {
      if (!Number.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n === 0 ? Number.NaN : s / n;
  };
  const total = sum(all, all);
  const priors: Record<string, number> = {};
  for (const l of REFERENCE_LABELS) priors[l.name] = sum([l.id], all) / total;
  return {
    classScores,
    classInstScores,
    categoryScores,
    categoryInstScores,
    averageScoreClasses: average(classScores),
    averageScoreInstClasses: average(classInstScores),
    averageScoreCategories: average(categoryScores),
    averageScoreInstCategories: average(categoryInstScores),
    confMatrix: conf,
    priors,
  };
}
