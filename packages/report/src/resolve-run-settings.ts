import {
  type ConfusionMatrixOptions,
  ErrorCode,
  type LabelMapping,
  MAX_DILATION_RATIO,
  SegmetricsError,
} from '@segmetrics/core';
import { type ColorPalette, getDatasetPreset } from '@segmetrics/io/presets';
import {
  type AbsentPolicy,
  type Aggregate,
  type Average,
  type ConfidenceOptions,
  getMetric,
  getPreset,
  type ImageReduce,
  type PredictedOnlyPolicy,
  type Preset,
  parsePresetOptions,
} from '@segmetrics/metrics';
import { defaultClassNames, type RunReportOptions, type RunSettings } from './run-settings.js';
import { invalidOption } from './settings-text/invalid-option.js';
import { resolveClassList } from './settings-text/resolve-class-list.js';

/** Boundary IoU's default dilation ratio: 0.02 of the image diagonal, the paper's default. */
export const DEFAULT_BOUNDARY_DILATION_RATIO = 0.02;

/**
 * The choices of a run, as typed values (a tool parses its own text fields and flags into these).
 * Every field may be left out: "not given", so the dataset preset's value (then the library default)
 * applies.
 */
export interface RunSettingsInput {
  /** Dataset preset name (`@segmetrics/io`'s `datasetPresets`): class count, names, ignore labels, mapping. */
  readonly dataset?: string | null;
  readonly numClasses?: number;
  /** One name per class (default: the dataset's, when it has as many classes, else `class_0`, ...). */
  readonly classNames?: readonly string[];
  /** Ground-truth labels not counted (sorted, unique). Empty or absent: the dataset's, else none. */
  readonly ignoreIndex?: readonly number[];
  /** mmsegmentation's reduce-zero-label (absent: the dataset's choice). */
  readonly reduceZeroLabel?: boolean;
  /** Raw label → class table (absent: the dataset's table, if any), on the maps `labelMappingApplyTo` says. */
  readonly labelMap?: NonNullable<LabelMapping['table']>;
  /**
   * The maps the label mapping (reduce-zero-label, the table, or the dataset's) applies to: `'both'`, or
   * `'gt'` for predictions that are already class ids (what mmsegmentation's `LoadAnnotations` does).
   * Absent: the dataset's choice, else both. Given without any mapping: an error.
   */
  readonly labelMappingApplyTo?: 'gt' | 'both';
  /** Colour → id table of RGB masks (absent: the dataset's mask palette, else its class colours). */
  readonly colorPalette?: ColorPalette;
  /** Label given to mask colours missing from the palette (absent: an error naming the colour). */
  readonly unknownColor?: number;
  readonly aggregate?: Aggregate;
  readonly imageReduce?: ImageReduce;
  readonly average?: Exclude<Average, 'none'>;
  readonly absent?: AbsentPolicy;
  /**
   * Classes left out of the means: ids, or texts that are ids in decimal digits or class names (matched
   * ignoring case; see {@link resolveClassList}).
   */
  readonly excludeClasses?: readonly (number | string)[];
  /** Metric ids (registry) the human-readable views show; checked here. */
  readonly metrics?: readonly string[];
  /** Compatibility preset name (`@segmetrics/metrics`' `presets`). */
  readonly preset?: string;
  /** The preset's parameters as `NAME=VALUE` texts, parsed by `parsePresetOptions`. */
  readonly presetOptions?: readonly string[];
  readonly predictedOnly?: PredictedOnlyPolicy;
  readonly beta?: number;
  /**
   * Boundary IoU (Cheng et al., CVPR 2021) is counted too: `dilationRatio` is the boundary width as a
   * fraction of the image diagonal, a number in (0, 1] (default {@link DEFAULT_BOUNDARY_DILATION_RATIO};
   * the paper uses 0.005 for Cityscapes-sized images). Absent or null: not counted.
   */
  readonly boundary?: { readonly dilationRatio?: number } | null;
  /** Per-image results were asked for (the CLI's `--per-image FILE`): keep per-image statistics. */
  readonly perImage?: boolean;
  /**
   * Bootstrap confidence intervals (`evaluate()`'s `confidence`: level, samples, seed; validated by
   * `evaluate`). They resample images, so per-image statistics are kept.
   */
  readonly confidence?: ConfidenceOptions;
}

/** How messages name the inputs (a tool's own names for them). */
export interface RunSettingsNaming {
  /** What messages call each input, e.g. the CLI's flags (`--num-classes`); default the input's key. */
  readonly optionNames?: Partial<Record<keyof RunSettingsInput, string>>;
  /** Where `classNames` come from, for messages (e.g. the file they were read from). */
  readonly classNamesSource?: string;
}

