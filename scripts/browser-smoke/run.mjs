#!/usr/bin/env node
// Browser smoke test (`pnpm test:browser`, run by .ci/run): proves that @segmetrics/core,
// @segmetrics/metrics and @segmetrics/io's browser-safe entry run unchanged in a browser, with the same
// counting kernels as in Node.
//
// 1. Bundles entry.js with esbuild (platform 'browser'); any node: builtin in the graph fails the run.
// 2. Runs scenario.js in Node, then serves the bundle and a page carrying the inputs (PNG bytes as
//    base64) on 127.0.0.1 and runs it in headless Chromium (playwright-core, @segmetrics/test-utils/browser).
// 3. Requires every case's results to be identical, bit for bit, and the 8-bit and 16-bit cases to be
//    counted by core's WebAssembly SIMD kernels in Chromium (core's lastCountKernel diagnostic).
//
// Needs the packages built (`pnpm turbo run build`) and Chromium (`apt-get install -y chromium`, or
// CHROMIUM_BIN=/path/to/chrome). Reports as tests: scripts/browser-smoke/.test-results.json, counted by
// scripts/test-totals.mjs; exits 1 when a check fails.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, serveFolder } from '@segmetrics/test-utils/browser';
import { assert, createSuite } from '../lib/check-suite.mjs';
import {
  exactJson,
  IGNORE_16,
  rgbaOf,
  runScenario,
  SYNTHETIC_CLASSES,
  syntheticLabels,
  WIDE_SIZE,
  wideLabels,
} from './scenario.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const PAGE_TIMEOUT_MS = 60_000;
const SIZE = { width: 64, height: 48 };
const IMAGE_DATA = { gt: { width: 40, height: 30, seed: 3 }, pred: { width: 40, height: 30, seed: 4 } };
const FIXTURE_DIR = join(root, 'packages/test-utils/fixtures/parity/voc_like_palette');
/** The kernel each case must be counted with, in Node and in Chromium. */
const EXPECTED_KERNELS = {
  fixture: 'wasm-simd-8bit',
  encoded: 'general',
  wide: 'wasm-simd-16bit',
  imageData: 'general',
};

const suite = createSuite('browser smoke', join(here, '.test-results.json'));
console.log('browser smoke: core, metrics and io in headless Chromium against Node');

// ---------------------------------------------------------------------------------------------------
// The built packages (the same dist files the bundle uses).
const dists = {
  core: join(root, 'packages/core/dist/index.js'),
  metrics: join(root, 'packages/metrics/dist/index.js'),
  io: join(root, 'packages/io/dist/index.js'),
};
const libs = await suite.test('the built core, metrics and io load in Node', async () => {
  for (const [name, file] of Object.entries(dists)) {
    assert(existsSync(file), `${file} is missing (${name} not built): run \`pnpm turbo run build\``);
  }
  return {
    core: await import(pathToFileURL(dists.core).href),
    metrics: await import(pathToFileURL(dists.metrics).href),
    io: await import(pathToFileURL(dists.io).href),
  };
});

// ---------------------------------------------------------------------------------------------------
// 1. Bundle. esbuild is not a root dependency: it is resolved through tsup, which depends on it.
const bundle = await suite.test(
  'the browser bundle of core, metrics and io pulls in no Node builtin',
  async () => {
    const requireFromRoot = createRequire(join(root, 'package.json'));
    const esbuild = createRequire(requireFromRoot.resolve('tsup/package.json'))('esbuild');
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
    const inputs = Object.keys(built.metafile.inputs);
    assert(
      builtinImports.length === 0,
      `the browser bundle pulls in Node builtins: ${[...new Set(builtinImports)].join(', ')}`,
    );
    const nodeEntry = inputs.find((file) => /packages\/io\/dist\/node/.test(file));
    assert(!nodeEntry, `the browser bundle includes io's Node entry (${nodeEntry})`);
    for (const pkg of ['core', 'metrics', 'io']) {
      assert(
        inputs.some((file) => file.includes(`packages/${pkg}/dist/`)),
        `the bundle does not include packages/${pkg}/dist`,
      );
    }
    return built.outputFiles[0].text;
  },
);

