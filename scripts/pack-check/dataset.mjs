// Datasets of the pack check, written with the installed @segmetrics/io, and the report a naive count
// of them gives.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EVAL = { numClasses: 5, ignoreIndex: 255, images: 3, width: 24, height: 16 };

/** Deterministic labels: blocks of classes 0–3 (class 4 never occurs), noise, ignored pixels in gt. */
function labels(width, height, seed, withIgnore) {
  const out = new Uint8Array(width * height);
  let state = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const noise = state >>> 24;
      const i = y * width + x;
      if (withIgnore && x === y) out[i] = EVAL.ignoreIndex;
      else out[i] = noise < 48 ? noise % 4 : (Math.floor(x / 6) + Math.floor(y / 5)) % 4;
    }
  }
  return out;
}

/**
 * Writes, under `dir`:
 * - `eval/{gt,pred}/img_<i>.png`: the `segmetrics eval` set ({@link expectedReport} gives its numbers);
 * - `examples/cityscapes/gtFine/val/frankfurt/*_gtFine_labelTrainIds.png` and
 *   `examples/results/frankfurt/*_leftImg8bit.png`: the layout @segmetrics/io's README example reads
 *   (README examples run with `examples/` as their working folder).
 */
export function makeDatasets(io, dir) {
  const { width, height } = EVAL;
  const gt = join(dir, 'eval', 'gt');
  const pred = join(dir, 'eval', 'pred');
  const examplesCwd = join(dir, 'examples');
  const cityGt = join(examplesCwd, 'cityscapes', 'gtFine', 'val', 'frankfurt');
  const cityPred = join(examplesCwd, 'results', 'frankfurt');
  for (const folder of [gt, pred, cityGt, cityPred]) mkdirSync(folder, { recursive: true });
  const pairs = [];
  for (let i = 0; i < EVAL.images; i++) {
    const g = labels(width, height, 2 * i + 1, true);
    const p = labels(width, height, 2 * i + 2, false);
    pairs.push({ gt: g, pred: p });
    writeFileSync(join(gt, `img_${i}.png`), io.encodeLabelPng(g, width, height));
    writeFileSync(join(pred, `img_${i}.png`), io.encodeLabelPng(p, width, height));
    const id = `frankfurt_000000_00000${i}`;
    writeFileSync(join(cityGt, `${id}_gtFine_labelTrainIds.png`), io.encodeLabelPng(g, width, height));
    writeFileSync(join(cityPred, `${id}_leftImg8bit.png`), io.encodeLabelPng(p, width, height));
  }
  return {
    evalSet: { gt, pred, pairs, numClasses: EVAL.numClasses, ignoreIndex: EVAL.ignoreIndex },
    examplesCwd,
  };
}

/**
 * The numbers a naive pixel loop gives for the eval set: pixels counted and ignored, per-class IoU
 * (`null` for a class in neither map: 0/0) and mIoU (mean over the other classes).
 */
export function expectedReport({ pairs, numClasses, ignoreIndex }) {
  const tp = new Array(numClasses).fill(0);
  const fp = new Array(numClasses).fill(0);
  const fn = new Array(numClasses).fill(0);
  let counted = 0;
  let ignored = 0;
  for (const { gt, pred } of pairs) {
    for (let i = 0; i < gt.length; i++) {
      if (gt[i] === ignoreIndex) {
        ignored++;
        continue;
      }
      counted++;
      if (gt[i] === pred[i]) tp[gt[i]]++;
      else {
        fn[gt[i]]++;
        fp[pred[i]]++;
      }
    }
  }
  const iou = tp.map((t, k) => (t + fp[k] + fn[k] === 0 ? null : t / (t + fp[k] + fn[k])));
  const defined = iou.filter((v) => v !== null);
  return {
    images: pairs.length,
    counted,
    ignored,
    iou,
    mIoU: defined.reduce((a, b) => a + b, 0) / defined.length,
  };
}