const invalid = invalidOption;

function presetNamed(option: string, name: string | undefined): Preset | null {
  if (name === undefined) return null;
  try {
    return getPreset(name);
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    throw new SegmetricsError(ErrorCode.UNKNOWN_PRESET, `${option}: ${error.message}`, {
      context: { ...error.context, option },
      cause: error,
    });
  }
}

/** Checks a metric id, naming `option` in the error (`UNKNOWN_METRIC`, as `getMetric`'s). */
function metricNamed(option: string, id: string): void {
  try {
    getMetric(id);
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    throw new SegmetricsError(error.code, `${option}: ${error.message}`, {
      context: { ...error.context, option },
      cause: error,
    });
  }
}

/** `input.excludeClasses` as sorted unique ids (numbers checked, texts through {@link resolveClassList}). */
function excludedClasses(
  items: readonly (number | string)[],
  numClasses: number,
  names: readonly string[],
  option: string,
): number[] {
  const ids = new Set(
    resolveClassList(
      items.filter((item) => typeof item === 'string'),
      numClasses,
      names,
      option,
    ),
  );
  for (const id of items) {
    if (typeof id !== 'number') continue;
    if (!Number.isSafeInteger(id) || id < 0 || id >= numClasses) {
      throw invalid(option, `class id ${id} is outside [0, ${numClasses})`, id);
    }
    ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** `input.boundary` with its default ratio; a ratio outside (0, 1] is `INVALID_OPTION` naming `option`. */
function resolveBoundary(
  boundary: RunSettingsInput['boundary'],
  option: string,
): { dilationRatio: number } | null {
  if (boundary === undefined || boundary === null) return null;
  const ratio = boundary.dilationRatio ?? DEFAULT_BOUNDARY_DILATION_RATIO;
  if (!(Number.isFinite(ratio) && ratio > 0 && ratio <= MAX_DILATION_RATIO)) {
    throw invalid(
      option,
      `the dilation ratio must be a fraction of the image diagonal above 0 and at most ${MAX_DILATION_RATIO}, got ${String(ratio)}`,
      ratio,
    );
  }
  return { dilationRatio: ratio };
}

/**
 * Turns a run's choices into its {@link RunSettings}: the dataset preset supplies defaults (class count,
 * names, ignore labels, reduce-zero-label, label mapping, mask palette) that explicit choices override;
 * reduce-zero-label without ignore labels ignores 255 (mmsegmentation's convention); per-image
 * statistics are kept when the aggregation (given, or the preset's) is per image, `perImage` asks for
 * them, or confidence intervals are asked for. The one implementation of these rules: the CLI (`segmetrics eval`) and the web app both call it,
 * so the same choices give the same matrix, decoder and evaluation options everywhere.
 *
 * Throws `INVALID_OPTION` (class count missing, names not matching the count, a class id out of range,
 * preset options without a preset, an unknown-colour label that is neither a class nor ignored), `UNKNOWN_PRESET` (dataset or compatibility preset),
 * `UNKNOWN_METRIC`, and `parsePresetOptions`' errors; messages name the option as `naming` says.
 *
 * @example
 * const settings = resolveRunSettings({ dataset: 'cityscapes', aggregate: 'image' });
 * new ConfusionMatrix(settings.matrixOptions); // 19 classes, ignore 255, per-image statistics
 */
export function resolveRunSettings(input: RunSettingsInput, naming: RunSettingsNaming = {}): RunSettings {
  const name = (key: keyof RunSettingsInput) => naming.optionNames?.[key] ?? key;
  const dataset =
    input.dataset === undefined || input.dataset === null ? null : getDatasetPreset(input.dataset);
  let classNames: string[] | null = input.classNames === undefined ? null : [...input.classNames];
  let numClasses = input.numClasses;
  if (numClasses === undefined) numClasses = classNames?.length ?? dataset?.numClasses;
  if (numClasses === undefined) {
    throw invalid(name('numClasses'), `required (or give ${name('dataset')} or ${name('classNames')})`);
  }
  if (!Number.isSafeInteger(numClasses) || numClasses < 1) {
    throw invalid(name('numClasses'), `expected an integer >= 1, got ${numClasses}`, numClasses);
  }
  if (classNames !== null && classNames.length !== numClasses) {
    const source = naming.classNamesSource ?? 'the class names';
    throw invalid(
      name('classNames'),
      `${source} holds ${classNames.length} names but there are ${numClasses} classes`,
      naming.classNamesSource,
    );
  }
  if (classNames === null && dataset !== null && dataset.numClasses === numClasses) {
    classNames = [...dataset.classNames];
  }
  const names = classNames ?? defaultClassNames(numClasses);

  const reduceZeroLabel =
    input.reduceZeroLabel === true ||
    (input.reduceZeroLabel === undefined && dataset?.reduceZeroLabel === true);
  const explicitIgnore = [...new Set(input.ignoreIndex ?? [])].sort((a, b) => a - b);
  const presetIgnore =
    dataset === null ? [] : [dataset.ignoreIndex].flat().filter((v) => typeof v === 'number');
  const ignoreIndex =
    explicitIgnore.length > 0
      ? explicitIgnore
      : presetIgnore.length > 0
        ? presetIgnore
        : reduceZeroLabel
          ? [255]
          : [];

  const presetMapping = dataset?.labelMapping;
  const table = input.labelMap ?? presetMapping?.table;
  const applyTo = input.labelMappingApplyTo ?? presetMapping?.applyTo;
  if (input.labelMappingApplyTo !== undefined && table === undefined && !reduceZeroLabel) {
    throw invalid(
      name('labelMappingApplyTo'),
      `there is no label mapping to apply (give ${name('reduceZeroLabel')}, ${name('labelMap')} or a dataset with one)`,
      input.labelMappingApplyTo,
    );
  }
  const boundary = resolveBoundary(input.boundary, name('boundary'));
  const matrixOptions: ConfusionMatrixOptions = {
    numClasses,
    ignoreIndex,
    ...(boundary === null ? {} : { boundary }),
    ...(table !== undefined || reduceZeroLabel
      ? {
          labelMapping: {
            ...(table === undefined ? {} : { table }),
            reduceZeroLabel,
            ...(applyTo === undefined ? {} : { applyTo }),
          },
        }
      : {}),
  };

  const excludeClasses = excludedClasses(
    input.excludeClasses ?? [],
    numClasses,
    names,
    name('excludeClasses'),
  );
  const preset = presetNamed(name('preset'), input.preset);
  if (input.presetOptions !== undefined && preset === null) {
    throw invalid(name('presetOptions'), `needs ${name('preset')} (the library whose parameter it sets)`);
  }
  const presetOptions = preset === null ? null : parsePresetOptions(preset.name, input.presetOptions ?? []);
  const metrics = [...(input.metrics ?? [])];
  for (const id of metrics) metricNamed(name('metrics'), id);
  const report: RunReportOptions = {
    aggregate: input.aggregate ?? null,
    imageReduce: input.imageReduce ?? null,
    average: input.average ?? null,
    absent: input.absent ?? null,
    excludeClasses,
    metrics,
    preset: preset?.name ?? null,
    beta: input.beta ?? null,
    ...(presetOptions !== null && Object.keys(presetOptions).length > 0 ? { presetOptions } : {}),
    ...(input.predictedOnly === undefined ? {} : { predictedOnly: input.predictedOnly }),
    ...(input.confidence === undefined ? {} : { confidence: { ...input.confidence } }),
  };
  const aggregate = report.aggregate ?? preset?.aggregate ?? 'dataset';
  const perImage = aggregate === 'image' || input.perImage === true || input.confidence !== undefined;
  const decodeOptions: Record<string, unknown> = {};
  // Colour-coded masks decode through the dataset's mask palette (which also holds the colours of
  // ignored regions, e.g. VOC's border), else through its class colours.
  const colorPalette = input.colorPalette ?? dataset?.maskPalette ?? dataset?.colors;
  if (colorPalette !== undefined) decodeOptions.colorPalette = colorPalette;
  if (input.unknownColor !== undefined) {
    const id = input.unknownColor;
    // Without a label mapping the decoded label is counted as it is: it must be a class or ignored.
    if (matrixOptions.labelMapping === undefined && id >= numClasses && !ignoreIndex.includes(id)) {
      throw invalid(
        name('unknownColor'),
        `${id} is neither a class id (0 … ${numClasses - 1}) nor an ignore label (${ignoreIndex.length === 0 ? 'none given' : ignoreIndex.join(', ')})`,
        id,
      );
    }
    decodeOptions.unknownColor = id;
  }
  return {
    numClasses,
    classNames: names,
    matrixOptions: { ...matrixOptions, perImage },
    decodeOptions,
    report,
    dataset: dataset === null ? null : (input.dataset ?? null),
  };
}
