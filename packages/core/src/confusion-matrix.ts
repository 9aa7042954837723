import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';
import { IGNORED, INVALID, buildLut, classifyValue, lutDomain } from './internal/label-lut.js';
import { normalizeSettings, settingsEqual } from './normalize-settings.js';
import type {
  ConfusionMatrixOptions,
  ConfusionMatrixSettings,
  ImageStats,
  LabelArray,
  UpdateOptions,
} from './types.js';

/**
 * An exact, mergeable confusion matrix over C classes: rows = ground truth, columns = prediction
 * (scikit-learn / torchmetrics orientation). Counts are float64 integers, exact up to 2^53.
 *
 * Beside the C×C matrix it keeps, per ground-truth class, the pixels predicted as an ignore label
 * (`predictedIgnore`, a miss for that class: cityscapesScripts' and mmsegmentation's rule), and the
 * number of pixels whose ground truth is ignored.
 */
export class ConfusionMatrix {
  readonly settings: ConfusionMatrixSettings;
  #counts: Float64Array;
  #predictedIgnore: Float64Array;
  #ignoredPixels = 0;
  #images = 0;
  #sampleIds = new Set<string>();
  #imageStats: ImageStats[] = [];
  #luts = new Map<string, Int32Array>();

  constructor(options: ConfusionMatrixOptions) {
    this.settings = normalizeSettings(options);
    const c = this.settings.numClasses;
    this.#counts = new Float64Array(c * c);
    this.#predictedIgnore = new Float64Array(c);
  }

  get numClasses(): number {
    return this.settings.numClasses;
  }

  /** Row-major C×C counts (rows = ground truth). A live view: do not modify. */
  get counts(): Float64Array {
    return this.#counts;
  }

  /** Per ground-truth class: valid pixels predicted as an ignore label (false negatives). */
  get predictedIgnore(): Float64Array {
    return this.#predictedIgnore;
  }

  /** Pixels whose ground truth is an ignore label (not counted anywhere else). */
  get ignoredPixels(): number {
    return this.#ignoredPixels;
  }

  /** Number of updates (images) counted. */
  get images(): number {
    return this.#images;
  }

  /** Sample ids counted so far, in update order. */
  get sampleIds(): readonly string[] {
    return [...this.#sampleIds];
  }

  /** Per-image statistics (only when created with `perImage: true`), in update order. */
  get imageStats(): readonly ImageStats[] {
    if (!this.settings.perImage) {
      throw new SegmetricsError(
        ErrorCode.PER_IMAGE_DISABLED,
        'per-image statistics were not enabled (perImage: true)',
      );
    }
    return this.#imageStats;
  }

  /** Count at (ground truth `row`, prediction `col`). */
  get(row: number, col: number): number {
    return this.#counts[row * this.settings.numClasses + col] ?? Number.NaN;
  }

  /**
   * Counts one image. Atomic: when it throws (shape mismatch, label out of range, non-integer label,
   * duplicate sample id) the matrix is exactly as before.
   */
  update(prediction: LabelArray, groundTruth: LabelArray, options: UpdateOptions = {}): this {
    const { sampleId } = options;
    const n = groundTruth.length;
    if (prediction.length !== n) {
      throw new SegmetricsError(
        ErrorCode.SHAPE_MISMATCH,
        `prediction has ${prediction.length} pixels but ground truth has ${n}${describeSample(sampleId)}`,
        { context: { predictionLength: prediction.length, groundTruthLength: n, sampleId } },
      );
    }
    if (options.width !== undefined || options.height !== undefined) {
      const { width, height } = options;
      if (
        width === undefined ||
        !Number.isSafeInteger(width) ||
        width < 0 ||
        (height !== undefined && (!Number.isSafeInteger(height) || height < 0 || width * height !== n))
      ) {
        throw new SegmetricsError(
          ErrorCode.SHAPE_MISMATCH,
          `image size ${String(width)}×${String(height)} does not match ${n} pixels${describeSample(sampleId)}`,
          { context: { width, height, length: n, sampleId } },
        );
      }
    }
    if (sampleId !== undefined && this.#sampleIds.has(sampleId)) {
      throw new SegmetricsError(ErrorCode.DUPLICATE_SAMPLE, `sample "${sampleId}" was already counted`, {
        context: { sampleId },
      });
    }
    const c = this.settings.numClasses;
    const stride = c + 1;
    const local = new Float64Array(c * stride);
    const gtCodes = this.#codes(groundTruth, true);
    const mapPred = this.settings.labelMapping?.applyTo !== 'gt';
    const predCodes = this.#codes(prediction, mapPred);
    let ignored = 0;
    for (let i = 0; i < n; i++) {
      const g = gtCodes(groundTruth[i]!);
      if (g === IGNORED) {
        ignored++;
        continue;
      }
      if (g === INVALID) this.#invalid('groundTruth', groundTruth, i, options);
      const p = predCodes(prediction[i]!);
      if (p === INVALID) this.#invalid('prediction', prediction, i, options);
      local[g * stride + (p === IGNORED ? c : p)]!++;
    }
    this.#commit(local, ignored, sampleId);
    return this;
  }

  #codes(data: LabelArray, mapped: boolean): (value: number) => number {
    const domain = lutDomain(data);
    if (domain === null) return (value) => classifyValue(this.settings, value, mapped);
    const key = `${mapped}:${domain.offset}:${domain.size}`;
    let lut = this.#luts.get(key);
    if (lut === undefined) {
      lut = buildLut(this.settings, mapped, domain.offset, domain.size);
      this.#luts.set(key, lut);
    }
    const table = lut;
    const offset = domain.offset;
    return (value) => table[value - offset]!;
  }

