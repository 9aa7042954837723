#!/usr/bin/env node
// `pnpm bench` in apps/cli: end-to-end speed of `segmetrics eval` against the Python pipeline people
// run today (PIL decode + numpy bincount, one process), on the same Cityscapes-sized files, in one run.
// See bench/README.md. Needs a built dist (`pnpm turbo run build --filter=segmetrics`).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(APP_DIR, 'bench');
let CLI = join(APP_DIR, 'dist', 'cli.js');
const DIST_INDEX = join(APP_DIR, 'dist', 'index.js');
const PYTHON = '/usr/bin/python3';
const GNU_TIME = '/usr/bin/time';
const IGNORE_INDEX = 255;
/** The bare decode-and-count script (bench/floor.mjs): the floor under every segmetrics row. */
const FLOOR_ID = 'floor: io + core only';
/** Node and Python must agree on mIoU to this absolute tolerance. */
const TOLERANCE = 1e-12;

/**
 * The data sets: label maps rendered by the package's scene generator (19 classes + 255) at the size of
 * each dataset, their labels spread over the dataset's classes per image (`remap`, a bijection on
 * 0 … 18 that keeps 255), written by PIL like the dataset's files (gray, or VOC's palette PNGs).
 */
const SETS = {
  cityscapes: { width: 2048, height: 1024, numClasses: 19, mode: 'L', remap: null, pairs: [50, 500] },
  ade20k: {
    width: 512,
    height: 512,
    numClasses: 150,
    mode: 'L',
    remap: (label, image) => (label * 8 + image * 7) % 150,
    pairs: [200],
  },
  voc: {
    width: 500,
    height: 375,
    numClasses: 21,
    mode: 'P',
    remap: (label, image) => (label + image) % 21,
    pairs: [100],
  },
};

/**
 * Targets on the 2-core reference machine (issue 15): speed-up over PIL + numpy per set, pair count and
 * worker count (`default`: no --workers flag).
 */
const TARGETS = {
  'cityscapes 50': { 1: 2.5, 2: 3 },
  'cityscapes 500': { 1: 4, 2: 6 },
  'ade20k 200': { 1: 3, 2: 4 },
  'voc 100': { 1: 2, default: 2 },
};

