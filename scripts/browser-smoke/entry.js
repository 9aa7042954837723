// Browser entry of the smoke test, bundled by run.mjs with esbuild (platform: 'browser').
// It imports the built packages exactly as a bundler user would get them (core, metrics and io's
// browser-safe `.` entry), runs scenario.js and writes the result to window.__result, which run.mjs
// reads back through playwright.
import * as core from '../../packages/core/dist/index.js';
import * as io from '../../packages/io/dist/index.js';
import * as metrics from '../../packages/metrics/dist/index.js';
import { exactJson, rgbaOf, runScenario, SYNTHETIC_CLASSES, syntheticLabels } from './scenario.js';

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Ground truth: a plain `new ImageData(...)`. */
function imageDataDirect({ width, height, seed }) {
  return new ImageData(rgbaOf(syntheticLabels(width, height, seed, SYNTHETIC_CLASSES)), width, height);
}

/** Prediction: drawn into an OffscreenCanvas and read back, as an app would get it from a canvas. */
function imageDataFromCanvas({ width, height, seed }) {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { colorSpace: 'srgb', willReadFrequently: true });
  context.putImageData(imageDataDirect({ width, height, seed }), 0, 0);
  return context.getImageData(0, 0, width, height);
}

function run() {
  const input = JSON.parse(document.getElementById('input').textContent);
  const result = runScenario(
    { core, metrics, io },
    {
      fixture: { gt: fromBase64(input.fixture.gt), pred: fromBase64(input.fixture.pred) },
      encoded: { gt: fromBase64(input.encoded.gt), pred: fromBase64(input.encoded.pred) },
      wide: { gt: fromBase64(input.wide.gt), pred: fromBase64(input.wide.pred) },
      imageData: { gt: imageDataDirect(input.imageData.gt), pred: imageDataFromCanvas(input.imageData.pred) },
    },
  );
  return {
    ok: true,
    userAgent: navigator.userAgent,
    // Node globals must not be needed (nor polyfilled) for the packages to run.
    nodeGlobals: { process: typeof process, Buffer: typeof Buffer },
    result: exactJson(result),
  };
}

let output;
try {
  output = run();
} catch (error) {
  output = { ok: false, error: String(error?.stack ?? error), code: error?.code };
}
window.__result = output;