  #invalid(
    side: 'groundTruth' | 'prediction',
    data: LabelArray,
    index: number,
    options: UpdateOptions,
  ): never {
    const value = data[index]!;
    const { width, sampleId } = options;
    const position =
      width !== undefined && width > 0
        ? { index, x: index % width, y: Math.floor(index / width) }
        : { index };
    const where = 'x' in position ? `pixel ${index} (x=${position.x}, y=${position.y})` : `pixel ${index}`;
    const sideName = side === 'groundTruth' ? 'ground truth' : 'prediction';
    if (!Number.isInteger(value)) {
      throw new SegmetricsError(
        ErrorCode.LABEL_NOT_INTEGER,
        `${sideName} value ${value} at ${where} is not an integer${describeSample(sampleId)}`,
        { context: { side, value, ...position, sampleId } },
      );
    }
    const ignore = this.settings.ignoreIndex;
    throw new SegmetricsError(
      ErrorCode.LABEL_OUT_OF_RANGE,
      `${sideName} label ${value} at ${where} is outside [0, ${this.settings.numClasses})` +
        (ignore.length > 0 ? ` and not an ignore label (${ignore.join(', ')})` : '') +
        describeSample(sampleId),
      { context: { side, value, ...position, sampleId, numClasses: this.settings.numClasses } },
    );
  }

  #commit(local: Float64Array, ignored: number, sampleId: string | undefined): void {
    const c = this.settings.numClasses;
    const stride = c + 1;
    const counts = this.#counts;
    const predIgnore = this.#predictedIgnore;
    const perImage = this.settings.perImage;
    const tp = perImage ? new Float64Array(c) : null;
    const support = perImage ? new Float64Array(c) : null;
    const predicted = perImage ? new Float64Array(c) : null;
    for (let g = 0; g < c; g++) {
      let rowSum = 0;
      for (let p = 0; p < c; p++) {
        const v = local[g * stride + p]!;
        if (v === 0) continue;
        counts[g * c + p]! += v;
        rowSum += v;
        if (predicted !== null) predicted[p]! += v;
      }
      const pi = local[g * stride + c]!;
      predIgnore[g]! += pi;
      if (tp !== null && support !== null) {
        tp[g] = local[g * stride + g]!;
        support[g] = rowSum + pi;
      }
    }
    this.#ignoredPixels += ignored;
    this.#images++;
    if (sampleId !== undefined) this.#sampleIds.add(sampleId);
    if (tp !== null && support !== null && predicted !== null) {
      this.#imageStats.push({ sampleId: sampleId ?? null, tp, support, predicted, ignored });
    }
  }

  /**
   * Adds another matrix's counts. Refuses (typed error, nothing changed) a matrix with different
   * settings or one that counted a sample id this one already has.
   */
  merge(other: ConfusionMatrix): this {
    if (!settingsEqual(this.settings, other.settings)) {
      throw new SegmetricsError(
        ErrorCode.INCOMPATIBLE_SETTINGS,
        `cannot merge matrices with different settings: ${JSON.stringify(this.settings)} vs ${JSON.stringify(other.settings)}`,
        { context: { settings: this.settings, otherSettings: other.settings } },
      );
    }
    for (const id of other.#sampleIds) {
      if (this.#sampleIds.has(id)) {
        throw new SegmetricsError(ErrorCode.DUPLICATE_SAMPLE, `sample "${id}" is counted in both matrices`, {
          context: { sampleId: id },
        });
      }
    }
    const counts = this.#counts;
    other.#counts.forEach((v, i) => {
      counts[i]! += v;
    });
    other.#predictedIgnore.forEach((v, i) => {
      this.#predictedIgnore[i]! += v;
    });
    this.#ignoredPixels += other.#ignoredPixels;
    this.#images += other.#images;
    for (const id of other.#sampleIds) this.#sampleIds.add(id);
    for (const stats of other.#imageStats) this.#imageStats.push(stats);
    return this;
  }

  /** Clears every count, keeping the settings. */
  reset(): this {
    this.#counts.fill(0);
    this.#predictedIgnore.fill(0);
    this.#ignoredPixels = 0;
    this.#images = 0;
    this.#sampleIds.clear();
    this.#imageStats = [];
    return this;
  }

  /** An independent copy. */
  clone(): ConfusionMatrix {
    const copy = new ConfusionMatrix(this.#options());
    copy.merge(this);
    return copy;
  }

  #options(): ConfusionMatrixOptions {
    const { numClasses, ignoreIndex, labelMapping, perImage } = this.settings;
    return {
      numClasses,
      ignoreIndex,
      perImage,
      ...(labelMapping === null
        ? {}
        : {
            labelMapping: {
              table: Object.fromEntries(labelMapping.table),
              reduceZeroLabel: labelMapping.reduceZeroLabel,
              applyTo: labelMapping.applyTo,
            },
          }),
    };
  }
}

function describeSample(sampleId: string | undefined): string {
  return sampleId === undefined ? '' : ` in sample "${sampleId}"`;
}
