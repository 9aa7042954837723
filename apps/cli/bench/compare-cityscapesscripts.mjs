#!/usr/bin/env node
// `node bench/compare-cityscapesscripts.mjs --cityscapes-scripts <checkout of mcordts/cityscapesScripts>`
// regenerates the comparison of `segmetrics eval --dataset cityscapes-labelids --format cityscapes` with
// cityscapesScripts' own evalPixelLevelSemanticLabeling.py (pure-Python path, /usr/bin/python3 with numpy
// and PIL) on generated Cityscapes-format data: several cities, instances and group regions, void and
// ignored stuff, predictions of ignored labelIds (caravan, trailer, unlabeled) and confusions inside and
// across categories, a class absent from both maps and one only predicted. It compares the result JSON key
// by key (confMatrix, priors, labels and every score, floats exactly) and as text (cityscapesScripts'
// bare NaN read as null) with cityscapesScripts run on the images in segmetrics' order (sorted by path),
// and exits 1 on any difference; then with cityscapesScripts' command as is, whose image order is the
// file system's, so that its iIoU sums may differ in the last bits (reported in units in the last place).
// Prints both timings. Not run in CI (it needs the checkout and takes minutes). Needs built dist folders (`pnpm turbo run build --filter=segmetrics...`).
// Options: --pairs 12, --width 2048, --height 1024, --data-dir apps/cli/.bench-data.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { writeCityscapesData } from './cityscapes-data.mjs';
import { runCityscapesScripts } from './cityscapes-scripts.mjs';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(APP_DIR, 'dist', 'cli.js');
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    'cityscapes-scripts': { type: 'string' },
    pairs: { type: 'string', default: '12' },
    width: { type: 'string', default: '2048' },
    height: { type: 'string', default: '1024' },
    'data-dir': { type: 'string', default: join(APP_DIR, '.bench-data') },
  },
});
const checkout = values['cityscapes-scripts'];
if (checkout === undefined) {
  console.error('usage: compare-cityscapesscripts.mjs --cityscapes-scripts <cityscapesScripts checkout>');
  process.exit(2);
}
const pairs = Number(values.pairs);
const width = Number(values.width);
const height = Number(values.height);
const root = join(values['data-dir'], `cityscapes-compare-${pairs}-${width}x${height}`);
// sidewalk (8) absent from every scene; motorcycle (32) predicted but absent from the ground truth in one
writeCityscapesData(root, {
  pairs,
  width,
  height,
  sceneOptions: (i) => ({ absent: [12], ...(i === 1 ? { predictedOnly: [32] } : {}) }),
});

const theirs = runCityscapesScripts(checkout, root, 'sorted');
const asIs = runCityscapesScripts(checkout, root, 'glob');
const ours = spawnSync(
  '/usr/bin/time',
  [
    '-f',
    '%e %U %S',
    process.execPath,
    CLI,
    'eval',
    '--dataset',
    'cityscapes-labelids',
    '--gt',
    join(root, 'gtFine', 'val'),
    '--pred',
    join(root, 'results'),
    '--format',
    'cityscapes',
  ],
  { encoding: 'utf8', maxBuffer: 1 << 28 },
);
if (ours.status !== 0) throw new Error(`segmetrics failed:\n${ours.stderr}`);
const [wall, user, sys] = ours.stderr.trim().split('\n').at(-1).split(' ').map(Number);
const warnings = ours.stderr.trim().split('\n').slice(0, -1);

// cityscapesScripts writes Python's bare NaN (not JSON); segmetrics writes null
const theirText = theirs.text.replace(/\bNaN\b/g, 'null');
const expected = JSON.parse(theirText);
const actual = JSON.parse(ours.stdout);
let differences = 0;
const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
console.log(`${pairs} pairs of ${width}×${height} in ${root}`);
for (const key of keys) {
  const same = isDeepStrictEqual(actual[key], expected[key]);
  if (!same) differences++;
  const size = Array.isArray(expected[key])
    ? `${expected[key].length}×${expected[key][0]?.length ?? 0}`
    : typeof expected[key] === 'object' && expected[key] !== null
      ? `${Object.keys(expected[key]).length} entries`
      : String(expected[key]);
  console.log(`${same ? 'same     ' : 'DIFFERENT'}  ${key} (${size})`);
  if (!same && typeof expected[key] === 'object' && expected[key] !== null) {
    for (const k of Object.keys(expected[key])) {
      if (!isDeepStrictEqual(actual[key]?.[k], expected[key][k])) {
        console.log(
          `             ${k}: segmetrics ${JSON.stringify(actual[key]?.[k])}, cityscapesScripts ${JSON.stringify(expected[key][k])}`,
        );
      }
    }
  }
}
const sameText = ours.stdout === theirText;
console.log(`text (NaN as null): ${sameText ? 'byte-identical' : 'DIFFERENT'}`);
if (warnings.length > 0) console.log(`segmetrics stderr: ${warnings.join(' | ')}`);

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a, b) {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}
const globResult = JSON.parse(asIs.text.replace(/\bNaN\b/g, 'null'));
const apart = [];
const walk = (x, y, path) => {
  if (typeof x === 'number' && typeof y === 'number') {
    if (x !== y) apart.push(`${path} (${Math.abs(ulps(x, y))} ulp)`);
  } else if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
    for (const k of Object.keys(y)) walk(x[k], y[k], `${path}.${k}`);
  } else if (x !== y) apart.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
};
walk(actual, globResult, 'result');
console.log(
  `cityscapesScripts as is (file system order): ${apart.length === 0 ? 'identical' : `differs in ${apart.join(', ')}`}`,
);
console.log(`cityscapesScripts (pure Python): ${asIs.wall.toFixed(2)} s wall, ${asIs.cpu.toFixed(2)} s CPU`);
console.log(`segmetrics eval:                 ${wall.toFixed(2)} s wall, ${(user + sys).toFixed(2)} s CPU`);
process.exit(differences === 0 && sameText && warnings.length === 0 ? 0 : 1);
