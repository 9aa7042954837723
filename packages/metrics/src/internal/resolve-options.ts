import type { ConfusionMatrixSettings } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { checkBeta } from '../fscore.js';
import { getPreset } from '../get-preset.js';
import { metricRegistry, type SummaryId } from '../metric-registry.js';
import { aliasToParameter, checkPresetOption } from '../preset-parameter.js';
import { noQuirks, type Preset, type PresetConventions } from '../presets.js';
import type {
  AbsentPolicy,
  Aggregate,
  Average,
  EvaluateOptions,
  EvaluationSettings,
  ImageReduce,
  PredictedOnlyPolicy,
  PresetOptions,
  PresetOptionValue,
} from '../settings.js';
import { checkTverskyWeight } from '../tversky.js';
import type { ImageSelection } from './per-image-results.js';

const AGGREGATES: readonly Aggregate[] = ['dataset', 'image'];
const IMAGE_REDUCES: readonly ImageReduce[] = ['per-class', 'per-image', 'pooled'];
const AVERAGES: readonly Average[] = ['macro', 'micro', 'weighted', 'none'];
const PREDICTED_ONLY: readonly PredictedOnlyPolicy[] = ['score', 'skip'];

function invalid(message: string, option: string, value: unknown): never {
  throw new SegmetricsError(ErrorCode.INVALID_OPTION, message, { context: { option, value } });
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(
      `${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`,
      option,
      value,
    );
  }
  return value as T;
}

function normalizeAbsent(value: unknown): AbsentPolicy {
  if (value === 'nan' || value === 'zero' || value === 'one') return value;
  if (typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value)) {
    invalid(`absent must be a finite number, got ${String(value)}`, 'absent', value);
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : value;
  return invalid(
    `absent must be 'nan', 'zero', 'one' or a finite number, got ${JSON.stringify(value)}`,
    'absent',
    value,
  );
}

function classIds(option: string, value: unknown, numClasses: number): number[] {
  if (!Array.isArray(value)) invalid(`${option} must be an array of class ids`, option, value);
  for (const k of value) {
    if (!Number.isSafeInteger(k) || k < 0 || k >= numClasses) {
      invalid(`${option} holds ${String(k)}, not a class id in [0, ${numClasses})`, option, k);
    }
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

function sameValue(a: PresetOptionValue, b: PresetOptionValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Resolved settings plus the report-shaping options. */
export interface ResolvedOptions {
  readonly settings: EvaluationSettings;
  readonly topConfusedPairs: number;
  readonly perImage: boolean | ImageSelection | undefined;
}

/** Summary ids a selection may rank by: class means and dataset-level summaries. */
const SUMMARY_IDS: readonly string[] = metricRegistry.flatMap((m) =>
  m.kind === 'per-class' ? [...m.summaryIds] : [m.id],
);

/** `perImage`: a boolean, or `{ worst, by }` with `by` defaulted to `'mIoU'`. */
function resolvePerImage(value: EvaluateOptions['perImage']): boolean | ImageSelection | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(`perImage must be a boolean or { worst, by }, got ${String(value)}`, 'perImage', value);
  }
  const unknown = Object.keys(value).filter((key) => key !== 'worst' && key !== 'by');
  if (unknown.length > 0) {
    invalid(`perImage: unknown key "${unknown[0]}" (known: worst, by)`, 'perImage', value);
  }
  const { worst, by = 'mIoU' } = value;
  if (!Number.isSafeInteger(worst) || worst < 0) {
    invalid(`perImage.worst must be an integer >= 0, got ${String(worst)}`, 'perImage.worst', worst);
  }
  if (typeof by !== 'string' || !SUMMARY_IDS.includes(by)) {
    invalid(`perImage.by must be one of ${SUMMARY_IDS.join(', ')}, got ${String(by)}`, 'perImage.by', by);
  }
  return { worst, by: by as SummaryId };
}

/** The preset's parameter values: defaults, then aliased first-class options, then `presetOptions`. */
function presetParameters(preset: Preset, options: EvaluateOptions, numClasses: number): PresetOptions {
  const given = options.presetOptions ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    invalid('presetOptions must be an object of the preset parameters', 'presetOptions', given);
  }
  const out: Record<string, PresetOptionValue> = {};
  for (const parameter of preset.parameters) out[parameter.name] = parameter.default;
  for (const name of Object.keys(given)) {
    const parameter = preset.parameters.find((p) => p.name === name);
    if (parameter === undefined) {
      const known = preset.parameters.map((p) => p.name);
      throw new SegmetricsError(
        ErrorCode.INVALID_OPTION,
        `preset '${preset.name}' has no parameter ${JSON.stringify(name)}; known: ${known.join(', ') || 'none'}`,
        { context: { option: `presetOptions.${name}`, preset: preset.name, known } },
      );
    }
    out[name] = checkPresetOption(preset.name, parameter, given[name], numClasses);
  }
  for (const parameter of preset.parameters) {
    const alias = parameter.alias;
    if (alias === undefined || options[alias] === undefined) continue;
    const raw = alias === 'absent' ? normalizeAbsent(options.absent) : options[alias];
    const value = checkPresetOption(
      preset.name,
      parameter,
      aliasToParameter(preset.name, parameter, raw as Average | AbsentPolicy | number),
      numClasses,
    );
    if (Object.hasOwn(given, parameter.name) && !sameValue(value, out[parameter.name] ?? null)) {
      invalid(
        `preset '${preset.name}': ${alias} (${JSON.stringify(options[alias])}) and presetOptions.${parameter.name} (${JSON.stringify(out[parameter.name])}) disagree`,
        alias,
        options[alias],
      );
    }
    out[parameter.name] = value;
  }
  return out;
}