// ---------------------------------------------------------------------------------------------------
// 2. Inputs, and the scenario in Node.
const prepared = await suite.test(
  'the scenario runs in Node and exercises the decoders and kernels it names',
  () => {
    assert(libs, 'the packages did not load');
    const { width, height } = SIZE;
    const fixture = {
      gt: readFileSync(join(FIXTURE_DIR, 'gt/img_000.png')),
      pred: readFileSync(join(FIXTURE_DIR, 'pred/img_000.png')),
    };
    const encoded = {
      // 16-bit gray ground truth with ignore value 65535.
      gt: libs.io.encodeLabelPng(
        syntheticLabels(width, height, 1, SYNTHETIC_CLASSES, IGNORE_16),
        width,
        height,
        {
          bitDepth: 16,
        },
      ),
      // Palette prediction: indices are the labels, colours from the VOC colour map.
      pred: libs.io.encodeColorizedPng(
        { data: syntheticLabels(width, height, 2, SYNTHETIC_CLASSES), width, height },
        libs.io.vocColorMap(SYNTHETIC_CLASSES),
      ),
    };
    const wide = {
      gt: libs.io.encodeLabelPng(
        wideLabels(WIDE_SIZE.width, WIDE_SIZE.height, 5, true),
        WIDE_SIZE.width,
        WIDE_SIZE.height,
        {
          bitDepth: 16,
        },
      ),
      pred: libs.io.encodeLabelPng(
        wideLabels(WIDE_SIZE.width, WIDE_SIZE.height, 6, false),
        WIDE_SIZE.width,
        WIDE_SIZE.height,
        {
          bitDepth: 16,
        },
      ),
    };
    // The same scenario in Node: ImageData-like objects instead of browser ImageData.
    const imageDataLike = ({ width, height, seed }) => ({
      data: rgbaOf(syntheticLabels(width, height, seed, SYNTHETIC_CLASSES)),
      width,
      height,
    });
    const nodeResult = runScenario(libs, {
      fixture: { gt: new Uint8Array(fixture.gt), pred: new Uint8Array(fixture.pred) },
      encoded,
      wide,
      imageData: { gt: imageDataLike(IMAGE_DATA.gt), pred: imageDataLike(IMAGE_DATA.pred) },
    });
    // The scenario must exercise what it claims to, or equality proves little.
    const expectDecoded = (name, side, key, value) => {
      const actual = nodeResult[name].decoded[0][side][key];
      assert(actual === value, `${name} ${side} decoded with ${key} ${actual}, expected ${value}`);
    };
    expectDecoded('fixture', 'groundTruth', 'colorType', 'palette');
    expectDecoded('fixture', 'prediction', 'colorType', 'palette');
    expectDecoded('encoded', 'groundTruth', 'bitDepth', 16);
    expectDecoded('encoded', 'prediction', 'colorType', 'palette');
    expectDecoded('wide', 'groundTruth', 'bitDepth', 16);
    expectDecoded('wide', 'prediction', 'bitDepth', 16);
    for (const [name, { report, kernels }] of Object.entries(nodeResult)) {
      assert(
        report.pixels > 0 && Number.isFinite(report.summary.mIoU),
        `${name}: Node counted ${report.pixels} pixels, mIoU ${report.summary.mIoU}`,
      );
      assert(
        kernels.every((kernel) => kernel === EXPECTED_KERNELS[name]),
        `${name}: Node counted with ${kernels.join(', ')}, expected ${EXPECTED_KERNELS[name]}`,
      );
    }
    assert(
      nodeResult.encoded.report.ignoredPixels > 0,
      'encoded: no 16-bit ignore pixel was counted as ignored',
    );
    assert(nodeResult.wide.report.ignoredPixels > 0, 'wide: no 16-bit ignore pixel was counted as ignored');
    const base64 = (bytes) => Buffer.from(bytes).toString('base64');
    const pageInput = {
      fixture: { gt: base64(fixture.gt), pred: base64(fixture.pred) },
      encoded: { gt: base64(encoded.gt), pred: base64(encoded.pred) },
      wide: { gt: base64(wide.gt), pred: base64(wide.pred) },
      imageData: IMAGE_DATA,
    };
    return { nodeResult, pageInput };
  },
);

