// The floor that `segmetrics eval` is measured against in the bench: a script that loads only
// @segmetrics/core and @segmetrics/io/node, lists the ground-truth folder, decodes and counts every pair
// in this thread into one matrix (the readers and the counting kernel the CLI uses) and prints the mIoU
// (absent classes excluded) as JSON. No option parsing, pairing rules, worker threads, metrics, report
// or output formats: what is left is Node's own start-up, loading the reader and the counter, and the
// work itself. No segmetrics run in one thread can be faster than this on the same files (with more
// threads it can: the floor is one thread).
//
//   node bench/floor.mjs --gt DIR --pred DIR --num-classes N [--ignore-index 255]

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfusionMatrix, classCounts } from '@segmetrics/core';
import { DecodeBuffer, readLabelMapSync } from '@segmetrics/io/node';

const { values } = parseArgs({
  options: {
    gt: { type: 'string' },
    pred: { type: 'string' },
    'num-classes': { type: 'string' },
    'ignore-index': { type: 'string' },
  },
});
if (values.gt === undefined || values.pred === undefined || values['num-classes'] === undefined) {
  console.error('usage: node bench/floor.mjs --gt DIR --pred DIR --num-classes N [--ignore-index I]');
  process.exit(2);
}
const matrix = new ConfusionMatrix({
  numClasses: Number(values['num-classes']),
  ...(values['ignore-index'] === undefined ? {} : { ignoreIndex: [Number(values['ignore-index'])] }),
});
const gtBuffer = new DecodeBuffer();
const predBuffer = new DecodeBuffer();
for (const name of readdirSync(values.gt).sort()) {
  const gtPath = join(values.gt, name);
  const predPath = join(values.pred, name);
  const gt = readLabelMapSync(gtPath, { file: gtPath, into: gtBuffer });
  const pred = readLabelMapSync(predPath, { file: predPath, into: predBuffer });
  matrix.update(pred.data, gt.data, { width: gt.width, height: gt.height, sampleId: name });
}
const { tp, fp, fn } = classCounts(matrix);
let sum = 0;
let classes = 0;
for (let k = 0; k < tp.length; k++) {
  const union = tp[k] + fp[k] + fn[k];
  if (union === 0) continue; // 0/0: absent from ground truth and predictions, excluded
  sum += tp[k] / union;
  classes++;
}
process.stdout.write(`${JSON.stringify({ mIoU: classes === 0 ? null : sum / classes })}\n`);
