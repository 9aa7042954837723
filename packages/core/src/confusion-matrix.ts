import { compareSampleIds } from './compare-sample-ids.js';
import { ErrorCode, SegmetricsError } from './errors/segmetrics-error.js';
import { checkTransfer } from './internal/check-transfer.js';
import { BoundaryCounter, type BoundaryInteriors } from './internal/count-boundary.js';
import { ImageCounter, type PairCounts } from './internal/count-image.js';
import { countInstances } from './internal/count-instances.js';
import {
  boundaryCountsToJSON,
  byValueToJSON,
  ignoredGroundTruthToJSON,
  imageStatsToJSON,
  parseState,
  type StateBody,
  settingsToJSON,
  stateChecksum,
} from './internal/state-json.js';
import { normalizeSettings, settingsEqual } from './normalize-settings.js';
import {
  type BoundaryCounts,
  CONFUSION_MATRIX_KIND,
  CONFUSION_MATRIX_SCHEMA_VERSION,
  CONFUSION_MATRIX_TRANSFER_KIND,
  type ConfusionMatrixJSON,
  type ConfusionMatrixOptions,
  type ConfusionMatrixSettings,
  type ConfusionMatrixTransfer,
  type ImageStats,
  type InstanceStats,
  type LabelArray,
  type UpdateOptions,
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
  /** The normalised settings (frozen); equal settings ⇔ mergeable matrices. */
  readonly settings: ConfusionMatrixSettings;
  #counts: Float64Array;
  #predictedIgnore: Float64Array;
  /** Sorted by raw value (kept in that order as values are added); `null` unless the split is on. */
  readonly #ignoredByValue: Map<number, Float64Array> | null;
  /** Sorted by raw ground-truth value, each row by raw prediction value; `null` unless that split is on. */
  readonly #ignoredGroundTruth: PairCounts | null;
  #ignoredPixels = 0;
  #images = 0;
  #revision = 0;
  /** Every pixel counted (ignored or not): the bound of every count, kept ≤ 2^53 − 1. */
  #pixels = 0;
  #sampleIds = new Set<string>();
  #imageStats: ImageStats[] = [];
  #imageStatsSorted = true;
  /** Memory the next images' per-image counts are cut from (see {@link ConfusionMatrix.#imageCounts}). */
  #countsBlock: Float64Array = new Float64Array(0);
  #countsBlockUsed = 0;
  readonly #counter: ImageCounter;
  /** Dataset Boundary IoU counts; `null` unless boundary counting is on. */
  readonly #boundaryCounts: BoundaryCounts | null;
  readonly #boundaryCounter: BoundaryCounter | null;

  constructor(options: ConfusionMatrixOptions) {
    this.settings = deepFreeze(normalizeSettings(options));
    const c = this.settings.numClasses;
    this.#counts = new Float64Array(c * c);
    this.#predictedIgnore = new Float64Array(c);
    this.#ignoredByValue = this.settings.splitPredictedIgnore ? new Map() : null;
    this.#ignoredGroundTruth = this.settings.splitIgnoredGroundTruth ? new Map() : null;
    this.#counter = new ImageCounter(this.settings);
    const boundary = this.settings.boundary !== null;
    this.#boundaryCounts = boundary ? zeroCounts(c) : null;
    this.#boundaryCounter = boundary ? new BoundaryCounter(this.settings) : null;
  }

  /** Number of classes C (valid labels are 0 … C − 1). */
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

  /**
   * With `splitPredictedIgnore: true`: the pixels of {@link ConfusionMatrix.predictedIgnore} split by
   * RAW prediction value (before label mapping) — raw value → `Float64Array(C)` per ground-truth class,
   * iterated in ascending raw value; per class the rows sum to `predictedIgnore`. Only values that
   * occurred are keys (empty map: nothing predicted as ignored). `null` when the split is off. A live
   * view: do not modify.
   */
  get predictedIgnoreByValue(): ReadonlyMap<number, Float64Array> | null {
    return this.#ignoredByValue;
  }

  /**
   * With `boundary` set: the dataset's Boundary IoU counts per class — `tp` = |Gb ∩ Pb|, `support` =
   * |Gb|, `predicted` = |Pb| summed over the images, ignored ground truth left out (Boundary IoU of class
   * k = tp[k] / (support[k] + predicted[k] − tp[k]); a union of 0 is an absent class). `null` when
   * boundary counting is off. A live view: do not modify.
   */
  get boundaryCounts(): BoundaryCounts | null {
    return this.#boundaryCounts;
  }

  /**
   * With `splitIgnoredGroundTruth: true`: the {@link ConfusionMatrix.ignoredPixels} kept as a joint
   * histogram of RAW values (before label mapping) — raw ground-truth value → raw prediction value →
   * pixels — both levels iterated in ascending value, every count ≥ 1, all counts summing to
   * `ignoredPixels` (empty map: no ignored ground truth yet). These are the rows of the ignored labels
   * in a confusion matrix over raw values (e.g. cityscapesScripts' 34×34 labelId matrix, whose void rows
   * count every prediction). `null` when the split is off. A live view: do not modify.
   */
  get ignoredGroundTruthByValue(): ReadonlyMap<number, ReadonlyMap<number, number>> | null {
    return this.#ignoredGroundTruth;
  }

  /** Pixels whose ground truth is an ignore label (not counted anywhere else). */
  get ignoredPixels(): number {
    return this.#ignoredPixels;
  }

  /**
   * A number that changes whenever the counts may have changed (each `update`, `merge` and `reset`,
   * including one that throws): what is derived from the matrix can be kept while it stays the same.
   * It says nothing about the counts themselves (two matrices with equal counts may differ).
   */
  get revision(): number {
    return this.#revision;
  }

  /** Number of updates (images) counted. */
  get images(): number {
    return this.#images;
  }

  /** Sample ids counted so far, in update order. */
  get sampleIds(): readonly string[] {
    return [...this.#sampleIds];
  }

  /**
   * Per-image statistics (only when created with `perImage: true`; otherwise throws
   * PER_IMAGE_DISABLED). Canonical order, independent of update and merge order: images with a sample
   * id sorted by id (UTF-16 code-unit order, like `Array.prototype.sort()`), then images without an id
   * in the order they were counted. Memory: 3 × numClasses float64 per image.
   */
  get imageStats(): readonly ImageStats[] {
    if (!this.settings.perImage) {
      throw new SegmetricsError(
        ErrorCode.PER_IMAGE_DISABLED,
        'per-image statistics were not enabled (perImage: true)',
      );
    }
    if (!this.#imageStatsSorted) {
      this.#imageStats.sort((a, b) => compareSampleIds(a.sampleId, b.sampleId));
      this.#imageStatsSorted = true;
    }
    return this.#imageStats;
  }

  /** Count at (ground truth `row`, prediction `col`). */
  get(row: number, col: number): number {
    const c = this.settings.numClasses;
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= c || col >= c) {
      return Number.NaN;
    }
    return this.#counts[row * c + col]!;
  }

  /**
   * Counts one image. Atomic: when it throws (shape mismatch, label out of range, non-integer label,
   * duplicate sample id, missing or malformed instance map, counts beyond 2^53) the matrix is exactly as
   * before.
   */
  update(prediction: LabelArray, groundTruth: LabelArray, options: UpdateOptions = {}): this {
    this.#revision++;
    options ??= {};
    const { sampleId } = options;
    checkLabelArray('prediction', prediction, sampleId);
    checkLabelArray('groundTruth', groundTruth, sampleId);
    const n = groundTruth.length;
    if (prediction.length !== n) {
      throw new SegmetricsError(
        ErrorCode.SHAPE_MISMATCH,
        `prediction has ${prediction.length} pixels but ground truth has ${n}${describeSample(sampleId)}`,
        { context: { predictionLength: prediction.length, groundTruthLength: n, sampleId } },
      );
    }
    const { width, height } = options;
    if (width !== undefined || height !== undefined) {
      const bad = (v: number | undefined) => v !== undefined && (!Number.isSafeInteger(v) || v < 0);
      const mismatch =
        bad(width) ||
        bad(height) ||
        (width !== undefined && height !== undefined && width * height !== n) ||
        (width !== undefined && height === undefined && (width === 0 ? n !== 0 : n % width !== 0)) ||
        (height !== undefined && width === undefined && (height === 0 ? n !== 0 : n % height !== 0));
      if (mismatch) {
        throw new SegmetricsError(
          ErrorCode.SHAPE_MISMATCH,
          `image size ${String(width)}×${String(height)} does not match ${n} pixels${describeSample(sampleId)}`,
          { context: { width, height, length: n, sampleId } },
        );
      }
    }
    if (this.#boundaryCounter !== null && (width === undefined || height === undefined)) {
      const option = width === undefined ? 'width' : 'height';
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `the matrix counts Boundary IoU, which depends on the image size: every update needs width and height (${option} is missing)${describeSample(sampleId)}`,
        { context: { option, sampleId } },
      );
    }
    if (sampleId !== undefined && typeof sampleId !== 'string') {
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `sampleId must be a string, got ${String(sampleId)}`,
        {
          context: { option: 'sampleId', value: sampleId },
        },
      );
    }
    if (sampleId !== undefined && this.#sampleIds.has(sampleId)) {
      throw new SegmetricsError(ErrorCode.DUPLICATE_SAMPLE, `sample "${sampleId}" was already counted`, {
        context: { sampleId },
      });
    }
    const instanceMap = this.#checkInstanceMap(options.instances, n, sampleId);
    if (!Number.isSafeInteger(this.#pixels + n) || !Number.isSafeInteger(this.#images + 1)) {
      throw new SegmetricsError(
        ErrorCode.COUNT_OVERFLOW,
        `counting ${n} more pixels would take the matrix beyond 2^53 − 1 pixels (${this.#pixels} counted), where float64 counts stop being exact${describeSample(sampleId)}`,
        { context: { pixels: this.#pixels, adding: n, images: this.#images, sampleId } },
      );
    }
    const { acc, rows, ignoredByValue, ignoredGroundTruth } = this.#counter.count(
      prediction,
      groundTruth,
      options,
    );
    // after the counting pass: every label is known to be valid (or its ground truth ignored)
    const interiors =
      this.#boundaryCounter === null
        ? null
        : this.#boundaryCounter.interiors(prediction, groundTruth, width!, height!);
    const instances =
      instanceMap === null
        ? undefined
        : countInstances(
            this.settings,
            instanceMap,
            prediction,
            this.settings.instances!.minInstanceId,
            options,
          );
    this.#commit(acc, rows, ignoredByValue, instances, interiors, sampleId, n);
    if (ignoredGroundTruth !== null) this.#addIgnoredGroundTruth(ignoredGroundTruth);
    return this;
  }

  /** The instance map of an update, checked against the settings and the image; `null` when off. */
  #checkInstanceMap(value: unknown, n: number, sampleId: string | undefined): LabelArray | null {
    if (this.settings.instances === null) {
      if (value !== undefined) {
        throw new SegmetricsError(
          ErrorCode.INVALID_OPTION,
          `an instance map was given but the matrix does not count instances (create it with instances: { minInstanceId })${describeSample(sampleId)}`,
          { context: { option: 'instances', sampleId } },
        );
      }
      return null;
    }
    if (value === undefined) {
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `the matrix counts instances: every update needs an instance-id map (update(pred, gt, { instances }))${describeSample(sampleId)}`,
        { context: { option: 'instances', sampleId } },
      );
    }
    checkLabelArray('instances', value, sampleId);
    const map = value as LabelArray;
    if (map.length !== n) {
      throw new SegmetricsError(
        ErrorCode.SHAPE_MISMATCH,
        `instance map has ${map.length} pixels but ground truth has ${n}${describeSample(sampleId)}`,
        { context: { instancesLength: map.length, groundTruthLength: n, sampleId } },
      );
    }
    return map;
  }

  /**
   * `c` zeros for an image's per-image counts: a view into a block shared by the next images (≈ 16 KiB),
   * not an array of its own. A typed array of more than 64 bytes has its memory outside V8's heap, and
   * three of them per image cost more than counting the image's classes into them.
   */
  #imageCounts(c: number): Float64Array {
    if (this.#countsBlockUsed + c > this.#countsBlock.length) {
      this.#countsBlock = new Float64Array(Math.max(c, Math.floor(2048 / c) * c));
      this.#countsBlockUsed = 0;
    }
    const view = this.#countsBlock.subarray(this.#countsBlockUsed, this.#countsBlockUsed + c);
    this.#countsBlockUsed += c;
    return view;
  }

  #commit(
    acc: Float64Array,
    rows: Uint8Array | null,
    ignoredByValue: Map<number, Float64Array> | null,
    instances: InstanceStats[] | undefined,
    interiors: BoundaryInteriors | null,
    sampleId: string | undefined,
    pixels: number,
  ): void {
    const c = this.settings.numClasses;
    const stride = this.#counter.stride;
    const counts = this.#counts;
    const predIgnore = this.#predictedIgnore;
    const perImage = this.settings.perImage;
    const totals = perImage || this.#boundaryCounts !== null;
    const tp = totals ? this.#imageCounts(c) : null;
    const support = totals ? this.#imageCounts(c) : null;
    const predicted = totals ? this.#imageCounts(c) : null;
    for (let g = 0; g < c; g++) {
      // A row known to be all zeros adds nothing (and leaves tp and support at 0).
      if (rows !== null && rows[g] === 0) continue;
      let rowSum = 0;
      for (let p = 0; p < c; p++) {
        const v = acc[g * stride + p]!;
        if (v === 0) continue;
        counts[g * c + p]! += v;
        rowSum += v;
        if (predicted !== null) predicted[p]! += v;
      }
      const pi = acc[g * stride + c]!;
      predIgnore[g]! += pi;
      if (tp !== null && support !== null) {
        tp[g] = acc[g * stride + g]!;
        support[g] = rowSum + pi;
      }
    }
    let ignored = 0;
    if (rows === null || rows[c] !== 0) for (let p = 0; p < stride; p++) ignored += acc[c * stride + p]!;
    this.#ignoredPixels += ignored;
    this.#images++;
    this.#pixels += pixels;
    if (ignoredByValue !== null) this.#addIgnoredByValue(ignoredByValue);
    if (sampleId !== undefined) this.#sampleIds.add(sampleId);
    if (tp === null || support === null || predicted === null) return;
    let boundary: BoundaryCounts | undefined;
    if (this.#boundaryCounts !== null) {
      // the boundary is the mask minus its interior (all of it when the image has no interior)
      boundary = {
        tp: interiors === null ? tp.slice() : tp.map((v, k) => v - interiors.tp[k]!),
        support: interiors === null ? support.slice() : support.map((v, k) => v - interiors.support[k]!),
        predicted:
          interiors === null ? predicted.slice() : predicted.map((v, k) => v - interiors.predicted[k]!),
      };
      addCounts(this.#boundaryCounts, boundary);
    }
    if (perImage) {
      this.#imageStats.push(
        withExtras({ sampleId: sampleId ?? null, tp, support, predicted, ignored }, instances, boundary),
      );
      this.#imageStatsSorted = false;
    }
  }

  /** Adds per-value predicted-as-ignore counts, keeping the map in ascending value order. */
  #addIgnoredByValue(source: ReadonlyMap<number, Float64Array>): void {
    const target = this.#ignoredByValue!;
    let added = false;
    for (const [value, row] of source) {
      let own = target.get(value);
      if (own === undefined) {
        own = new Float64Array(row.length);
        target.set(value, own);
        added = true;
      }
      for (let g = 0; g < row.length; g++) own[g]! += row[g]!;
    }
    if (added) {
      const entries = [...target.entries()].sort((a, b) => a[0] - b[0]);
      target.clear();
      for (const [value, row] of entries) target.set(value, row);
    }
  }

  /** Adds (raw ground truth, raw prediction) counts, keeping both levels in ascending value order. */
  #addIgnoredGroundTruth(source: ReadonlyMap<number, ReadonlyMap<number, number>>): void {
    const target = this.#ignoredGroundTruth!;
    let addedRow = false;
    for (const [gt, row] of source) {
      let own = target.get(gt);
      if (own === undefined) {
        own = new Map();
        target.set(gt, own);
        addedRow = true;
      }
      let added = false;
      for (const [pred, pixels] of row) {
        const before = own.get(pred);
        if (before === undefined) added = true;
        own.set(pred, (before ?? 0) + pixels);
      }
      if (added) sortMap(own);
    }
    if (addedRow) sortMap(target);
  }

  /**
   * Adds another matrix's counts (and per-image statistics, copied). Refuses, changing nothing, a matrix
   * with different settings (INCOMPATIBLE_SETTINGS naming the setting), one that counted a sample id this
   * one already has (DUPLICATE_SAMPLE), and a sum beyond 2^53 − 1 pixels (COUNT_OVERFLOW: every count is
   * at most the pixel total, so the result stays exact and loadable).
   */
  merge(other: ConfusionMatrix): this {
    this.#revision++;
    if (!ConfusionMatrix.#isMatrix(other)) {
      throw new SegmetricsError(ErrorCode.INVALID_OPTION, 'merge expects a ConfusionMatrix', {
        context: { value: other },
      });
    }
    if (!settingsEqual(this.settings, other.settings)) {
      const setting = differingSetting(this.settings, other.settings);
      throw new SegmetricsError(
        ErrorCode.INCOMPATIBLE_SETTINGS,
        `cannot merge matrices with different settings: ${setting} differs (${JSON.stringify(this.settings[setting])} vs ${JSON.stringify(other.settings[setting])})`,
        { context: { setting, settings: this.settings, otherSettings: other.settings } },
      );
    }
    for (const id of other.#sampleIds) {
      if (this.#sampleIds.has(id)) {
        throw new SegmetricsError(ErrorCode.DUPLICATE_SAMPLE, `sample "${id}" is counted in both matrices`, {
          context: { sampleId: id },
        });
      }
    }
    if (
      !Number.isSafeInteger(this.#pixels + other.#pixels) ||
      !Number.isSafeInteger(this.#images + other.#images)
    ) {
      throw new SegmetricsError(
        ErrorCode.COUNT_OVERFLOW,
        `merging would count ${this.#pixels} + ${other.#pixels} pixels, beyond 2^53 − 1, where float64 counts stop being exact`,
        {
          context: {
            pixels: this.#pixels,
            otherPixels: other.#pixels,
            images: this.#images,
            otherImages: other.#images,
          },
        },
      );
    }
    // Indexed loops, not forEach: a callback receives each float64 boxed (a heap number per cell).
    const counts = this.#counts;
    const otherCounts = other.#counts;
    for (let i = 0; i < counts.length; i++) counts[i]! += otherCounts[i]!;
    const predictedIgnore = this.#predictedIgnore;
    const otherPredictedIgnore = other.#predictedIgnore;
    for (let i = 0; i < predictedIgnore.length; i++) predictedIgnore[i]! += otherPredictedIgnore[i]!;
    if (other.#ignoredByValue !== null) {
      // a snapshot: merging a matrix into itself must not see its own additions
      this.#addIgnoredByValue(new Map([...other.#ignoredByValue].map(([v, row]) => [v, row.slice()])));
    }
    if (this.#boundaryCounts !== null && other.#boundaryCounts !== null) {
      // a snapshot: merging a matrix into itself must not see its own additions
      addCounts(this.#boundaryCounts, copyCounts(other.#boundaryCounts));
    }
    if (other.#ignoredGroundTruth !== null) {
      this.#addIgnoredGroundTruth(
        new Map([...other.#ignoredGroundTruth].map(([v, row]) => [v, new Map(row)])),
      );
    }
    this.#ignoredPixels += other.#ignoredPixels;
    this.#images += other.#images;
    this.#pixels += other.#pixels;
    for (const id of other.#sampleIds) this.#sampleIds.add(id);
    // A snapshot (merging a matrix into itself must not see its own additions), in one allocation.
    for (const stats of copyStatsList(other.#imageStats)) this.#imageStats.push(stats);
    this.#imageStatsSorted = false;
    return this;
  }

  /** Clears every count, keeping the settings. */
  reset(): this {
    this.#revision++;
    this.#counts.fill(0);
    this.#predictedIgnore.fill(0);
    this.#ignoredByValue?.clear();
    if (this.#boundaryCounts !== null) {
      this.#boundaryCounts.tp.fill(0);
      this.#boundaryCounts.support.fill(0);
      this.#boundaryCounts.predicted.fill(0);
    }
    this.#ignoredGroundTruth?.clear();
    this.#ignoredPixels = 0;
    this.#images = 0;
    this.#pixels = 0;
    this.#sampleIds.clear();
    this.#imageStats = [];
    this.#imageStatsSorted = true;
    return this;
  }

  /** An independent copy. */
  clone(): ConfusionMatrix {
    const copy = new ConfusionMatrix(this.#options());
    copy.merge(this);
    return copy;
  }

  /**
   * The state as plain JSON (also used by `JSON.stringify`), schema version 2: `kind` tag, normalised
   * settings, counts as C rows, `predictedIgnore`, `predictedIgnoreByValue` (or `null`), `ignoredPixels`,
   * `ignoredGroundTruthByValue` (only when that split is on, like `settings.splitIgnoredGroundTruth`, so
   * a state without it reads as before), `images`, `sampleIds` (update order), per-image statistics in canonical order (or `null`) and a
   * checksum over all of it. Cheap enough to ship a worker's matrix to the main thread (`fromJSON` +
   * `merge` there).
   */
  toJSON(): ConfusionMatrixJSON {
    const c = this.settings.numClasses;
    const rows: number[][] = [];
    for (let g = 0; g < c; g++) rows.push(Array.from(this.#counts.subarray(g * c, g * c + c)));
    const body: StateBody = {
      schemaVersion: CONFUSION_MATRIX_SCHEMA_VERSION,
      kind: CONFUSION_MATRIX_KIND,
      settings: settingsToJSON(this.settings),
      counts: rows,
      predictedIgnore: Array.from(this.#predictedIgnore),
      predictedIgnoreByValue: byValueToJSON(this.#ignoredByValue),
      boundaryCounts: this.#boundaryCounts === null ? null : boundaryCountsToJSON(this.#boundaryCounts),
      ignoredPixels: this.#ignoredPixels,
      ...(this.#ignoredGroundTruth === null
        ? {}
        : { ignoredGroundTruthByValue: ignoredGroundTruthToJSON(this.#ignoredGroundTruth) }),
      images: this.#images,
      sampleIds: [...this.#sampleIds],
      imageStats: this.settings.perImage ? this.imageStats.map(imageStatsToJSON) : null,
    };
    return { ...body, checksum: stateChecksum(body) };
  }

  /**
   * Loads a state written by {@link ConfusionMatrix.toJSON} (the parsed object, not the text): schema
   * version 2, or version 1 (written by @segmetrics/core 0.1; upgraded: no instance statistics, no split,
   * `unmapped: 'pass'`). Validates everything — types, lengths, no unknown fields (version 2),
   * non-negative safe-integer counts, normalised settings, unique sample ids, per-image statistics and
   * per-value counts that sum exactly to the totals, sorted instance histograms, totals below 2^53, and
   * the checksum — and throws SegmetricsError INVALID_STATE (context.path names the offending field,
   * e.g. `imageStats[3].instances[2].predictions[0]`) on any problem. It never throws anything else.
   */
  static fromJSON(value: unknown): ConfusionMatrix {
    const state = parseState(value);
    const matrix = new ConfusionMatrix(ConfusionMatrix.#optionsOf(state.settings));
    matrix.#counts.set(state.counts);
    matrix.#predictedIgnore.set(state.predictedIgnore);
    if (state.predictedIgnoreByValue !== null) matrix.#addIgnoredByValue(state.predictedIgnoreByValue);
    if (matrix.#boundaryCounts !== null && state.boundaryCounts !== null) {
      addCounts(matrix.#boundaryCounts, state.boundaryCounts);
    }
    if (state.ignoredGroundTruthByValue !== null) {
      matrix.#addIgnoredGroundTruth(state.ignoredGroundTruthByValue);
    }
    matrix.#ignoredPixels = state.ignoredPixels;
    matrix.#images = state.images;
    matrix.#pixels = state.pixels;
    for (const id of state.sampleIds) matrix.#sampleIds.add(id);
    matrix.#imageStats = state.imageStats;
    matrix.#imageStatsSorted = false;
    return matrix;
  }

  /**
   * The whole state for another thread (`postMessage`): the counts and per-image statistics as copied
   * typed arrays and plain values, without the JSON text and checksum of {@link ConfusionMatrix.toJSON}
   * (which cost more than counting a chunk of small images at 150 classes). Read it back with
   * {@link ConfusionMatrix.fromTransfer}. Not a file format: save states with `toJSON`.
   */
  toTransfer(): ConfusionMatrixTransfer {
    return {
      kind: CONFUSION_MATRIX_TRANSFER_KIND,
      options: this.#options(),
      counts: this.#counts.slice(),
      predictedIgnore: this.#predictedIgnore.slice(),
      predictedIgnoreByValue:
        this.#ignoredByValue === null
          ? null
          : [...this.#ignoredByValue].map(([v, row]) => [v, row.slice()] as const),
      boundaryCounts: this.#boundaryCounts === null ? null : copyCounts(this.#boundaryCounts),
      ignoredGroundTruthByValue:
        this.#ignoredGroundTruth === null
          ? null
          : [...this.#ignoredGroundTruth].map(([gt, row]) => [gt, [...row]] as const),
      ignoredPixels: this.#ignoredPixels,
      images: this.#images,
      pixels: this.#pixels,
      sampleIds: [...this.#sampleIds],
      imageStats: copyStatsList(this.#imageStats),
    };
  }

  /**
   * The matrix of a {@link ConfusionMatrixTransfer} made by `toTransfer` (usually in another thread,
   * received through `postMessage`): the same state, its arrays copied. Checks the shape (INVALID_STATE
   * naming the field: kind, lengths, non-negative safe integers, parts present exactly when their settings
   * are on, unique sample ids) and the options (as the constructor does), not that the parts sum to each
   * other as `fromJSON` does for files.
   */
  static fromTransfer(value: ConfusionMatrixTransfer): ConfusionMatrix {
    if (typeof value !== 'object' || value === null) {
      throw new SegmetricsError(ErrorCode.INVALID_STATE, 'invalid confusion-matrix transfer: not an object', {
        context: { path: '' },
      });
    }
    const matrix = new ConfusionMatrix(value.options);
    checkTransfer(value, matrix.settings);
    matrix.#counts.set(value.counts);
    matrix.#predictedIgnore.set(value.predictedIgnore);
    if (value.predictedIgnoreByValue !== null) {
      matrix.#addIgnoredByValue(new Map(value.predictedIgnoreByValue.map(([v, row]) => [v, row.slice()])));
    }
    if (matrix.#boundaryCounts !== null && value.boundaryCounts !== null) {
      addCounts(matrix.#boundaryCounts, value.boundaryCounts);
    }
    if (value.ignoredGroundTruthByValue !== null) {
      matrix.#addIgnoredGroundTruth(
        new Map(value.ignoredGroundTruthByValue.map(([gt, row]) => [gt, new Map(row)])),
      );
    }
    matrix.#ignoredPixels = value.ignoredPixels;
    matrix.#images = value.images;
    matrix.#pixels = value.pixels;
    for (const id of value.sampleIds) matrix.#sampleIds.add(id);
    matrix.#imageStats = copyStatsList(value.imageStats);
    matrix.#imageStatsSorted = false;
    return matrix;
  }

  static #isMatrix(value: unknown): value is ConfusionMatrix {
    return typeof value === 'object' && value !== null && #counts in value;
  }

  #options(): ConfusionMatrixOptions {
    return ConfusionMatrix.#optionsOf(this.settings);
  }

  static #optionsOf(settings: ConfusionMatrixSettings): ConfusionMatrixOptions {
    const { numClasses, ignoreIndex, labelMapping, perImage, instances, splitPredictedIgnore, boundary } =
      settings;
    return {
      numClasses,
      ignoreIndex,
      perImage,
      instances,
      splitPredictedIgnore,
      boundary,
      splitIgnoredGroundTruth: settings.splitIgnoredGroundTruth,
      ...(labelMapping === null
        ? {}
        : {
            labelMapping: {
              table: Object.fromEntries(labelMapping.table),
              reduceZeroLabel: labelMapping.reduceZeroLabel,
              applyTo: labelMapping.applyTo,
              unmapped: labelMapping.unmapped,
            },
          }),
    };
  }
}

/** Rejects values that are not an integer-valued TypedArray or an array (DataView, BigInt arrays, strings). */
function checkLabelArray(
  side: 'prediction' | 'groundTruth' | 'instances',
  value: unknown,
  sampleId: unknown,
): void {
  const ok =
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) &&
      !(value instanceof DataView) &&
      !(value instanceof BigInt64Array) &&
      !(value instanceof BigUint64Array));
  if (!ok) {
    const what = value === null ? 'null' : ArrayBuffer.isView(value) ? value.constructor.name : typeof value;
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `${side} must be a TypedArray (Uint8, Uint16, Int32, ...) or an array of numbers, got ${what}`,
      { context: { side, sampleId } },
    );
  }
}

/** Re-inserts a map's entries in ascending key order. */
function sortMap<V>(map: Map<number, V>): void {
  const entries = [...map.entries()].sort((a, b) => a[0] - b[0]);
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** The first top-level setting in which two normalised settings differ (they differ somewhere). */
function differingSetting(
  a: ConfusionMatrixSettings,
  b: ConfusionMatrixSettings,
): keyof ConfusionMatrixSettings {
  const keys = Object.keys(a) as (keyof ConfusionMatrixSettings)[];
  return keys.find((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])) ?? keys[0]!;
}

/**
 * Copies of images' statistics whose count arrays are views into one allocation (three per image): a
 * worker's chunk of images is copied three times on its way into the main thread's matrix (`toTransfer`,
 * `fromTransfer`, `merge`), and three fresh small arrays per image and copy cost more than counting the
 * image's classes into them.
 */
function copyStatsList(list: readonly ImageStats[]): ImageStats[] {
  let length = 0;
  for (const stats of list) length += stats.tp.length + stats.support.length + stats.predicted.length;
  const block = new Float64Array(length);
  const out: ImageStats[] = new Array(list.length);
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    const stats = list[i]!;
    const c = stats.tp.length;
    const tp = block.subarray(at, at + c);
    tp.set(stats.tp);
    at += c;
    const support = block.subarray(at, at + stats.support.length);
    support.set(stats.support);
    at += stats.support.length;
    const predicted = block.subarray(at, at + stats.predicted.length);
    predicted.set(stats.predicted);
    at += stats.predicted.length;
    out[i] = copyStats(stats, tp, support, predicted);
  }
  return out;
}

/** A copy of `stats` with the given copies of its count arrays (and copies of its extras). */
function copyStats(
  stats: ImageStats,
  tp: Float64Array,
  support: Float64Array,
  predicted: Float64Array,
): ImageStats {
  const copy = { sampleId: stats.sampleId, tp, support, predicted, ignored: stats.ignored };
  const instances = stats.instances?.map((t) => ({
    id: t.id,
    pixels: t.pixels,
    predictions: t.predictions.map(([v, n]) => [v, n] as const),
  }));
  return withExtras(copy, instances, stats.boundary === undefined ? undefined : copyCounts(stats.boundary));
}

/**
 * An image's statistics with its instances and Boundary IoU counts when kept. `Object.assign` onto the
 * fresh object, not `{ ...stats, ...extras }`: in Node 20's V8 that spread gives every image's statistics a
 * hidden class of its own after a few dozen calls (allocated in old space, kept for the whole run).
 */
function withExtras(
  stats: ImageStats,
  instances: readonly InstanceStats[] | undefined,
  boundary: BoundaryCounts | undefined,
): ImageStats {
  if (instances !== undefined) Object.assign(stats, { instances });
  if (boundary !== undefined) Object.assign(stats, { boundary });
  return stats;
}

function zeroCounts(numClasses: number): BoundaryCounts {
  return {
    tp: new Float64Array(numClasses),
    support: new Float64Array(numClasses),
    predicted: new Float64Array(numClasses),
  };
}

function copyCounts(counts: BoundaryCounts): BoundaryCounts {
  return { tp: counts.tp.slice(), support: counts.support.slice(), predicted: counts.predicted.slice() };
}

/** `target += source`, class by class. */
function addCounts(target: BoundaryCounts, source: BoundaryCounts): void {
  for (let k = 0; k < target.tp.length; k++) {
    target.tp[k]! += source.tp[k]!;
    target.support[k]! += source.support[k]!;
    target.predicted[k]! += source.predicted[k]!;
  }
}

function describeSample(sampleId: string | undefined): string {
  return sampleId === undefined ? '' : ` in sample "${sampleId}"`;
}
