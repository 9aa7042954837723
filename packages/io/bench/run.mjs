// pnpm bench — per-phase cost of reading label PNGs written by PIL, for three dataset shapes:
// Cityscapes (2048×1024 gray), ADE20K (512×512 gray), PASCAL VOC (500×375 palette). Imports the built
// dist (run `pnpm build` first; turbo's bench task does) and bundles a few internals (bench/internals.ts)
// to time phases one by one. Every phase runs on every image in interleaved rounds; the table shows
// medians of CPU ms per image (the machine is shared: CPU time, medians of many repetitions, A/B columns
// side by side).
// BENCH_ROUNDS (default 15) sets the rounds; `node bench/filters.mjs` runs the older encoder×filter table.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { unzlibSync } from 'fflate';
import { decodePng } from '../dist/index.js';
import { decodePngFast, readLabelMapSync } from '../dist/node.js';
import { DATASETS, pilImages } from './datasets.mjs';
import { internals } from './internals.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '.bench-data');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const COUNTS = { cityscapes: 6, ade20k: 16, voc: 16 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * CPU time of `run` in ms (user + system, all threads: GC included), not wall time: on a shared, loaded
 * machine wall time mostly measures the other processes.
 */
function time(run) {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

const phases = {
  'read (readFileSync)': ({ path }) => time(() => readFileSync(path)),
  'read (reader)': ({ path }) => time(() => internals.readLabelFileSync(path, {})),
  'parse + CRC': ({ bytes }) =>
    time(() => internals.parsePngStructure(bytes, { maxPixels: 2 ** 28, checkCrc: true })),
  'inflate (node:zlib)': ({ idat, expected }) =>
    time(() => inflateSync(idat, { chunkSize: expected + 1, maxOutputLength: expected + 65536 })),
  'inflate (fflate)': ({ idat, expected }) => time(() => unzlibSync(idat, { out: new Uint8Array(expected) })),
  'unfilter (JS)': ({ idat, expected, png }) => {
    const raw = inflateSync(idat, { chunkSize: expected + 1 });
    const inflated = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
    return time(() => internals.unfilterInPlace(inflated, png.rowBytes, png.height, 1));
  },
  'unfilter (wasm)': ({ idat, expected, png }) => {
    const raw = inflateSync(idat, { chunkSize: expected + 1 });
    const inflated = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
    return time(() => internals.unfilterWasm(inflated, png.rowBytes, png.height, 1));
  },
  decodePngFast: ({ bytes }) => time(() => decodePngFast(bytes)),
  readLabelMapSync: ({ path }) => time(() => readLabelMapSync(path)),
  'decodePng (fast-png)': ({ bytes }) => time(() => decodePng(bytes)),
};

const rows = [];
for (const dataset of DATASETS) {
  const images = pilImages(dataDir, dataset, COUNTS[dataset.name]).map((path) => {
    const bytes = readFileSync(path);
    const png = internals.parsePngStructure(bytes, { maxPixels: 2 ** 28, checkCrc: false });
    const fast = decodePngFast(bytes).data;
    const reference = decodePng(bytes).data;
    if (fast.length !== reference.length || fast.some((v, i) => v !== reference[i])) {
      throw new Error(`decoders disagree on ${path}`);
    }
    return { path, bytes, png, idat: internals.concatIdat(png), expected: png.inflatedSize };
  });
  const times = Object.fromEntries(Object.keys(phases).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const image of images) {
      for (const [name, run] of Object.entries(phases)) times[name].push(run(image));
    }
  }
  const kib = images.reduce((sum, image) => sum + image.bytes.length, 0) / images.length / 1024;
  rows.push([
    `${dataset.name} ${dataset.width}×${dataset.height} ${dataset.mode === 'P' ? 'palette' : 'gray'}`,
    `${kib.toFixed(0)} KiB`,
    ...Object.keys(phases).map((name) => median(times[name]).toFixed(3)),
  ]);
}
const header = ['PIL-written PNG', 'file', ...Object.keys(phases).map((name) => `${name} ms`)];
console.log(`\nmedian CPU ms per image, ${ROUNDS} interleaved rounds (Node ${process.version})\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