/** Refuses first-class options that differ from what the preset resolved to (they are the library's). */
function checkFixed(preset: Preset, options: EvaluateOptions, conventions: PresetConventions): void {
  const aliases = new Set(preset.parameters.map((p) => p.alias));
  const fixed: [keyof EvaluateOptions, unknown, unknown][] = [
    ['aggregate', options.aggregate, conventions.aggregate],
    ['imageReduce', options.imageReduce, conventions.imageReduce ?? undefined],
    ['average', options.average, conventions.average],
    [
      'absent',
      options.absent === undefined ? undefined : normalizeAbsent(options.absent),
      conventions.absent,
    ],
    ['predictedOnly', options.predictedOnly, conventions.predictedOnly],
    ['beta', options.beta, conventions.beta],
  ];
  for (const [option, given, value] of fixed) {
    if (given === undefined || aliases.has(option as 'average')) continue;
    if (given !== value) {
      invalid(
        `preset '${preset.name}' fixes ${option} (${JSON.stringify(value)}); got ${JSON.stringify(given)}`,
        option,
        given,
      );
    }
  }
}

/**
 * Validates {@link EvaluateOptions} against a matrix's settings and applies the preset and its
 * parameters. Throws `UNKNOWN_PRESET` for an unknown preset and `INVALID_OPTION` (naming the option
 * and value) for anything else wrong, including overriding a choice the preset fixes.
 */
