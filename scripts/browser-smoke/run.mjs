#!/usr/bin/env node
// Browser smoke test: proves that @segmetrics/core, @segmetrics/metrics and @segmetrics/io's
// browser-safe entry run unchanged in a browser.
//
// 1. Bundles entry.js with esbuild (platform 'browser'); any node: builtin in the graph fails the run.
// 2. Serves the bundle and a page carrying the inputs (PNG bytes as base64) on 127.0.0.1.
// 3. Runs headless Chromium with --dump-dom; the page writes its result into <pre id="result">.
// 4. Runs the same scenario (scenario.js) in Node and requires the results to be identical, bit for bit.
//
// Needs the packages built (`pnpm turbo run build --filter=@segmetrics/metrics --filter=@segmetrics/io`)
// and Chromium (`apt-get install -y chromium`, or CHROMIUM_BIN=/path/to/chrome).
// Prints `browser smoke: OK (chromium <version>, mIoU …)` or exits 1.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exactJson, IGNORE_16, rgbaOf, runScenario, SYNTHETIC_CLASSES, syntheticLabels } from './scenario.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const CHROMIUM_TIMEOUT_MS = 90_000;
const SIZE = { width: 64, height: 48 };
const IMAGE_DATA = { gt: { width: 40, height: 30, seed: 3 }, pred: { width: 40, height: 30, seed: 4 } };
const FIXTURE_DIR = join(root, 'packages/test-utils/fixtures/parity/voc_like_palette');

function fail(message) {
  console.error(`browser smoke: FAILED — ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------
// The built packages (the same dist files the bundle uses).
const dists = {
  core: join(root, 'packages/core/dist/index.js'),
  metrics: join(root, 'packages/metrics/dist/index.js'),
  io: join(root, 'packages/io/dist/index.js'),
};
for (const [name, file] of Object.entries(dists)) {
  if (!existsSync(file)) {
    fail(
      `${file} is missing (${name} not built): run \`pnpm turbo run build --filter=@segmetrics/metrics --filter=@segmetrics/io\``,
    );
  }
}
const libs = {
  core: await import(pathToFileURL(dists.core).href),
  metrics: await import(pathToFileURL(dists.metrics).href),
  io: await import(pathToFileURL(dists.io).href),
};

// ---------------------------------------------------------------------------------------------------
// 1. Bundle. esbuild is not a root dependency: it is resolved through tsup, which depends on it.
const requireFromRoot = createRequire(join(root, 'package.json'));
let esbuild;
try {
  esbuild = createRequire(requireFromRoot.resolve('tsup/package.json'))('esbuild');
} catch (error) {
  fail(`cannot load esbuild through tsup (${error.message}); run \`pnpm install\``);
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const builtinImports = [];
const forbidNodeBuiltins = {
  name: 'forbid-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!args.path.startsWith('node:') && !nodeBuiltins.has(args.path)) return undefined;
      builtinImports.push(`${args.path} (imported by ${args.importer.replace(`${root}/`, '')})`);
      return { path: args.path, external: true };
    });
  },
};