const USAGE = `Usage: node bench/run.mjs [options]   (pnpm bench -- [options])

Generates label maps like Cityscapes (2048×1024, 19 classes), ADE20K (512×512, 150 classes) and VOC
(500×375 palette PNGs, 21 classes) — PIL-encoded PNGs, cached in .bench-data/ — and times, whole process
and side by side, \`segmetrics eval\` with each worker count, the PIL + numpy reference
(bench/python_reference.py) and the floor (bench/floor.mjs: a script that only loads the reader and the
counter, then decodes and counts in one thread); then the per-phase cost (read, inflate, unfilter, count) of each set in one
thread, what \`--report\` adds on the largest Cityscapes set (one thread and the default), and the start-up
of the bin. Fails when their mIoU differ by more than ${TOLERANCE}.

Options:
  --sets LIST     sets and pair counts, e.g. cityscapes:50+500,ade20k:200,voc:100 (the default)
  --runs N        timed runs per command and set, medians reported (default 5)
  --workers LIST  segmetrics worker counts; "default" runs without --workers (default 1,2,default)
  --seed N        dataset seed (default 1)
  --data-dir DIR  cache folder (default apps/cli/.bench-data)
  --cli FILE      the segmetrics bin to time (default apps/cli/dist/cli.js; e.g. another build)
  --rss-pairs LIST  peak RSS of segmetrics by number of VOC-sized pairs (hard links to the cached
                  pairs under new names; default 100,1000,5000; none to skip)
  --check         exit 1 when a speed target is missed
  -h, --help      this help`;

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function parseList(value, name) {
  const list = value.split(',').map((item) => Number(item.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    fail(`--${name} must be a comma-separated list of positive integers, got "${value}"`);
  }
  return list;
}

function parseOptions() {
  let parsed;
  try {
    // `pnpm bench -- --pairs 50` passes the `--` through: drop it.
    const args = process.argv.slice(2);
    if (args[0] === '--') args.shift();
    parsed = parseArgs({
      args,
      options: {
        sets: { type: 'string', default: 'cityscapes:50+500,ade20k:200,voc:100' },
        runs: { type: 'string', default: '5' },
        workers: { type: 'string', default: '1,2,default' },
        seed: { type: 'string', default: '1' },
        'data-dir': { type: 'string', default: join(APP_DIR, '.bench-data') },
        cli: { type: 'string' },
        'rss-pairs': { type: 'string', default: '100,1000,5000' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const [runs] = parseList(parsed.runs, 'runs');
  if (parsed.cli !== undefined) CLI = parsed.cli;
  const seed = Number(parsed.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    fail(`--seed must be an integer in [0, 2^32), got "${parsed.seed}"`);
  const sets = parsed.sets.split(',').map((item) => {
    const [name, list] = item.trim().split(':');
    if (!Object.hasOwn(SETS, name))
      fail(`--sets: unknown set "${name}" (known: ${Object.keys(SETS).join(', ')})`);
    const pairs = list === undefined ? SETS[name].pairs : parseList(list.replaceAll('+', ','), 'sets');
    return { name, pairs: [...new Set(pairs)].sort((a, b) => a - b) };
  });
  const workers = parsed.workers.split(',').map((item) => {
    if (item.trim() === 'default') return 'default';
    const [n] = parseList(item, 'workers');
    return n;
  });
  const rssPairs = parsed['rss-pairs'] === 'none' ? [] : parseList(parsed['rss-pairs'], 'rss-pairs');
  return {
    sets,
    runs,
    workers,
    seed,
    rssPairs: [...new Set(rssPairs)].sort((a, b) => a - b),
    dataDir: parsed['data-dir'],
    check: parsed.check,
  };
}

// ---------------------------------------------------------------------------------------------------
// Prerequisites

function pythonHasModules() {
  return spawnSync(PYTHON, ['-c', 'import PIL, numpy'], { stdio: 'ignore' }).status === 0;
}

function aptInstall(packages) {
  console.log(`bench: installing ${packages.join(' ')} with apt-get (Debian packages)…`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => {
    const [command, ...rest] = [...sudo, ...args];
    return spawnSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  const update = run(['apt-get', 'update']);
  if (update.status !== 0) return false;
  return run(['apt-get', 'install', '-y', ...packages]).status === 0;
}

function ensurePrerequisites() {
  if (!existsSync(PYTHON))
    fail(`${PYTHON} not found: install Debian's python3 (apt-get install -y python3).`);
  if (!pythonHasModules()) {
    if (!aptInstall(['python3-pil', 'python3-numpy']) || !pythonHasModules()) {
      fail(
        `cannot import PIL and numpy with ${PYTHON}, and installing them failed. Run ` +
          '`apt-get update && apt-get install -y python3-pil python3-numpy` as root, then retry.',
      );
    }
  }
  if (!existsSync(GNU_TIME) && !aptInstall(['time'])) {
    console.warn(`bench: ${GNU_TIME} missing and could not be installed: peak RSS will not be reported.`);
  }
  if (!existsSync(CLI) || !existsSync(DIST_INDEX)) {
    fail(`${CLI} not found: build first with \`pnpm turbo run build --filter=segmetrics\` (repo root).`);
  }
}

async function loadGenerator() {
  const module = await import(DIST_INDEX);
  for (const name of ['renderScene', 'sampleSceneSeed', 'sampleName']) {
    if (typeof module[name] !== 'function') {
      fail(
        `dist/index.js does not export ${name}: src/index.ts must re-export renderScene, sampleSceneSeed and ` +
          "sampleName from './demo/index.js', then rebuild with `pnpm turbo run build --filter=segmetrics`.",
      );
    }
  }
  return module;
}

function versions() {
  const python = spawnSync(
    PYTHON,
    ['-c', 'import sys, PIL, numpy; print(sys.version.split()[0], PIL.__version__, numpy.__version__)'],
    { encoding: 'utf8', env: pythonEnv() },
  ).stdout.trim();
  const [py, pil, numpy] = python.split(' ');
  return {
    node: process.version,
    python: py,
    pil,
    numpy,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
  };
}

/** The environment of the Python subprocesses: OpenBLAS tuning variables removed (they only apply there). */
function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

// ---------------------------------------------------------------------------------------------------
// Data: rendered by the package's own generator, encoded by PIL, cached

/** Fingerprint of the generator output: any change to renderScene invalidates the cache. */
function generatorFingerprint(generator, seed, spec) {
  const { gt, pred } = generator.renderScene(generator.sampleSceneSeed(seed, 0), spec.width, spec.height);
  return createHash('sha256').update(gt).update(pred).digest('hex');
}

function writeRecord(stream, path, data, spec) {
  const name = Buffer.from(path, 'utf8');
  const head = Buffer.alloc(12 + name.length);
  head.writeUInt32LE(name.length, 0);
  name.copy(head, 4);
  head.writeUInt32LE(spec.width, 4 + name.length);
  head.writeUInt32LE(spec.height, 8 + name.length);
  stream.write(head);
  return stream.write(data);
}

/** Spreads the generator's 19 labels over the set's classes (a bijection per image; 255 stays). */
function remapLabels(data, spec, image) {
  if (spec.remap === null) return data;
  const table = new Uint8Array(256).map((_, v) => (v < 19 ? spec.remap(v, image) : v));
  return data.map((v) => table[v]);
}

async function generateSet(generator, root, pairs, seed, fingerprint, spec) {
  const manifestFile = join(root, 'manifest.json');
  const wanted = {
    generator: fingerprint,
    width: spec.width,
    height: spec.height,
    numClasses: spec.numClasses,
    mode: spec.mode,
    seed,
    encoder: 'PIL',
  };
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    const same = Object.entries(wanted).every(([key, value]) => manifest[key] === value);
    if (same && manifest.pairs >= pairs) {
      console.log(`bench: reusing ${manifest.pairs} cached pairs in ${root}`);
      return manifest;
    }
  }
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'gt'), { recursive: true });
  await mkdir(join(root, 'pred'), { recursive: true });
  console.log(
    `bench: rendering ${pairs} pairs of ${spec.width}×${spec.height} and encoding them with PIL into ${root}…`,
  );
  const started = performance.now();
  const child = spawn(PYTHON, [join(BENCH_DIR, 'write_pngs.py'), spec.mode], {
    env: pythonEnv(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  for (let i = 0; i < pairs; i++) {
    const name = `${generator.sampleName(i, pairs)}.png`;
    const scene = generator.renderScene(generator.sampleSceneSeed(seed, i), spec.width, spec.height);
    writeRecord(child.stdin, join(root, 'gt', name), remapLabels(scene.gt, spec, i), spec);
    if (!writeRecord(child.stdin, join(root, 'pred', name), remapLabels(scene.pred, spec, i), spec)) {
      await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0 || Number(output.trim()) !== 2 * pairs) {
    fail(`write_pngs.py failed (exit code ${code}, wrote ${output.trim() || 0} of ${2 * pairs} files)`);
  }
  const manifest = { ...wanted, pairs };
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`bench: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

/**
 * A folder of `pairs` pairs made of hard links to the `total` cached pairs, cycled under new names
 * (`r{round}_{name}`): as many files as a large dataset, the page cache of a small one. Hard links, not
 * symbolic links: each is a regular file of its own path (the walk would list a second symbolic link to
 * one file as a duplicate).
 */
async function repeatedSubset(generator, root, total, pairs) {
  const dir = join(root, `rss-n${pairs}`);
  await rm(dir, { recursive: true, force: true });
  for (const side of ['gt', 'pred']) {
    await mkdir(join(dir, side), { recursive: true });
    for (let i = 0; i < pairs; i++) {
      const name = `${generator.sampleName(i % total, total)}.png`;
      await link(join(root, 'all', side, name), join(dir, side, `r${Math.floor(i / total)}_${name}`));
    }
  }
  for (let i = 0; i < Math.min(total, pairs); i++) {
    const name = `${generator.sampleName(i, total)}.png`;
    for (const side of ['gt', 'pred']) await readFile(join(root, 'all', side, name));
  }
  return { dir, gtDir: join(dir, 'gt'), predDir: join(dir, 'pred'), pairs };
}

/**
 * Peak RSS of each segmetrics command by number of VOC-sized palette pairs (one run each, after a
 * warm-up on the smallest): memory must not grow with the number of images beyond the list of their
 * names. Also checks that the mIoU is the same at every size (the pairs repeat).
 */
async function rssScaling(generator, options) {
  if (options.rssPairs.length === 0) return [];
  const spec = SETS.voc;
  const root = join(options.dataDir, `voc-${spec.width}x${spec.height}-seed${options.seed}`);
  const fingerprint = generatorFingerprint(generator, options.seed, spec);
  const manifest = await generateSet(
    generator,
    join(root, 'all'),
    SETS.voc.pairs[0],
    options.seed,
    fingerprint,
    spec,
  );
  console.log(`\nbench: peak RSS by number of pairs (VOC-sized, ${options.rssPairs.join(', ')} pairs)`);
  const rows = [];
  for (const n of options.rssPairs) {
    const set = await repeatedSubset(generator, root, manifest.pairs, n);
    const entries = commands(set, spec, options.workers).filter(
      (entry) => entry.workers !== 0 && entry.workers !== 'floor',
    );
    if (rows.length === 0) for (const entry of entries) await measure(entry);
    for (const entry of entries) {
      const result = await measure(entry);
      rows.push({
        id: entry.id,
        pairs: n,
        rssMiB: result.rssKiB / 1024,
        seconds: result.ms / 1000,
        mIoU: result.mIoU,
      });
    }
    await rm(set.dir, { recursive: true, force: true });
  }
  const reference = rows[0].mIoU;
  const odd = rows.find((row) => !(Math.abs(row.mIoU - reference) <= TOLERANCE));
  if (odd !== undefined)
    fail(
      `mIoU MISMATCH in the RSS runs: ${odd.id} at ${odd.pairs} pairs printed ${odd.mIoU}, ${reference} at ${rows[0].pairs}`,
    );
  return rows;
}

/** A folder with the first `pairs` pairs of the cache, as hard links (no copies). */
async function subset(generator, root, total, pairs) {
  const dir = join(root, `n${pairs}`);
  await rm(dir, { recursive: true, force: true });
  for (const side of ['gt', 'pred']) {
    await mkdir(join(dir, side), { recursive: true });
    for (let i = 0; i < pairs; i++) {
      const name = `${generator.sampleName(i, total)}.png`;
      await link(join(root, 'all', side, name), join(dir, side, name));
    }
  }
  let bytes = 0;
  for (const side of ['gt', 'pred']) {
    for (const name of await readdir(join(dir, side))) {
      const path = join(dir, side, name);
      bytes += (await stat(path)).size;
      // Warm the page cache for every command alike.
      await readFile(path);
    }
  }
  return {
    dir,
    gtDir: join(dir, 'gt'),
    predDir: join(dir, 'pred'),
    pairs,
    meanFileBytes: bytes / (2 * pairs),
  };
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/** The dataset arguments every command takes (the segmetrics bin, the floor and the Python reference). */
function datasetArgs(set, spec) {
  return [
    '--gt',
    set.gtDir,
    '--pred',
    set.predDir,
    '--num-classes',
    String(spec.numClasses),
    '--ignore-index',
    String(IGNORE_INDEX),
  ];
}

/** `segmetrics eval` on the set with `workers` (`'default'`: no `--workers`), JSON to stdout, and `extra`. */
function evalCommand(id, set, spec, workers, extra = []) {
  return {
    id,
    workers,
    command: process.execPath,
    args: [
      CLI,
      'eval',
      ...datasetArgs(set, spec),
      '--format',
      'json',
      ...(workers === 'default' ? [] : ['--workers', String(workers)]),
      ...extra,
    ],
    env: process.env,
    mIoU: (stdout) => JSON.parse(stdout).summary.mIoU,
  };
}

function commands(set, spec, workerCounts) {
  const list = workerCounts.map((workers) =>
    evalCommand(
      workers === 'default' ? 'segmetrics (default)' : `segmetrics --workers ${workers}`,
      set,
      spec,
      workers,
    ),
  );
  list.push({
    id: FLOOR_ID,
    workers: 'floor',
    command: process.execPath,
    args: [join(BENCH_DIR, 'floor.mjs'), ...datasetArgs(set, spec)],
    env: process.env,
    mIoU: (stdout) => JSON.parse(stdout).mIoU,
  });
  list.push({
    id: 'PIL + numpy',
    workers: 0,
    command: PYTHON,
    args: [join(BENCH_DIR, 'python_reference.py'), ...datasetArgs(set, spec)],
    env: pythonEnv(),
    mIoU: (stdout) => JSON.parse(stdout).mIoU,
  });
  return list;
}

/** Runs one command to completion: wall time (ms), CPU time (ms), peak RSS (KiB, GNU time) and its output. */
async function measure(entry) {
  const rssFile = join(tmpdir(), `segmetrics-bench-${process.pid}.rss`);
  const useTime = existsSync(GNU_TIME);
  const [command, args] = useTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, entry.command, ...entry.args]]
    : [entry.command, entry.args];
  const started = performance.now();
  const child = spawn(command, args, { env: entry.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const ms = performance.now() - started;
  if (code !== 0) fail(`${entry.id} exited with code ${code}:\n${stderr.trim()}`);
  let rssKiB = Number.NaN;
  let cpuMs = Number.NaN;
  if (useTime) {
    const [rss, user, system] = (await readFile(rssFile, 'utf8')).trim().split('\n').pop().split(' ');
    rssKiB = Number(rss);
    cpuMs = (Number(user) + Number(system)) * 1000;
    await rm(rssFile, { force: true });
  }
  let mIoU;
  try {
    mIoU = entry.mIoU?.(stdout);
  } catch (error) {
    fail(`cannot read mIoU from the output of ${entry.id} (${error.message}):\n${stdout.slice(0, 500)}`);
  }
  return { ms, cpuMs, rssKiB, mIoU };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `entries` interleaved (the order rotates every run): one warm-up, then `runs` timed runs. */
async function interleaved(entries, runs, label) {
  const samples = new Map(entries.map((entry) => [entry.id, []]));
  for (let run = 0; run <= runs; run++) {
    const order = entries.map((_, i) => entries[(i + run) % entries.length]);
    const times = [];
    for (const entry of order) {
      const result = await measure(entry);
      if (run > 0) samples.get(entry.id).push(result);
      times.push(`${entry.id} ${(result.ms / 1000).toFixed(2)} s`);
    }
    if (label) console.log(`  ${run === 0 ? 'warm-up' : `run ${run}/${runs}`}: ${times.join(', ')}`);
  }
  return samples;
}

async function benchSet(name, spec, set, options) {
  const entries = commands(set, spec, options.workers);
  console.log(
    `\nbench: ${name}, ${set.pairs} pairs — 1 warm-up + ${options.runs} timed runs per command, interleaved`,
  );
  const samples = await interleaved(entries, options.runs, true);
  // Every run of every command must report the same mIoU as the Python reference.
  const reference = samples.get('PIL + numpy')[0].mIoU;
  for (const [id, results] of samples) {
    for (const { mIoU } of results) {
      if (typeof mIoU !== 'number' || !(Math.abs(mIoU - reference) <= TOLERANCE)) {
        fail(
          `mIoU MISMATCH on ${name} ${set.pairs} pairs: ${id} printed ${mIoU}, PIL + numpy printed ${reference}`,
        );
      }
    }
  }
  const pixels = set.pairs * spec.width * spec.height;
  const python = samples.get('PIL + numpy');
  const rows = entries.map((entry) => {
    const results = samples.get(entry.id);
    const seconds = median(results.map((r) => r.ms)) / 1000;
    return {
      id: entry.id,
      workers: entry.workers,
      seconds,
      minSeconds: Math.min(...results.map((r) => r.ms)) / 1000,
      cpuSeconds: median(results.map((r) => r.cpuMs)) / 1000,
      imagesPerSecond: set.pairs / seconds,
      mpixelsPerSecond: pixels / 1e6 / seconds,
      peakRssMiB: Math.max(...results.map((r) => r.rssKiB)) / 1024,
      // Median of the run-by-run ratios (runs are interleaved): robust to the machine's speed drifting.
      speedup: median(results.map((r, i) => python[i].ms / r.ms)),
      mIoU: results[0].mIoU,
    };
  });
  return {
    set: name,
    pairs: set.pairs,
    width: spec.width,
    height: spec.height,
    numClasses: spec.numClasses,
    meanFileBytes: set.meanFileBytes,
    mIoU: reference,
    rows,
  };
}

function printSet(result) {
  console.log(
    `\n${result.set}: ${result.pairs} pairs of ${result.width}×${result.height}, ${result.numClasses} classes ` +
      `(mean PNG ${(result.meanFileBytes / 1024).toFixed(1)} KiB), mIoU ${result.mIoU} (all commands agree to ${TOLERANCE})`,
  );
  const header = ['command', 'median s', 'min s', 'CPU s', 'images/s', 'peak RSS MiB', 'vs PIL+numpy'];
  const widths = [24, 9, 8, 7, 9, 13, 13];
  const line = (cells) =>
    cells.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join(' ');
  console.log(line(header));
  for (const row of result.rows) {
    console.log(
      line([
        row.id,
        row.seconds.toFixed(3),
        row.minSeconds.toFixed(3),
        Number.isNaN(row.cpuSeconds) ? 'n/a' : row.cpuSeconds.toFixed(2),
        row.imagesPerSecond.toFixed(1),
        Number.isNaN(row.peakRssMiB) ? 'n/a' : row.peakRssMiB.toFixed(0),
        `${row.speedup.toFixed(2)}×`,
      ]),
    );
  }
}

/** Per-phase cost of a set in one thread (bench/phases.mjs in its own process). */
function phases(set, spec) {
  const result = spawnSync(
    process.execPath,
    [join(BENCH_DIR, 'phases.mjs'), set.gtDir, set.predDir, String(spec.numClasses), String(IGNORE_INDEX)],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) fail(`bench/phases.mjs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Largest share of a run's wall time that `--report` may add (the issue's target: under 10 %). */
const REPORT_OVERHEAD_TARGET = 0.1;

/**
 * What `--report` adds to a run: for each worker count, the same `eval` with and without `--report`
 * (the HTML file to a temporary folder), interleaved; the median of the run-by-run ratios.
 */
async function reportOverhead(set, spec, workerCounts, runs) {
  const htmlDir = join(tmpdir(), `segmetrics-bench-report-${process.pid}`);
  await mkdir(htmlDir, { recursive: true });
  const entries = workerCounts.flatMap((workers) =>
    [false, true].map((report) => ({
      ...evalCommand(
        `${workers === 'default' ? 'default' : `--workers ${workers}`}${report ? ' --report' : ''}`,
        set,
        spec,
        workers,
        report ? ['--report', join(htmlDir, `report-${workers}.html`), '-q'] : [],
      ),
      report,
    })),
  );
  console.log(
    `\nbench: --report on ${set.pairs} Cityscapes-sized pairs — ${runs} runs per command, interleaved`,
  );
  const samples = await interleaved(entries, runs, false);
  await rm(htmlDir, { recursive: true, force: true });
  return workerCounts.map((workers) => {
    const [plain, report] = [false, true].map((r) =>
      samples.get(entries.find((e) => e.workers === workers && e.report === r).id),
    );
    return {
      workers,
      seconds: median(plain.map((r) => r.ms)) / 1000,
      reportSeconds: median(report.map((r) => r.ms)) / 1000,
      overhead: median(report.map((r, i) => r.ms / plain[i].ms)) - 1,
    };
  });
}

/** Start-up: `segmetrics --version` and `eval --help` against a bare `node -e 0`, interleaved. */
async function startup(runs) {
  const entries = [
    { id: 'node -e 0', command: process.execPath, args: ['-e', '0'], env: process.env },
    { id: 'segmetrics --version', command: process.execPath, args: [CLI, '--version'], env: process.env },
    {
      id: 'segmetrics eval --help',
      command: process.execPath,
      args: [CLI, 'eval', '--help'],
      env: process.env,
    },
  ];
  const samples = await interleaved(entries, runs, false);
  const base = samples.get('node -e 0');
  return entries.map((entry) => {
    const results = samples.get(entry.id);
    return {
      id: entry.id,
      ms: median(results.map((r) => r.ms)),
      cpuMs: median(results.map((r) => r.cpuMs)),
      ratio: median(results.map((r, i) => r.ms / base[i].ms)),
      cpuRatio: median(results.map((r, i) => r.cpuMs / base[i].cpuMs)),
    };
  });
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const options = parseOptions();
  ensurePrerequisites();
  const generator = await loadGenerator();
  const info = versions();
  console.log(
    `bench: Node ${info.node}, Python ${info.python} (PIL ${info.pil}, numpy ${info.numpy}), ` +
      `${info.cores} × ${info.cpu}`,
  );

  const results = [];
  const phaseRows = [];
  let largestCityscapes;
  for (const { name, pairs } of options.sets) {
    const spec = SETS[name];
    const total = pairs[pairs.length - 1];
    const root = join(options.dataDir, `${name}-${spec.width}x${spec.height}-seed${options.seed}`);
    const fingerprint = generatorFingerprint(generator, options.seed, spec);
    const manifest = await generateSet(generator, join(root, 'all'), total, options.seed, fingerprint, spec);
    for (const n of pairs) {
      const set = await subset(generator, root, manifest.pairs, n);
      if (name === 'cityscapes') largestCityscapes = set;
      results.push(await benchSet(name, spec, set, options));
      if (n === pairs[0]) phaseRows.push({ set: name, pairs: n, ...phases(set, spec) });
    }
  }
  // `--report` on the largest Cityscapes set of the run.
  const reportRows =
    largestCityscapes === undefined
      ? []
      : await reportOverhead(
          largestCityscapes,
          SETS.cityscapes,
          options.workers.filter((w) => w === 1 || w === 'default'),
          Math.max(10, options.runs),
        );
  const startupRows = await startup(Math.max(10, options.runs));
  const rssRows = await rssScaling(generator, options);

  console.log(`\n=== segmetrics eval vs PIL + numpy, whole process, medians of ${options.runs} runs ===`);
  for (const result of results) printSet(result);

  console.log('\nPer image pair, one thread, in-process (bench/phases.mjs; medians over the pairs), ms:');
  console.log('  set          read  inflate  unfilter  count   total');
  for (const row of phaseRows) {
    const cells = [row.read, row.inflate, row.unfilter, row.count, row.total].map((v) =>
      v.toFixed(2).padStart(7),
    );
    console.log(`  ${`${row.set}`.padEnd(11)}${cells.join(' ')}`);
  }
  console.log('\nStart-up, whole process, medians of interleaved runs (ratio to node -e 0, wall and CPU):');
  for (const row of startupRows) {
    console.log(
      `  ${row.id.padEnd(24)} ${(row.ms / 1000).toFixed(3)} s  ${row.ratio.toFixed(2)}×   CPU ${(row.cpuMs / 1000).toFixed(3)} s  ${row.cpuRatio.toFixed(2)}×`,
    );
  }

  const missed = [];
  console.log('\nTargets (speed-up over PIL + numpy, on the 2-core reference machine):');
  for (const result of results) {
    for (const row of result.rows) {
      const target = TARGETS[`${result.set} ${result.pairs}`]?.[row.workers];
      if (target === undefined) continue;
      const ok = row.speedup >= target;
      if (!ok) missed.push(`${row.id} on ${result.set} ${result.pairs} pairs`);
      // What the same files allow at best: the bare decode-and-count script, one thread.
      const floor = result.rows.find((x) => x.workers === 'floor');
      const floorNote =
        ok || floor === undefined
          ? ''
          : `; the one-thread io + core floor itself: ${floor.speedup.toFixed(2)}×`;
      console.log(
        `  ${result.set} ${result.pairs} pairs, ${row.id}: ${row.speedup.toFixed(2)}× (target ≥ ${target}×) ` +
          `${ok ? 'met' : `MISSED by ${(target - row.speedup).toFixed(2)}×${floorNote}`}`,
      );
    }
  }
  for (const row of reportRows) {
    // The target is stated for a 500-pair run: on fewer pairs the report's fixed cost weighs more.
    const judged = largestCityscapes.pairs >= 500;
    const ok = row.overhead < REPORT_OVERHEAD_TARGET;
    const id = `--report on ${largestCityscapes.pairs} pairs, ${row.workers === 'default' ? 'default workers' : `--workers ${row.workers}`}`;
    if (judged && !ok) missed.push(id);
    const verdict = judged
      ? `target < ${REPORT_OVERHEAD_TARGET * 100} % on 500 pairs) ${ok ? 'met' : 'MISSED'}`
      : 'no target below 500 pairs)';
    console.log(
      `  ${id}: +${(row.overhead * 100).toFixed(1)} % wall (${row.seconds.toFixed(3)} → ${row.reportSeconds.toFixed(3)} s; ${verdict}`,
    );
  }
  for (const row of startupRows.slice(1)) {
    const ok = row.ratio <= 1.5;
    if (!ok) missed.push(row.id);
    console.log(`  ${row.id}: ${row.ratio.toFixed(2)}× node -e 0 (target ≤ 1.5×) ${ok ? 'met' : 'MISSED'}`);
  }
  const cityscapes = results.filter((r) => r.set === 'cityscapes');
  if (cityscapes.length > 1) {
    console.log('\nPeak RSS by set size (must not grow with the number of images):');
    for (const row of cityscapes[0].rows) {
      const sizes = cityscapes.map((r) => {
        const same = r.rows.find((x) => x.id === row.id);
        return `${r.pairs} pairs ${Number.isNaN(same.peakRssMiB) ? 'n/a' : `${same.peakRssMiB.toFixed(0)} MiB`}`;
      });
      console.log(`  ${row.id.padEnd(24)} ${sizes.join(', ')}`);
    }
  }
  if (rssRows.length > 0) {
    const sizes = options.rssPairs;
    console.log(
      `\nPeak RSS by number of VOC-sized pairs (one run each; slope from ${sizes[0]} to ${sizes.at(-1)} pairs):`,
    );
    for (const id of [...new Set(rssRows.map((row) => row.id))]) {
      const mine = rssRows.filter((row) => row.id === id);
      const cells = mine.map(
        (row) => `${row.pairs} pairs ${Number.isNaN(row.rssMiB) ? 'n/a' : `${row.rssMiB.toFixed(0)} MiB`}`,
      );
      const first = mine[0];
      const last = mine.at(-1);
      const slope =
        last.pairs > first.pairs
          ? ((last.rssMiB - first.rssMiB) * 1024) / (last.pairs - first.pairs)
          : Number.NaN;
      console.log(
        `  ${id.padEnd(24)} ${cells.join(', ')}${Number.isFinite(slope) ? `  (${slope.toFixed(2)} KiB per pair)` : ''}`,
      );
    }
  }
  const resultFile = join(options.dataDir, 'last-run.json');
  await writeFile(
    resultFile,
    `${JSON.stringify({ date: new Date().toISOString(), ...info, runs: options.runs, results, phases: phaseRows, startup: startupRows, report: reportRows, rss: rssRows }, null, 2)}\n`,
  );
  console.log(`\nbench: results written to ${resultFile}`);
  if (options.check && missed.length > 0) fail(`speed targets missed: ${missed.join('; ')}`);
}

await main();
