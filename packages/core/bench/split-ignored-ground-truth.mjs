// `node bench/split-ignored-ground-truth.mjs` (after a build): the per-pixel cost of
// `splitIgnoredGroundTruth` on Cityscapes-sized (2048×1024) labelId maps, counted with the settings of
// `segmetrics eval --dataset cityscapes-labelids` (labelId → trainId table, unmapped 'invalid',
// splitPredictedIgnore), the option off and on side by side: the two settings alternate within every
// round (so both see the same machine load) and the report gives medians over rounds. Options:
// --rounds N (default 15), --images K per timing (default 4).
import { ConfusionMatrix } from '../dist/index.js';
import { prng, realisticPair } from './maps.mjs';

const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 15;
const IMAGES = Number(args[args.indexOf('--images') + 1]) || 4;
const WIDTH = 2048;
const HEIGHT = 1024;
const N = WIDTH * HEIGHT;

/** Cityscapes labelId → trainId (255: ignored), cityscapesScripts' labels.py. */
const TRAIN_ID = [
  255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255, 5, 255, 6, 7, 8, 9, 10, 11, 12,
  13, 14, 15, 255, 255, 16, 17, 18,
];
const EVAL_IDS = TRAIN_ID.map((t, id) => (t === 255 ? -1 : id)).filter((id) => id >= 0);
const IGNORED_IDS = TRAIN_ID.map((t, id) => (t === 255 ? id : -1)).filter((id) => id >= 0);

/**
 * A realistic 19-class scene (bench/maps.mjs) written as labelIds: class k → its labelId, ignore regions
 * → an ignored labelId chosen per 128×128 block (void, parking, caravan, ...), in both maps; then the
 * ego vehicle and the border as void ground truth (~10% ignored ground truth, as in Cityscapes).
 */
function cityscapesPair(ArrayType, seed, random = false) {
  const { gt, pred } = random ? randomScene(seed) : realisticPair(Uint8Array, WIDTH, HEIGHT, 19, 255, seed);
  const toLabelId = (map) => {
    const out = new ArrayType(N);
    for (let i = 0; i < N; i++) {
      const v = map[i];
      if (v !== 255) out[i] = EVAL_IDS[v];
      else {
        const block = ((i % WIDTH) >> 7) + ((i / WIDTH) >> 7) * 16;
        out[i] = IGNORED_IDS[block % IGNORED_IDS.length];
      }
    }
    return out;
  };
  const out = { gt: toLabelId(gt), pred: toLabelId(pred) };
  if (!random) {
    // Cityscapes' void: the ego vehicle (labelId 1) over the bottom 8% of the ground truth, the
    // rectification border (2) two pixels wide; the prediction keeps whatever it predicted there
    const ego = Math.floor(HEIGHT * 0.92) * WIDTH;
    out.gt.fill(1, ego);
    for (let y = 0; y < HEIGHT; y++) out.gt.fill(2, y * WIDTH, y * WIDTH + 2);
    out.gt.fill(2, 0, 2 * WIDTH);
  }
  return out;
}

/** I.i.d. noise: 10% ignored ground truth, predictions uniform over the 34 labelIds. */
function randomScene(seed) {
  const rand = prng(seed);
  const gt = new Uint8Array(N);
  const pred = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    gt[i] = rand() < 0.1 ? 255 : Math.floor(rand() * 19);
    pred[i] = Math.floor(rand() * 34);
    pred[i] = pred[i] < 19 ? pred[i] : 255;
  }
  return { gt, pred };
}

const options = (split) => ({
  numClasses: 19,
  ignoreIndex: 255,
  labelMapping: { table: Object.fromEntries(TRAIN_ID.map((t, id) => [id, t])), unmapped: 'invalid' },
  splitPredictedIgnore: true,
  splitIgnoredGroundTruth: split,
});

const cases = [
  { name: 'Uint8 labelIds (PNG), realistic', ...cityscapesPair(Uint8Array, 1) },
  { name: 'Uint8 labelIds (PNG), i.i.d. noise', ...cityscapesPair(Uint8Array, 2, true) },
  { name: 'Uint16 labelIds, realistic', ...cityscapesPair(Uint16Array, 1) },
  { name: 'Int32 labelIds (general path), realistic', ...cityscapesPair(Int32Array, 1) },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function timeOnce(split, { gt, pred }) {
  const matrix = new ConfusionMatrix(options(split));
  const start = process.hrtime.bigint();
  for (let k = 0; k < IMAGES; k++) matrix.update(pred, gt);
  return Number(process.hrtime.bigint() - start) / 1e6 / IMAGES;
}

console.log(
  `splitIgnoredGroundTruth, ${WIDTH}×${HEIGHT} Cityscapes labelId maps, ${ROUNDS} rounds × ${IMAGES} images, ` +
    `off/on alternating (medians, ms per image)`,
);
console.log('| maps | ignored gt | off | on | on − off | ns/pixel | on/off |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const c of cases) {
  const probe = new ConfusionMatrix(options(true)).update(c.pred, c.gt);
  const ignoredShare = probe.ignoredPixels / N;
  for (let w = 0; w < 2; w++) {
    timeOnce(false, c);
    timeOnce(true, c);
  }
  const off = [];
  const on = [];
  const diff = [];
  for (let r = 0; r < ROUNDS; r++) {
    const first = r % 2 === 0;
    const a = timeOnce(!first, c);
    const b = timeOnce(first, c);
    const [tOff, tOn] = first ? [a, b] : [b, a];
    off.push(tOff);
    on.push(tOn);
    diff.push(tOn - tOff);
  }
  const d = median(diff);
  console.log(
    `| ${c.name} | ${(100 * ignoredShare).toFixed(1)}% | ${median(off).toFixed(2)} | ${median(on).toFixed(2)} | ` +
      `${d.toFixed(2)} | ${((d * 1e6) / N).toFixed(3)} | ${(median(on) / median(off)).toFixed(3)} |`,
  );
}
