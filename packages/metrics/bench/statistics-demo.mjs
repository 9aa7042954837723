// The numbers of docs/statistics.md, reproducible: bootstrap intervals and a paired comparison on the
// CLI's demo data (`segmetrics demo`: pair i is renderScene(sampleSceneSeed(1, i), 512, 256), the
// generator the CLI exports). Model A is the demo's prediction; model B is model A followed by a 5×5
// majority filter (a common post-processing step). Needs a build of core, metrics and the CLI.
// Usage: node packages/metrics/bench/statistics-demo.mjs [--pairs 800]
import { ConfusionMatrix } from '@segmetrics/core';
import {
  CITYSCAPES_CLASS_NAMES,
  renderScene,
  sampleName,
  sampleSceneSeed,
} from '../../../apps/cli/dist/index.js';
import { bootstrapConfidence, compareMatrices, evaluate } from '../dist/index.js';

const args = process.argv.slice(2);
const PAIRS = args.includes('--pairs') ? Number(args[args.indexOf('--pairs') + 1]) : 800;
const WIDTH = 512;
const HEIGHT = 256;

/** 5×5 majority filter of a label map (ties keep the centre label if it is among the most frequent). */
function majority5x5(pred, width, height) {
  const out = new Uint8Array(pred.length);
  const counts = new Uint8Array(256);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const labels = [];
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          const v = pred[yy * width + xx];
          if (counts[v] === 0) labels.push(v);
          counts[v]++;
        }
      }
      const centre = pred[y * width + x];
      let best = centre;
      for (const v of labels)
        if (counts[v] > counts[best] || (counts[v] === counts[best] && v < best && best !== centre)) best = v;
      for (const v of labels) counts[v] = 0;
      out[y * width + x] = best;
    }
  }
  return out;
}

const options = { numClasses: 19, ignoreIndex: 255, perImage: true };
const a = new ConfusionMatrix(options);
const b = new ConfusionMatrix(options);
const prefixes = [];
for (let i = 0; i < PAIRS; i++) {
  const { gt, pred } = renderScene(sampleSceneSeed(1, i), WIDTH, HEIGHT);
  const sampleId = `${sampleName(i, PAIRS)}.png`;
  a.update(pred, gt, { sampleId });
  b.update(majority5x5(pred, WIDTH, HEIGHT), gt, { sampleId });
  if ([20, 50, 100, 200, 400, 800].includes(i + 1)) prefixes.push({ n: i + 1, a: a.clone() });
}

const pct = (v) => (100 * v).toFixed(2);
const interval = (ci) => (ci === null ? 'n/a' : `[${pct(ci[0])}, ${pct(ci[1])}]`);
console.log(`## Interval width against the number of images (model A, 95%, 1000 resamples, seed 0)\n`);
console.log('| images | mIoU | 95% CI | width | aAcc | 95% CI | width |');
console.log('| ---: | ---: | :---: | ---: | ---: | :---: | ---: |');
for (const { n, a: matrix } of prefixes) {
  const report = evaluate(matrix, { confidence: {} });
  const { mIoU, aAcc } = report.confidence.summary;
  console.log(
    `| ${n} | ${pct(report.summary.mIoU)} | ${interval(mIoU)} | ${pct(mIoU[1] - mIoU[0])} | ${pct(report.summary.aAcc)} | ${interval(aAcc)} | ${pct(aAcc[1] - aAcc[0])} |`,
  );
}

const n = Math.min(200, PAIRS);
const seeds = Array.from(
  { length: 10 },
  (_, seed) => bootstrapConfidence(prefixes.find((p) => p.n === n)?.a ?? a, { seed }).summary.mIoU,
);
const spread = (j) =>
  `${pct(Math.min(...seeds.map((ci) => ci[j])))}–${pct(Math.max(...seeds.map((ci) => ci[j])))}`;
console.log(`\nSeeds 0–9 on ${n} images (1000 resamples each): low ${spread(0)}, high ${spread(1)}`);
const first = prefixes.find((p) => p.n === n)?.a ?? a;
const bFirst = new ConfusionMatrix(options);
for (let i = 0; i < n; i++) {
  const { gt, pred } = renderScene(sampleSceneSeed(1, i), WIDTH, HEIGHT);
  bFirst.update(majority5x5(pred, WIDTH, HEIGHT), gt, { sampleId: `${sampleName(i, PAIRS)}.png` });
}
const comparison = compareMatrices(first, bFirst, { classNames: CITYSCAPES_CLASS_NAMES });
const m = comparison.delta.mIoU;
const better = m.estimate >= 0;
const [from, to] = better ? m.ci : [-m.ci[1], -m.ci[0]];
console.log(
  `\nB is ${better ? 'better' : 'worse'} by ${pct(Math.abs(m.estimate))} mIoU points (95% CI ${pct(from)} to ${pct(to)}, p = ${m.pValue.toFixed(3)}, ${comparison.images} images)`,
);
console.log(`\n## B (A + 5×5 majority filter) against A on the first ${n} images\n`);
console.log('| value | A | B | B − A | 95% CI | p |');
console.log('| --- | ---: | ---: | ---: | :---: | ---: |');
for (const id of ['mIoU', 'mDice', 'aAcc', 'mAcc', 'fwIoU', 'kappa']) {
  const d = comparison.delta[id];
  console.log(
    `| ${id} | ${pct(comparison.a.summary[id])} | ${pct(comparison.b.summary[id])} | ${pct(d.estimate)} | ${interval(d.ci)} | ${d.pValue?.toFixed(4) ?? 'n/a'} |`,
  );
}
console.log('\n| class | ΔIoU | 95% CI | p | p (Holm) |');
console.log('| --- | ---: | :---: | ---: | ---: |');
for (const c of comparison.perClass) {
  console.log(
    `| ${c.name} | ${Number.isNaN(c.delta) ? 'n/a' : pct(c.delta)} | ${interval(c.ci)} | ${c.pValue?.toFixed(4) ?? 'n/a'} | ${c.pHolm?.toFixed(4) ?? 'n/a'} |`,
  );
}
console.log(
  '\nB loses most on:',
  comparison.losses
    .slice(0, 3)
    .map((d) => `${d.sampleId} (${pct(d.delta)})`)
    .join(', '),
);
console.log(
  'B gains most on:',
  comparison.gains
    .slice(0, 3)
    .map((d) => `${d.sampleId} (${pct(d.delta)})`)
    .join(', '),
);

const all = compareMatrices(a, b);
const d = all.delta.mIoU;
console.log(
  `\nAll ${PAIRS} images: B − A mIoU ${pct(d.estimate)} points, 95% CI ${interval(d.ci)}, p = ${d.pValue?.toFixed(4)}`,
);
const unpairedA = bootstrapConfidence(a).summary.mIoU;
const unpairedB = bootstrapConfidence(b).summary.mIoU;
console.log(
  `Unpaired: A ${interval(unpairedA)}, B ${interval(unpairedB)} (overlapping intervals, yet the paired interval of B − A may exclude 0)`,
);
