import type { ConfusionMatrixSettings } from '@segmetrics/core';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { checkBeta } from '../fscore.js';
import { noQuirks, presets } from '../presets.js';
import type {
  AbsentPolicy,
  Aggregate,
  Average,
  EvaluateOptions,
  EvaluationSettings,
  ImageReduce,
  PresetName,
} from '../settings.js';

const AGGREGATES: readonly Aggregate[] = ['dataset', 'image'];
const IMAGE_REDUCES: readonly ImageReduce[] = ['per-class', 'per-image', 'pooled'];
const AVERAGES: readonly Average[] = ['macro', 'micro', 'weighted', 'none'];

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

function weight(option: 'tverskyAlpha' | 'tverskyBeta', value: unknown): number {
  if (value === undefined) return 0.5;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(`${option} must be a finite number >= 0, got ${String(value)}`, option, value);
  }
  return value;
}

/** Resolved settings plus the report-shaping options. */
export interface ResolvedOptions {
  readonly settings: EvaluationSettings;
  readonly topConfusedPairs: number;
  readonly perImage: boolean | undefined;
}

/**
 * Validates {@link EvaluateOptions} against a matrix's settings and applies the preset. Throws
 * `UNKNOWN_PRESET` for an unknown preset and `INVALID_OPTION` (naming the option and value) for
 * anything else wrong, including overriding a choice the preset fixes.
 */
export function resolveOptions(
  matrixSettings: ConfusionMatrixSettings,
  options: EvaluateOptions = {},
): ResolvedOptions {
  if (typeof options !== 'object' || options === null)
    invalid('options must be an object', 'options', options);
  const numClasses = matrixSettings.numClasses;
  let presetName: PresetName | null = null;
  if (options.preset !== undefined) {
    if (!Object.hasOwn(presets, options.preset)) {
      throw new SegmetricsError(
        ErrorCode.UNKNOWN_PRESET,
        `unknown preset ${JSON.stringify(options.preset)}; known: ${Object.keys(presets).join(', ')}`,
        { context: { value: options.preset, known: Object.keys(presets) } },
      );
    }
    presetName = options.preset;
  }
  const preset = presetName === null ? null : presets[presetName];

  if (preset !== null) {
    const fixed: [keyof EvaluateOptions, unknown][] = [
      ['aggregate', preset.aggregate],
      ['imageReduce', preset.imageReduce ?? undefined],
      ['average', preset.average],
      ['absent', preset.absent],
      ['beta', 1],
      ['excludeClasses', undefined],
    ];
    for (const [option, presetValue] of fixed) {
      const given = options[option];
      if (given === undefined || (preset.open as readonly string[]).includes(option)) continue;
      if (option === 'excludeClasses' && Array.isArray(given) && given.length === 0) continue;
      if (given !== presetValue) {
        invalid(
          `preset '${preset.name}' fixes ${option} (${JSON.stringify(presetValue)}); got ${JSON.stringify(given)}`,
          option,
          given,
        );
      }
    }
  }

  const aggregate = oneOf('aggregate', options.aggregate ?? preset?.aggregate ?? 'dataset', AGGREGATES);
  let imageReduce: ImageReduce | null = null;
  if (aggregate === 'image') {
    imageReduce = oneOf(
      'imageReduce',
      options.imageReduce ?? preset?.imageReduce ?? 'per-class',
      IMAGE_REDUCES,
    );
  } else if (options.imageReduce !== undefined) {
    invalid(
      `imageReduce applies only to aggregate: 'image' (aggregate is '${aggregate}'), got ${JSON.stringify(options.imageReduce)}`,
      'imageReduce',
      options.imageReduce,
    );
  }
  const average = oneOf('average', options.average ?? preset?.average ?? 'macro', AVERAGES);
  const absent = normalizeAbsent(options.absent ?? preset?.absent ?? 'nan');
  const beta = options.beta === undefined ? 1 : checkBeta(options.beta);
  const tverskyAlpha = weight('tverskyAlpha', options.tverskyAlpha);
  const tverskyBeta = weight('tverskyBeta', options.tverskyBeta);

  const exclude = options.excludeClasses ?? [];
  if (!Array.isArray(exclude))
    invalid('excludeClasses must be an array of class ids', 'excludeClasses', exclude);
  for (const k of exclude) {
    if (!Number.isSafeInteger(k) || k < 0 || k >= numClasses) {
      invalid(`excludeClasses holds ${String(k)}, not a class id in [0, ${numClasses})`, 'excludeClasses', k);
    }
  }
  const excludeClasses = [...new Set(exclude)].sort((a, b) => a - b);

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
  if (options.perImage !== undefined && typeof options.perImage !== 'boolean') {
    invalid(`perImage must be a boolean, got ${String(options.perImage)}`, 'perImage', options.perImage);
  }

  return {
    settings: {
      preset: presetName,
      aggregate,
      imageReduce,
      average,
      absent,
      beta,
      tverskyAlpha,
      tverskyBeta,
      excludeClasses,
      classNames,
      numClasses,
      ignoreIndex: [...matrixSettings.ignoreIndex],
      labelMapping: matrixSettings.labelMapping,
      quirks: preset?.quirks ?? noQuirks,
    },
    topConfusedPairs: top,
    perImage: options.perImage,
  };
}
