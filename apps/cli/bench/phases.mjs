#!/usr/bin/env node
// Per-phase cost of decoding and counting a folder of PNG pairs in one thread (used by bench/run.mjs):
// read (one readFileSync per file), inflate (node:zlib on the IDAT stream, as the Node fast path calls
// it), unfilter (the rest of @segmetrics/io's decodePngFast: PNG parsing, CRC, unfiltering, label view)
// and count (@segmetrics/core's ConfusionMatrix.update). Two passes over the pairs, the second timed;
// prints the median per image pair of each phase in ms as JSON.
// Usage: node bench/phases.mjs GT_DIR PRED_DIR NUM_CLASSES IGNORE_INDEX
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ConfusionMatrix } from '@segmetrics/core';
import { decodePngFast } from '@segmetrics/io/node';

const [gtDir, predDir, numClasses, ignoreIndex] = process.argv.slice(2);
const names = readdirSync(gtDir)
  .filter((name) => name.endsWith('.png'))
  .sort();

/** The concatenated IDAT data of a PNG and its inflated size (8-bit, one sample per pixel). */
function idat(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = [];
  let width = 0;
  let height = 0;
  for (let offset = 8; offset < bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
    }
    if (type === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return { data: Buffer.concat(parts), size: (width + 1) * height };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const samples = { read: [], inflate: [], unfilter: [], count: [], total: [] };
for (let pass = 0; pass < 2; pass++) {
  const matrix = new ConfusionMatrix({ numClasses: Number(numClasses), ignoreIndex: [Number(ignoreIndex)] });
  for (const name of names) {
    let read = 0;
    let inflate = 0;
    let decode = 0;
    const maps = [];
    for (const path of [join(gtDir, name), join(predDir, name)]) {
      let t = performance.now();
      const bytes = readFileSync(path);
      read += performance.now() - t;
      const { data, size } = idat(bytes);
      t = performance.now();
      inflateSync(data, { chunkSize: Math.max(64, size + 1), maxOutputLength: size + 65536 });
      inflate += performance.now() - t;
      t = performance.now();
      maps.push(decodePngFast(bytes, { file: path }));
      decode += performance.now() - t;
    }
    const [gt, pred] = maps;
    const t = performance.now();
    matrix.update(pred.data, gt.data, { width: gt.width, height: gt.height, sampleId: name });
    const count = performance.now() - t;
    if (pass === 1) {
      samples.read.push(read);
      samples.inflate.push(inflate);
      samples.unfilter.push(decode - inflate);
      samples.count.push(count);
      samples.total.push(read + decode + count);
    }
  }
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))));
