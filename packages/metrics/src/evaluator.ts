import {
  ConfusionMatrix,
  type ConfusionMatrixJSON,
  type ConfusionMatrixOptions,
  ErrorCode,
  type LabelArray,
  SegmetricsError,
  type UpdateOptions,
} from '@segmetrics/core';
import { type EvaluationReport, evaluate } from './evaluate.js';
import { resolveOptions } from './internal/resolve-options.js';
import type { EvaluateOptions } from './settings.js';

/** Options of an {@link Evaluator}: the matrix's settings plus the evaluation options. */
export interface EvaluatorOptions extends Omit<ConfusionMatrixOptions, 'perImage'>, EvaluateOptions {
  /**
   * Keep per-image statistics. Default: `true` when the aggregation (or preset) is imagewise or
   * `confidence` is set, else `false`. `false` with imagewise aggregation throws PER_IMAGE_DISABLED.
   */
  perImage?: boolean;
}

/** The serialised state of an {@link Evaluator}. */
export interface EvaluatorJSON {
  readonly kind: 'segmetrics.evaluator';
  readonly schemaVersion: 1;
  /** The evaluation options (not the matrix settings, which live in `matrix`). */
  readonly options: EvaluateOptions;
  readonly matrix: ConfusionMatrixJSON;
}

const EVALUATE_KEYS = [
  'preset',
  'aggregate',
  'imageReduce',
  'average',
  'absent',
  'predictedOnly',
  'presetOptions',
  'excludeClasses',
  'classNames',
  'beta',
  'tverskyAlpha',
  'tverskyBeta',
  'topConfusedPairs',
  'confidence',
] as const satisfies readonly (keyof EvaluateOptions)[];

function pickEvaluateOptions(options: EvaluateOptions): EvaluateOptions {
  const out: Record<string, unknown> = {};
  for (const key of EVALUATE_KEYS) {
    const value = options[key];
    if (value === undefined) continue;
    out[key] = key === 'absent' && typeof value === 'number' && Number.isNaN(value) ? 'nan' : value;
  }
  return out as EvaluateOptions;
}

/** What {@link Evaluator.fromMatrix} hands to the constructor (module-private: cannot be forged). */
class Adoption {
  constructor(
    readonly matrix: ConfusionMatrix,
    readonly options: EvaluateOptions,
  ) {}
}

function invalidState(message: string, path: string, cause?: unknown): never {
  throw new SegmetricsError(ErrorCode.INVALID_STATE, message, { context: { path }, cause });
}

/**
 * A stateful evaluator in the style of torchmetrics: `update` with each (prediction, ground truth)
 * pair, `compute` the report, `reset`, `merge` evaluators counted elsewhere (workers, shards), and
 * serialise with `toJSON` / `Evaluator.fromJSON`. It wraps one {@link ConfusionMatrix}; `compute()`
 * is exactly `evaluate(matrix, options)`, so results are bit-identical to the pure functions and do
 * not depend on the order in which images were counted or merged.
 *
 * Options are validated at construction (INVALID_OPTION, UNKNOWN_PRESET, PER_IMAGE_DISABLED). A failed
 * `update` (shape mismatch, label out of range, duplicate sample id) leaves the counts unchanged.
 *
 * @example
 * const evaluator = new Evaluator({ numClasses: 19, ignoreIndex: 255 });
 * for (const { pred, gt, id } of pairs) evaluator.update(pred, gt, { sampleId: id });
 * evaluator.compute().summary.mIoU;
 */
export class Evaluator {
  readonly #options: EvaluateOptions;
  readonly #matrix: ConfusionMatrix;

  constructor(options: EvaluatorOptions);
  constructor(options: EvaluatorOptions | Adoption) {
    if (options instanceof Adoption) {
      this.#matrix = options.matrix;
      this.#options = options.options;
      return;
    }
    if (typeof options !== 'object' || options === null) {
      throw new SegmetricsError(ErrorCode.INVALID_OPTION, 'Evaluator options must be an object', {
        context: { option: 'options', value: options },
      });
    }
    const evaluateOptions = pickEvaluateOptions(options);
    const matrixOptions = {
      numClasses: options.numClasses,
      ...(options.ignoreIndex === undefined ? {} : { ignoreIndex: options.ignoreIndex }),
      ...(options.labelMapping === undefined ? {} : { labelMapping: options.labelMapping }),
    };
    let perImage = options.perImage;
    if (perImage === undefined) {
      // Keep per-image statistics when the resolved aggregation (preset parameters included) is imagewise.
      const probe = new ConfusionMatrix({ ...matrixOptions, perImage: false });
      // Image aggregation and bootstrap intervals need per-image statistics.
      perImage =
        resolveOptions(probe.settings, evaluateOptions).settings.aggregate === 'image' ||
        options.confidence !== undefined;
    }
    const matrix = new ConfusionMatrix({ ...matrixOptions, perImage });
    Evaluator.#check(matrix, evaluateOptions);
    this.#options = evaluateOptions;
    this.#matrix = matrix;
  }

