// `pnpm bench` for @segmetrics/core: Mpx/s of ConfusionMatrix.update on deterministic 2048×1024 maps,
// and, on the same arrays in the same run, the numpy line Python users run today (bench/numpy_reference.py).
// Requires a build (turbo's `bench` task depends on `build`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { ConfusionMatrix } from '../dist/index.js';
import { randomPair, realisticPair } from './maps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WIDTH = 2048;
const HEIGHT = 1024;
const PIXELS = WIDTH * HEIGHT;
const PYTHON = '/usr/bin/python3';

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

/** Finds Debian's numpy, installing python3-numpy with apt-get when it is missing. */
function ensureNumpy() {
  const probe = () =>
    spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore', env: pythonEnv() }).status === 0;
  if (probe()) return true;
  console.log('numpy is missing for /usr/bin/python3: installing Debian python3-numpy with apt-get ...');
  for (const args of [['install', '-y', 'python3-numpy'], ['update'], ['install', '-y', 'python3-numpy']]) {
    const r = spawnSync('apt-get', args, { stdio: 'ignore' });
    if (r.status === 0 && args[0] === 'install' && probe()) return true;
  }
  console.log(
    'Could not install python3-numpy (apt-get failed or needs root): skipping the numpy reference.',
  );
  return false;
}

/** The environment of the numpy subprocess: without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides. */
function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

async function main() {
  const bench = new Bench({ time: 3000, warmupTime: 500, iterations: 20 });
  const matrices = new Map();
  for (const c of cases) {
    const matrix = new ConfusionMatrix({ numClasses: c.numClasses, ignoreIndex: c.ignore });
    matrices.set(c.name, matrix);
    bench.add(c.name, () => {
      matrix.update(c.pred, c.gt);
    });
  }
  console.log(`ConfusionMatrix.update, ${WIDTH}×${HEIGHT} maps, single thread (Node ${process.version})`);
  await bench.run();
  const ours = new Map();
  for (const task of bench.tasks) {
    const ms = task.result.latency.p50;
    ours.set(task.name, PIXELS / (ms * 1000));
  }

  let reference = null;
  if (ensureNumpy()) {
    const dir = mkdtempSync(join(tmpdir(), 'segmetrics-bench-'));
    try {
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
      const out = execFileSync(PYTHON, [join(here, 'numpy_reference.py'), dir, '15'], {
        env: pythonEnv(),
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      reference = JSON.parse(out);
    } catch (error) {
      console.log(`numpy reference failed: ${error.message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const rows = cases.map((c) => {
    const mine = ours.get(c.name);
    const np = reference?.cases[c.name];
    // Conservative ratio: against the faster of the two numpy variants.
    const best = np ? Math.max(np.asWritten.mpxPerS, np.int64.mpxPerS) : Number.NaN;
    const matrix = matrices.get(c.name);
    const counted =
      matrix.counts.reduce((a, b) => a + b, 0) + matrix.predictedIgnore.reduce((a, b) => a + b, 0);
    const perImage = counted / matrix.images;
    return {
      case: c.name,
      'segmetrics Mpx/s': fmt(mine),
      'numpy as written Mpx/s': fmt(np?.asWritten.mpxPerS),
      'numpy int64 Mpx/s': fmt(np?.int64.mpxPerS),
      'ratio (vs faster numpy)': fmt(mine / best, 2),
      'counted px agree': np ? String(perImage === np.countedPixels) : 'n/a',
    };
  });
  console.table(rows);
  if (reference)
    console.log(
      `numpy ${reference.numpy} via ${PYTHON}; medians; the machine is shared, so figures are noisy.`,
    );
  console.log(
    '"as written" = np.bincount(C*gt[m]+pred[m]) on the uint8/uint16 arrays (wraps around: wrong bins);',
  );
  console.log('"int64" = the same with int64 indices (correct bins).');
}

await main();