export function resolveOptions(
  matrixSettings: ConfusionMatrixSettings,
  options: EvaluateOptions = {},
): ResolvedOptions {
  if (typeof options !== 'object' || options === null)
    invalid('options must be an object', 'options', options);
  const numClasses = matrixSettings.numClasses;
  const preset = options.preset === undefined ? null : getPreset(options.preset);
  if (preset === null && options.presetOptions !== undefined) {
    invalid('presetOptions needs a preset', 'presetOptions', options.presetOptions);
  }

  let conventions: PresetConventions;
  let presetOptions: PresetOptions | null = null;
  const exclude = classIds('excludeClasses', options.excludeClasses ?? [], numClasses);
  if (preset !== null) {
    presetOptions = presetParameters(preset, options, numClasses);
    const resolved = preset.resolve(presetOptions, { numClasses, ignoreIndex: matrixSettings.ignoreIndex });
    checkFixed(preset, options, resolved);
    let excludeClasses = resolved.excludeClasses;
    if (exclude.length > 0) {
      if (preset.open.includes('excludeClasses')) {
        excludeClasses = [...new Set([...excludeClasses, ...exclude])].sort((a, b) => a - b);
      } else if (JSON.stringify(exclude) !== JSON.stringify(excludeClasses)) {
        invalid(
          `preset '${preset.name}' fixes excludeClasses (${JSON.stringify(excludeClasses)}); use its parameters (presetOptions) instead, got ${JSON.stringify(options.excludeClasses)}`,
          'excludeClasses',
          options.excludeClasses,
        );
      }
    }
    conventions = { ...resolved, excludeClasses };
  } else {
    const aggregate = oneOf('aggregate', options.aggregate ?? 'dataset', AGGREGATES);
    let imageReduce: ImageReduce | null = null;
    if (aggregate === 'image') {
      imageReduce = oneOf('imageReduce', options.imageReduce ?? 'per-class', IMAGE_REDUCES);
    } else if (options.imageReduce !== undefined) {
      invalid(
        `imageReduce applies only to aggregate: 'image' (aggregate is '${aggregate}'), got ${JSON.stringify(options.imageReduce)}`,
        'imageReduce',
        options.imageReduce,
      );
    }
    conventions = {
      aggregate,
      imageReduce,
      average: oneOf('average', options.average ?? 'macro', AVERAGES),
      absent: normalizeAbsent(options.absent ?? 'nan'),
      predictedOnly: oneOf('predictedOnly', options.predictedOnly ?? 'score', PREDICTED_ONLY),
      beta: options.beta === undefined ? 1 : checkBeta(options.beta),
      excludeClasses: exclude,
      quirks: noQuirks,
    };
  }
  checkBeta(conventions.beta);
  const tverskyAlpha = checkTverskyWeight('tverskyAlpha', options.tverskyAlpha ?? 0.5);
  const tverskyBeta = checkTverskyWeight('tverskyBeta', options.tverskyBeta ?? 0.5);

  let classNames: string[];
  if (options.classNames === undefined) {
    classNames = Array.from({ length: numClasses }, (_, k) => String(k));
  } else {
    if (!Array.isArray(options.classNames) || options.classNames.length !== numClasses) {
      invalid(
        `classNames must list ${numClasses} names (one per class), got ${Array.isArray(options.classNames) ? options.classNames.length : typeof options.classNames}`,
        'classNames',
        options.classNames,
      );
    }
    classNames = options.classNames.map((name, k) => {
      if (typeof name !== 'string')
        invalid(`classNames[${k}] must be a string, got ${String(name)}`, 'classNames', name);
      return name;
    });
  }

  const top = options.topConfusedPairs ?? 10;
  if (!Number.isSafeInteger(top) || top < 0) {
    invalid(`topConfusedPairs must be an integer >= 0, got ${String(top)}`, 'topConfusedPairs', top);
  }
  const perImage = resolvePerImage(options.perImage);

  return {
    settings: {
      preset: preset?.name ?? null,
      aggregate: conventions.aggregate,
      imageReduce: conventions.imageReduce,
      average: conventions.average,
      absent: conventions.absent,
      predictedOnly: conventions.predictedOnly,
      presetOptions,
      beta: conventions.beta,
      tverskyAlpha,
      tverskyBeta,
      excludeClasses: conventions.excludeClasses,
      classNames,
      numClasses,
      ignoreIndex: [...matrixSettings.ignoreIndex],
      labelMapping: matrixSettings.labelMapping,
      quirks: conventions.quirks,
    },
    topConfusedPairs: top,
    perImage,
  };
}