  static #check(matrix: ConfusionMatrix, options: EvaluateOptions): void {
    const { settings } = resolveOptions(matrix.settings, options);
    if (settings.aggregate === 'image' && !matrix.settings.perImage) {
      throw new SegmetricsError(
        ErrorCode.PER_IMAGE_DISABLED,
        "aggregate: 'image' needs per-image statistics: do not set perImage: false",
        { context: { option: 'perImage', value: false } },
      );
    }
  }

  /** An evaluator over an existing matrix (which it takes over: later updates go to that matrix). */
  static fromMatrix(matrix: ConfusionMatrix, options: EvaluateOptions = {}): Evaluator {
    const evaluateOptions = pickEvaluateOptions(options);
    Evaluator.#check(matrix, evaluateOptions);
    return new Evaluator(new Adoption(matrix, evaluateOptions) as unknown as EvaluatorOptions);
  }

  /** The wrapped matrix (live: do not update it behind the evaluator's back). */
  get matrix(): ConfusionMatrix {
    return this.#matrix;
  }

  /** The evaluation options `compute()` uses. */
  get options(): EvaluateOptions {
    return { ...this.#options };
  }

  /** Counts one image (see {@link ConfusionMatrix.update}). */
  update(prediction: LabelArray, groundTruth: LabelArray, options: UpdateOptions = {}): this {
    this.#matrix.update(prediction, groundTruth, options);
    return this;
  }

  /** The report for everything counted so far; `overrides` change evaluation options for this call only. */
  compute(overrides: EvaluateOptions = {}): EvaluationReport {
    return evaluate(this.#matrix, { ...this.#options, ...pickEvaluateOptions(overrides) });
  }

  /** Clears every count, keeping the settings and options. */
  reset(): this {
    this.#matrix.reset();
    return this;
  }

  /**
   * Adds the counts of another evaluator or matrix (same matrix settings, no shared sample id;
   * otherwise INCOMPATIBLE_SETTINGS / DUPLICATE_SAMPLE and nothing changes). Keeps this evaluator's
   * evaluation options.
   */
  merge(other: Evaluator | ConfusionMatrix): this {
    this.#matrix.merge(other instanceof Evaluator ? other.#matrix : other);
    return this;
  }

  /** An independent copy. */
  clone(): Evaluator {
    return Evaluator.fromMatrix(this.#matrix.clone(), this.#options);
  }

  /** The state as plain JSON: evaluation options and the matrix's checksummed state. */
  toJSON(): EvaluatorJSON {
    return {
      kind: 'segmetrics.evaluator',
      schemaVersion: 1,
      options: { ...this.#options },
      matrix: this.#matrix.toJSON(),
    };
  }

  /**
   * Loads a state written by {@link Evaluator.toJSON} (the parsed object). Throws INVALID_STATE for a
   * malformed state (including one whose matrix fails core's validation or checksum) and the option
   * errors of the constructor for invalid options.
   */
  static fromJSON(value: unknown): Evaluator {
    if (typeof value !== 'object' || value === null) invalidState('evaluator state must be an object', '$');
    const state = value as Partial<EvaluatorJSON>;
    if (state.kind !== 'segmetrics.evaluator') {
      invalidState(`not an evaluator state (kind ${JSON.stringify(state.kind)})`, '$.kind');
    }
    if (state.schemaVersion !== 1) {
      invalidState(
        `unsupported evaluator schemaVersion ${JSON.stringify(state.schemaVersion)}`,
        '$.schemaVersion',
      );
    }
    if (typeof state.options !== 'object' || state.options === null) {
      invalidState('evaluator state has no options object', '$.options');
    }
    const matrix = ConfusionMatrix.fromJSON(state.matrix);
    return Evaluator.fromMatrix(matrix, state.options);
  }
}
