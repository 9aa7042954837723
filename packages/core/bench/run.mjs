// `pnpm bench` for @segmetrics/core: Mpx/s of ConfusionMatrix.update on deterministic 2048×1024 maps and,
// on the same arrays in the same run, the numpy line Python users run today (bench/numpy_reference.py).
// JavaScript (tinybench) and numpy rounds alternate, so both see the same machine load; the report gives
// medians over rounds and the median of the per-round ratios. Requires a build (turbo's `bench` task
// depends on `build`). Options: --rounds N (default 5), --no-numpy.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { ConfusionMatrix } from '../dist/index.js';
import { randomPair, realisticPair } from './maps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WIDTH = 2048;
const HEIGHT = 1024;
const PIXELS = WIDTH * HEIGHT;
const PYTHON = '/usr/bin/python3';
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 5;
const NUMPY = !args.includes('--no-numpy');

const cases = [
  {
    name: 'u8 realistic, 19 classes + 255',
    dtype: 'uint8',
    numClasses: 19,
    ignore: 255,
    ...realisticPair(Uint8Array, WIDTH, HEIGHT, 19, 255, 1),
  },
  {
    name: 'u8 i.i.d. random, 19 classes + 255',
    dtype: 'uint8',
    numClasses: 19,
    ignore: 255,
    ...randomPair(Uint8Array, WIDTH, HEIGHT, 19, 255, 2),
  },
  {
    name: 'u16 realistic, 300 classes + 65535',
    dtype: 'uint16',
    numClasses: 300,
    ignore: 65535,
    ...realisticPair(Uint16Array, WIDTH, HEIGHT, 300, 65535, 3),
  },
  {
    name: 'u16 i.i.d. random, 300 classes + 65535',
    dtype: 'uint16',
    numClasses: 300,
    ignore: 65535,
    ...randomPair(Uint16Array, WIDTH, HEIGHT, 300, 65535, 4),
  },
];

/** The general path, JavaScript only (informational): the 8-bit realistic scene as Int32Array and number[]. */
const generalCases = [
  {
    name: 'Int32Array realistic, 19 classes + 255',
    numClasses: 19,
    ignore: 255,
    gt: Int32Array.from(cases[0].gt),
    pred: Int32Array.from(cases[0].pred),
  },
  {
    name: 'number[] realistic, 19 classes + 255',
    numClasses: 19,
    ignore: 255,
    gt: Array.from(cases[0].gt),
    pred: Array.from(cases[0].pred),
  },
];

/** The environment of the numpy subprocess: without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides. */
function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Finds Debian's numpy, installing python3-numpy with apt-get when it is missing. */
function ensureNumpy() {
  const probe = () =>
    spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore', env: pythonEnv() }).status === 0;
  if (probe()) return true;
  console.log('numpy is missing for /usr/bin/python3: installing Debian python3-numpy with apt-get ...');
  const apt = (...a) => spawnSync('apt-get', a, { stdio: 'ignore' }).status === 0;
  if (
    (apt('install', '-y', 'python3-numpy') || (apt('update') && apt('install', '-y', 'python3-numpy'))) &&
    probe()
  ) {
    return true;
  }
  console.log(
    'Could not install python3-numpy (apt-get failed or needs root): skipping the numpy reference.',
  );
  return false;
}