let bundle;
try {
  const built = await esbuild.build({
    entryPoints: [join(here, 'entry.js')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    plugins: [forbidNodeBuiltins],
  });
  bundle = built.outputFiles[0].text;
  const inputs = Object.keys(built.metafile.inputs);
  if (builtinImports.length > 0) {
    fail(`the browser bundle pulls in Node builtins: ${[...new Set(builtinImports)].join(', ')}`);
  }
  const nodeEntry = inputs.find((file) => /packages\/io\/dist\/node/.test(file));
  if (nodeEntry) fail(`the browser bundle includes io's Node entry (${nodeEntry})`);
  for (const pkg of ['core', 'metrics', 'io']) {
    if (!inputs.some((file) => file.includes(`packages/${pkg}/dist/`))) {
      fail(`the bundle does not include packages/${pkg}/dist`);
    }
  }
} catch (error) {
  fail(`esbuild failed:\n${error.errors?.map((e) => `  ${e.text}`).join('\n') ?? error.message}`);
}

// ---------------------------------------------------------------------------------------------------
// 2. Inputs: a VOC-like palette fixture pair, and PNGs written now by io's encoders.
const fixture = {
  gt: readFileSync(join(FIXTURE_DIR, 'gt/img_000.png')),
  pred: readFileSync(join(FIXTURE_DIR, 'pred/img_000.png')),
};
const { width, height } = SIZE;
const encoded = {
  // 16-bit gray ground truth with ignore value 65535.
  gt: libs.io.encodeLabelPng(syntheticLabels(width, height, 1, SYNTHETIC_CLASSES, IGNORE_16), width, height, {
    bitDepth: 16,
  }),
  // Palette prediction: indices are the labels, colours from the VOC colour map.
  pred: libs.io.encodeColorizedPng(
    { data: syntheticLabels(width, height, 2, SYNTHETIC_CLASSES), width, height },
    libs.io.vocColorMap(SYNTHETIC_CLASSES),
  ),
};
const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const pageInput = {
  fixture: { gt: base64(fixture.gt), pred: base64(fixture.pred) },
  encoded: { gt: base64(encoded.gt), pred: base64(encoded.pred) },
  imageData: IMAGE_DATA,
};

// The same scenario in Node: ImageData-like objects instead of browser ImageData.
const imageDataLike = ({ width, height, seed }) => ({
  data: rgbaOf(syntheticLabels(width, height, seed, SYNTHETIC_CLASSES)),
  width,
  height,
});
let nodeResult;
try {
  nodeResult = runScenario(libs, {
    fixture: { gt: new Uint8Array(fixture.gt), pred: new Uint8Array(fixture.pred) },
    encoded,
    imageData: { gt: imageDataLike(IMAGE_DATA.gt), pred: imageDataLike(IMAGE_DATA.pred) },
  });
} catch (error) {
  fail(`the scenario threw in Node${error.code ? ` ${error.code}` : ''}:\n${error.stack ?? error}`);
}

// The scenario must exercise what it claims to, or equality proves little.
const expectDecoded = (name, side, key, value) => {
  const actual = nodeResult[name].decoded[0][side][key];
  if (actual !== value) fail(`${name} ${side} decoded with ${key} ${actual}, expected ${value}`);
};
expectDecoded('fixture', 'groundTruth', 'colorType', 'palette');
expectDecoded('fixture', 'prediction', 'colorType', 'palette');
expectDecoded('encoded', 'groundTruth', 'bitDepth', 16);
expectDecoded('encoded', 'prediction', 'colorType', 'palette');
for (const [name, { report }] of Object.entries(nodeResult)) {
  if (!(report.pixels > 0) || !Number.isFinite(report.summary.mIoU)) {
    fail(`${name}: Node counted ${report.pixels} pixels, mIoU ${report.summary.mIoU}`);
  }
}
if (nodeResult.encoded.report.ignoredPixels === 0)
  fail('encoded: no 16-bit ignore pixel was counted as ignored');

// ---------------------------------------------------------------------------------------------------
// 3. Serve and load in Chromium.
const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>segmetrics browser smoke</title></head>
<body>
<script type="application/json" id="input">${JSON.stringify(pageInput)}</script>
<script type="module" src="/bundle.js"></script>
</body></html>`;
const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://127.0.0.1').pathname;
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } else if (path === '/bundle.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const url = `http://127.0.0.1:${server.address().port}/`;

// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by `node` directly, never as a turbo task.
const chromium = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  server.close();
  fail(
    `${chromium} not found: install it with \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM_BIN)`,
  );
}
const version =
  /(\d+\.\d+\.\d+\.\d+)/.exec(
    execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: 'pipe' }),
  )?.[1] ?? 'unknown';

const userDataDir = mkdtempSync(join(tmpdir(), 'segmetrics-browser-smoke-'));
let dom;
try {
  dom = await new Promise((resolve, reject) => {
    const child = spawn(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${userDataDir}`,
        '--dump-dom',
        url,
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      reject(new Error(`Chromium did not finish within ${CHROMIUM_TIMEOUT_MS / 1000} s`));
    }, CHROMIUM_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`Chromium exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  });
} catch (error) {
  fail(error.message);
} finally {
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------
// 4. Compare.
const match = /<pre id="result">([\s\S]*?)<\/pre>/.exec(dom);
if (!match) fail(`the page wrote no <pre id="result"> (did the bundle load?). DOM:\n${dom.slice(0, 2000)}`);
const unescaped = match[1].replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const page = JSON.parse(unescaped);
if (!page.ok) fail(`the page threw${page.code ? ` ${page.code}` : ''}:\n${page.error}`);
if (page.nodeGlobals.process !== 'undefined' || page.nodeGlobals.Buffer !== 'undefined') {
  fail(`the page saw Node globals ${JSON.stringify(page.nodeGlobals)} (a polyfill slipped into the bundle?)`);
}

/** Path to the first difference between two JSON values, or undefined when they are equal. */
function firstDifference(a, b, path = '$') {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: browser ${JSON.stringify(a)} ≠ node ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference(a[key], b[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}
const nodeJson = exactJson(nodeResult);
if (page.result !== nodeJson) {
  fail(
    `browser and Node results differ: ${firstDifference(JSON.parse(page.result), JSON.parse(nodeJson)) ?? 'in serialisation'}`,
  );
}

const mIoU = Object.entries(nodeResult)
  .map(([name, { mIoU: value }]) => `${name} ${value.toFixed(6)}`)
  .join(', ');
console.log(`browser smoke: OK (chromium ${version}, mIoU ${mIoU})`);