// ---------------------------------------------------------------------------------------------------
// 3. Serve and run in Chromium.
const page = await suite.test('the page runs the scenario in headless Chromium without errors', async () => {
  assert(bundle && prepared, 'the bundle or the inputs are missing');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>segmetrics browser smoke</title></head>
<body>
<script type="application/json" id="input">${JSON.stringify(prepared.pageInput)}</script>
<script type="module" src="/bundle.js"></script>
</body></html>`;
  const browser = await launchChromium();
  const served = await serveFolder(null, {
    files: { '/': { body: html, contentType: 'text/html; charset=utf-8' }, '/bundle.js': { body: bundle } },
  }).catch(async (error) => {
    await browser.close();
    throw error;
  });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
    });
    await tab.goto(served.url, { timeout: PAGE_TIMEOUT_MS });
    const handle = await tab.waitForFunction(() => globalThis.__result, undefined, {
      timeout: PAGE_TIMEOUT_MS,
    });
    const output = await handle.jsonValue();
    assert(output.ok, `the page threw${output.code ? ` ${output.code}` : ''}:\n${output.error}`);
    assert(errors.length === 0, errors.join('\n'));
    assert(
      output.nodeGlobals.process === 'undefined' && output.nodeGlobals.Buffer === 'undefined',
      `the page saw Node globals ${JSON.stringify(output.nodeGlobals)} (a polyfill slipped into the bundle?)`,
    );
    const unexpected = served.requests.filter((path) => !['/', '/bundle.js', '/favicon.ico'].includes(path));
    assert(unexpected.length === 0, `the page requested ${unexpected.join(', ')}`);
    return { result: JSON.parse(output.result), version: browser.version() };
  } finally {
    await browser.close();
    await served.close();
  }
});

// ---------------------------------------------------------------------------------------------------
// 4. Compare, case by case.
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

const nodeJson = prepared ? JSON.parse(exactJson(prepared.nodeResult)) : undefined;
for (const name of Object.keys(EXPECTED_KERNELS)) {
  await suite.test(`${name}: Chromium's counts, metrics and kernel equal Node's bit for bit`, () => {
    assert(page && nodeJson, 'no result to compare');
    const difference = firstDifference(page.result[name], nodeJson[name], `$.${name}`);
    assert(difference === undefined, `browser and Node results differ: ${difference}`);
  });
}
await suite.test(
  "the 8-bit and 16-bit cases are counted by core's WebAssembly SIMD kernels in Chromium",
  () => {
    assert(page, 'no browser result');
    for (const name of ['fixture', 'wide']) {
      const kernels = page.result[name].kernels;
      assert(
        kernels.every((kernel) => kernel === EXPECTED_KERNELS[name]),
        `${name}: Chromium counted with ${kernels.join(', ')}, expected ${EXPECTED_KERNELS[name]}`,
      );
    }
  },
);

if (page && prepared) {
  console.log(`  Chromium ${page.version}; kernel per case (Chromium / Node) and mIoU:`);
  for (const name of Object.keys(EXPECTED_KERNELS)) {
    const browserCase = page.result[name];
    const nodeCase = prepared.nodeResult[name];
    const arrays = nodeCase.decoded[0].arrays.join(' vs ');
    console.log(
      `    ${name.padEnd(9)} ${arrays.padEnd(24)} ${browserCase.kernels.join(',')} / ${nodeCase.kernels.join(',')}` +
        `  mIoU ${nodeCase.mIoU.toFixed(6)}`,
    );
  }
}
// Exit now: a handle left open by a failed check (a server, a browser) must not keep CI waiting.
process.exit(suite.finish());