/** Starts numpy_reference.py on the maps; returns a `time(caseName, reps)` function and `close`. */
async function startNumpy(dir) {
  const child = spawn(PYTHON, [join(here, 'numpy_reference.py'), dir], {
    env: pythonEnv(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('numpy_reference.py exited early');
    return JSON.parse(value);
  };
  const hello = await next();
  return {
    version: hello.numpy,
    countedPixels: hello.countedPixels,
    time: async (name, reps) => {
      child.stdin.write(`${name}\t${reps}\n`);
      return next();
    },
    close: () => child.stdin.end(),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

async function main() {
  const matrices = new Map(
    cases.map((c) => [c.name, new ConfusionMatrix({ numClasses: c.numClasses, ignoreIndex: c.ignore })]),
  );
  let numpy = null;
  let dir = null;
  if (NUMPY && ensureNumpy()) {
    dir = mkdtempSync(join(tmpdir(), 'segmetrics-bench-'));
    const manifest = { cases: [] };
    cases.forEach((c, i) => {
      writeFileSync(join(dir, `gt${i}.bin`), c.gt);
      writeFileSync(join(dir, `pred${i}.bin`), c.pred);
      manifest.cases.push({
        name: c.name,
        dtype: c.dtype,
        numClasses: c.numClasses,
        ignore: c.ignore,
        gt: `gt${i}.bin`,
        pred: `pred${i}.bin`,
      });
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    try {
      numpy = await startNumpy(dir);
    } catch (error) {
      console.log(`numpy reference failed to start: ${error.message}`);
    }
  }

  console.log(
    `ConfusionMatrix.update on ${WIDTH}×${HEIGHT} maps, single thread, Node ${process.version}` +
      (numpy ? `, numpy ${numpy.version} (${PYTHON})` : '') +
      `; ${ROUNDS} alternating rounds`,
  );
  const results = new Map(
    cases.map((c) => [c.name, { ours: [], written: [], int64: [], ratioWritten: [], ratioInt64: [] }]),
  );
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        const matrix = matrices.get(c.name);
        const bench = new Bench({ time: 400, warmupTime: 100, iterations: 8 });
        bench.add(c.name, () => {
          matrix.update(c.pred, c.gt);
        });
        await bench.run();
        const ours = PIXELS / (bench.tasks[0].result.latency.p50 * 1000);
        const r = results.get(c.name);
        r.ours.push(ours);
        if (numpy) {
          const t = await numpy.time(c.name, 7);
          const written = PIXELS / median(t.asWritten) / 1e6;
          const int64 = PIXELS / median(t.int64) / 1e6;
          r.written.push(written);
          r.int64.push(int64);
          r.ratioWritten.push(ours / written);
          r.ratioInt64.push(ours / int64);
        }
      }
    }
  } finally {
    numpy?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  const general = new Bench({ time: 1000, warmupTime: 200, iterations: 10 });
  for (const c of generalCases) {
    const matrix = new ConfusionMatrix({ numClasses: c.numClasses, ignoreIndex: c.ignore });
    general.add(c.name, () => {
      matrix.update(c.pred, c.gt);
    });
  }
  await general.run();

  console.table(
    cases.map((c) => {
      const r = results.get(c.name);
      const matrix = matrices.get(c.name);
      const counted =
        (matrix.counts.reduce((a, b) => a + b, 0) + matrix.predictedIgnore.reduce((a, b) => a + b, 0)) /
        matrix.images;
      return {
        case: c.name,
        'segmetrics Mpx/s': fmt(median(r.ours)),
        'numpy as written Mpx/s': numpy ? fmt(median(r.written)) : 'n/a',
        'numpy int64 Mpx/s': numpy ? fmt(median(r.int64)) : 'n/a',
        'ratio vs as written': numpy ? fmt(median(r.ratioWritten), 2) : 'n/a',
        'ratio vs int64': numpy ? fmt(median(r.ratioInt64), 2) : 'n/a',
        'same pixel count': numpy ? String(counted === numpy.countedPixels[c.name]) : 'n/a',
      };
    }),
  );
  console.table(
    general.tasks.map((t) => ({
      'general path (JavaScript only)': t.name,
      'segmetrics Mpx/s': fmt(PIXELS / (t.result.latency.p50 * 1000)),
    })),
  );
  console.log(
    'Medians over rounds; each ratio is the median of per-round ratios (both sides timed in every round).',
  );
  console.log(
    '"as written": np.bincount(C*gt[m]+pred[m]) on the uint8/uint16 arrays (wraps around: wrong bins);',
  );
  console.log(
    '"int64": the same with int64 indices (correct bins). The machine may be shared: figures are noisy.',
  );
}

await main();
