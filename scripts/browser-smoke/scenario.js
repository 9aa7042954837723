// The computation the browser smoke test runs twice: once in Chromium (bundled by run.mjs through
// entry.js) and once in Node (imported by run.mjs). It takes the three packages as arguments so that
// both sides use the same built dist files; only how they are loaded differs.

/** Classes of the synthetic 16-bit and ImageData cases (the VOC-like fixture has 21). */
export const SYNTHETIC_CLASSES = 5;
/** Ground-truth ignore value of the 16-bit case: above 255, so an 8-bit decode cannot fake it. */
export const IGNORE_16 = 65535;
/** Classes of the 16-bit case: more than 256, as in datasets whose label maps must be 16-bit. */
export const WIDE_CLASSES = 300;
/** Size of the 16-bit case: several blocks of the 16-bit WebAssembly kernel (16,384 pixels each). */
export const WIDE_SIZE = { width: 256, height: 192 };

/** Colours of the ImageData case, as an id → colour palette (alpha is ignored by the reader). */
export const IMAGE_DATA_PALETTE = [
  [0, 0, 0],
  [128, 0, 0],
  [0, 128, 0],
  [128, 128, 0],
  [0, 0, 128],
];

/** Deterministic pseudo-random labels (a 32-bit LCG), so Node and the browser see the same data. */
export function syntheticLabels(width, height, seed, numClasses, ignoreValue) {
  const out = ignoreValue > 255 ? new Uint16Array(width * height) : new Uint8Array(width * height);
  let state = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const noise = state >>> 24;
      // Blocky regions with some noise; a few ignored pixels along one diagonal band.
      const region = (Math.floor(x / 8) + Math.floor(y / 6)) % numClasses;
      const i = y * width + x;
      if (ignoreValue !== undefined && Math.abs(x - y) < 2) out[i] = ignoreValue;
      else out[i] = noise < 40 ? noise % numClasses : region;
    }
  }
  return out;
}

/**
 * 16-bit labels spread over [0, {@link WIDE_CLASSES}) (most above 255), with a band of ignored pixels
 * ({@link IGNORE_16}) when `ignore` is set: both maps of the 16-bit case are `Uint16Array`s, the input
 * the 16-bit WebAssembly kernel counts.
 */
export function wideLabels(width, height, seed, ignore) {
  const labels = syntheticLabels(width, height, seed, 40, ignore ? IGNORE_16 : undefined);
  const out = new Uint16Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    out[i] = labels[i] === IGNORE_16 ? IGNORE_16 : (labels[i] * 7 + 3) % WIDE_CLASSES;
  }
  return out;
}

/** RGBA bytes (alpha 255) drawing `labels` with {@link IMAGE_DATA_PALETTE}. */
export function rgbaOf(labels) {
  const rgba = new Uint8ClampedArray(labels.length * 4);
  for (let i = 0; i < labels.length; i++) {
    const [r, g, b] = IMAGE_DATA_PALETTE[labels[i]];
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** JSON that keeps NaN / ±Infinity distinct (plain JSON turns them all into null). */
export function exactJson(value) {
  return JSON.stringify(value, (_key, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return `__${String(v)}__`;
    if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v) };
    return v;
  });
}

function evaluateCase(core, metrics, options, pairs) {
  const matrix = new core.ConfusionMatrix(options);
  const kernels = [];
  for (const { prediction, groundTruth, sampleId } of pairs) {
    matrix.update(prediction.data, groundTruth.data, {
      width: groundTruth.width,
      height: groundTruth.height,
      sampleId,
    });
    kernels.push(core.lastCountKernel());
  }
  const report = metrics.evaluate(matrix);
  return {
    decoded: pairs.map(({ prediction, groundTruth }) => ({
      prediction: { bitDepth: prediction.bitDepth, colorType: prediction.colorType },
      groundTruth: { bitDepth: groundTruth.bitDepth, colorType: groundTruth.colorType },
      arrays: [groundTruth.data.constructor.name, prediction.data.constructor.name],
    })),
    // Which counting kernel of core counted each pair (core's lastCountKernel diagnostic).
    kernels,
    matrix: matrix.toJSON(),
    mIoU: report.summary.mIoU,
    report,
  };
}

/**
 * Runs every case. `inputs` holds PNG bytes (`fixture.{gt,pred}`: a VOC-like palette pair, counted by
 * the 8-bit kernel; `encoded.{gt,pred}`: a 16-bit gray ground truth and a palette prediction written by
 * io's encoders, 16-bit against 8-bit: the general path; `wide.{gt,pred}`: 16-bit gray PNGs of
 * {@link wideLabels}, both `Uint16Array`: the 16-bit kernel) and `imageData.{gt,pred}`: ImageData-like
 * objects (real `ImageData` in the browser).
 * Returns a plain object; compare two runs with {@link exactJson}.
 */
export function runScenario({ core, metrics, io }, inputs) {
  const fixture = evaluateCase(core, metrics, { numClasses: 21, ignoreIndex: 255 }, [
    {
      sampleId: 'voc_like_palette/img_000',
      groundTruth: io.decodeLabelMap(inputs.fixture.gt, { file: 'gt/img_000.png' }),
      prediction: io.decodeLabelMap(inputs.fixture.pred, { file: 'pred/img_000.png' }),
    },
  ]);
  const encoded = evaluateCase(core, metrics, { numClasses: SYNTHETIC_CLASSES, ignoreIndex: IGNORE_16 }, [
    {
      sampleId: 'encoded',
      groundTruth: io.decodeLabelMap(inputs.encoded.gt, { file: 'encoded-gt-16bit.png' }),
      prediction: io.decodeLabelMap(inputs.encoded.pred, { file: 'encoded-pred-palette.png' }),
    },
  ]);
  const wide = evaluateCase(core, metrics, { numClasses: WIDE_CLASSES, ignoreIndex: IGNORE_16 }, [
    {
      sampleId: 'wide-16bit',
      groundTruth: io.decodeLabelMap(inputs.wide.gt, { file: 'wide-gt-16bit.png' }),
      prediction: io.decodeLabelMap(inputs.wide.pred, { file: 'wide-pred-16bit.png' }),
    },
  ]);
  const colorPalette = IMAGE_DATA_PALETTE;
  const imageData = evaluateCase(core, metrics, { numClasses: SYNTHETIC_CLASSES }, [
    {
      sampleId: 'image-data',
      groundTruth: io.labelMapFromImageData(inputs.imageData.gt, { colorPalette, file: 'gt ImageData' }),
      prediction: io.labelMapFromImageData(inputs.imageData.pred, { colorPalette, file: 'pred ImageData' }),
    },
  ]);
  return { fixture, encoded, wide, imageData };
}
