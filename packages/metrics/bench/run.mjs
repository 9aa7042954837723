// `pnpm bench` for @segmetrics/metrics: the bootstrap (bootstrapConfidence) and the paired comparison
// (compareMatrices) at 1,000 resamples on synthetic ADE20K-like data (2,000 images × 150 classes) and
// Cityscapes-like data (500 images × 19 classes), under dataset and image aggregation. Requires a build
// (turbo's `bench` task depends on `build`). Options: --rounds N (default 5), --samples N (default 1000).
//
// Each case runs once in a fresh child process (the "first call": what one CLI run pays, JIT warm-up and
// per-image tables included) and then `rounds` more times in that process; the table gives the first
// call and the median and minimum of the later rounds, as wall time and as CPU time of the process (CPU
// time is less disturbed by other load on a shared machine).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = option('--rounds', 5);
const SAMPLES = option('--samples', 1000);

const CASES = [
  { data: 'ade', what: 'bootstrap', options: {} },
  { data: 'ade', what: 'bootstrap', options: { aggregate: 'image' } },
  { data: 'ade', what: 'compare', options: {} },
  { data: 'ade', what: 'compare', options: { aggregate: 'image' } },
  { data: 'cityscapes', what: 'bootstrap', options: {} },
  { data: 'cityscapes', what: 'bootstrap', options: { aggregate: 'image' } },
  { data: 'cityscapes', what: 'compare', options: {} },
  { data: 'cityscapes', what: 'compare', options: { aggregate: 'image' } },
];

if (args[0] === '--child') {
  const { data, what, options, rounds, samples } = JSON.parse(args[1]);
  const { adeLike, cityscapesLike } = await import('./synthetic.mjs');
  const { bootstrapConfidence, compareMatrices } = await import('../dist/index.js');
  const [a, b] = data === 'ade' ? adeLike() : cityscapesLike();
  const run = () =>
    what === 'bootstrap'
      ? bootstrapConfidence(a, { ...options, samples, seed: 0 })
      : compareMatrices(a, b, { ...options, samples, seed: 0 });
  const times = [];
  let result;
  for (let r = 0; r <= rounds; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    result = run();
    const used = process.cpuUsage(cpu);
    times.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 });
  }
  let present = 0;
  for (const s of a.imageStats) {
    for (let k = 0; k < a.numClasses; k++) if (s.support[k] > 0 || s.predicted[k] > 0) present++;
  }
  const mIoU = what === 'bootstrap' ? result.summary.mIoU : result.delta.mIoU.ci;
  process.stdout.write(
    JSON.stringify({ times, images: a.images, classes: a.numClasses, present: present / a.images, mIoU }),
  );
} else {
  const here = fileURLToPath(import.meta.url);
  const median = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(
    `bootstrap benchmark: ${SAMPLES} resamples, first call + ${ROUNDS} rounds per case (node ${process.version})`,
  );
  const rows = [];
  for (const c of CASES) {
    const child = spawnSync(
      process.execPath,
      [here, '--child', JSON.stringify({ ...c, rounds: ROUNDS, samples: SAMPLES })],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
    const { times, images, classes, present, mIoU } = JSON.parse(child.stdout);
    const [first, ...later] = times;
    rows.push({
      case: `${c.what} ${images}×${classes} ${c.options.aggregate ?? 'dataset'}`,
      'classes/image': present.toFixed(1),
      'first call': `${ms(first.wall)} (cpu ${ms(first.cpu)})`,
      'median wall': ms(median(later.map((t) => t.wall))),
      'median cpu': ms(median(later.map((t) => t.cpu))),
      'min wall': ms(Math.min(...later.map((t) => t.wall))),
      'mIoU interval': mIoU === null ? 'null' : `[${mIoU.map((v) => v.toFixed(4)).join(', ')}]`,
    });
  }
  console.table(rows);
  console.log(
    'compare = paired bootstrap of B − A (2 models per resample) + as many paired permutations (2 more).',
  );
}
