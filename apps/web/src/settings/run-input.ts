import { ConfusionMatrix, type ConfusionMatrixOptions, ErrorCode, SegmetricsError } from '@segmetrics/core';
import type { PairingOptions } from '@segmetrics/io';
import {
  type AbsentPolicy,
  type ConfidenceOptions,
  checkCityscapesMatrix,
  MAX_BOOTSTRAP_SAMPLES,
} from '@segmetrics/metrics';
import {
  parseClassNames,
  parseColorPalette,
  parseLabelMap,
  type RunSettings,
  type RunSettingsInput,
  type RunSettingsNaming,
  resolveRunSettings,
  type SettingsTextSource,
} from '@segmetrics/report';
import { listItems, type WebSettings } from './web-settings.js';

/** What the page calls each setting (field labels), for messages. */
export const FIELD_LABELS: Readonly<Record<keyof WebSettings, string>> = Object.freeze({
  dataset: 'Dataset',
  numClasses: 'Number of classes',
  ignoreIndex: 'Ignore labels',
  reduceZeroLabel: 'Reduce zero label',
  mappingAppliesTo: 'Mapping applies to',
  classNames: 'Class names',
  labelMap: 'Label map',
  palette: 'Colour palette',
  aggregate: 'Aggregation',
  imageReduce: 'Image reduction',
  average: 'Averaging',
  absent: 'Absent classes',
  predictedOnly: 'Predicted-only classes',
  beta: 'F-score β',
  excludeClasses: 'Exclude classes',
  metrics: 'Metrics',
  boundaryIou: 'Boundary IoU',
  boundaryDilationRatio: 'Boundary width',
  preset: 'Compatibility preset',
  presetOptions: 'Preset options',
  unknownColor: 'Unknown colours',
  scoresLayout: 'Scores layout',
  gtSuffix: 'Ground-truth suffix',
  predSuffix: 'Prediction suffix',
  gtPattern: 'Ground-truth pattern',
  predPattern: 'Prediction pattern',
  matchBy: 'Match by',
  include: 'Include',
  exclude: 'Exclude',
  workers: 'Workers',
  reportImages: 'Worst images',
  topImages: 'Images listed',
  confidence: 'Confidence level',
  samples: 'Bootstrap samples',
  seed: 'Seed',
});

/** The shared resolution's inputs named by the page's field labels. */
const OPTION_NAMES: RunSettingsNaming['optionNames'] = {
  dataset: FIELD_LABELS.dataset,
  numClasses: FIELD_LABELS.numClasses,
  classNames: FIELD_LABELS.classNames,
  ignoreIndex: FIELD_LABELS.ignoreIndex,
  reduceZeroLabel: FIELD_LABELS.reduceZeroLabel,
  labelMap: FIELD_LABELS.labelMap,
  labelMappingApplyTo: FIELD_LABELS.mappingAppliesTo,
  colorPalette: FIELD_LABELS.palette,
  aggregate: FIELD_LABELS.aggregate,
  imageReduce: FIELD_LABELS.imageReduce,
  average: FIELD_LABELS.average,
  absent: FIELD_LABELS.absent,
  preset: FIELD_LABELS.preset,
  presetOptions: FIELD_LABELS.presetOptions,
  predictedOnly: FIELD_LABELS.predictedOnly,
  beta: FIELD_LABELS.beta,
  unknownColor: FIELD_LABELS.unknownColor,
  excludeClasses: FIELD_LABELS.excludeClasses,
  metrics: FIELD_LABELS.metrics,
  boundary: FIELD_LABELS.boundaryDilationRatio,
};

/** What messages call the text fields that hold a file's text (the CLI names the file). */
const IN_FIELD = 'the field';

/**
 * Largest class count: the CLI's (`segmetrics eval --num-classes`, 1024), so that the page evaluates
 * what the CLI evaluates; each chunk's matrix is C × C float64 (8 MiB at 1024).
 */
export const MAX_NUM_CLASSES = 1024;

/** The dataset preset whose runs report the Cityscapes benchmark's scores (as `segmetrics eval`). */
export const CITYSCAPES_DATASET = 'cityscapes-labelids';

/** Largest number of Web Workers the page starts, whatever the core count. */
export const MAX_WORKERS = 16;

/** Default number of worst images shown with pictures (the CLI's `--report-images` default). */
export const DEFAULT_REPORT_IMAGES = 24;

/** Default and largest number of images a comparison lists where B loses and gains most (`compare --top-images`). */
export const DEFAULT_TOP_IMAGES = 10;
export const MAX_TOP_IMAGES = 1000;

/** A run's parsed settings: the shared run settings, the pairing rules and the page's own choices. */
export interface WebRun {
  readonly settings: RunSettings;
  readonly pairing: PairingOptions;
  /** Workers asked for, or `null` for one per core. */
  readonly workers: number | null;
  readonly reportImages: number;
  /** With two prediction folders: images listed where B loses and gains most. */
  readonly topImages: number;
  /**
   * Whether imagewise compatibility presets (`libraries`) may use the per-image statistics: only when the
   * settings ask for them themselves (image aggregation, given or the preset's), the CLI's rule
   * (`segmetrics eval` decides with the settings resolved before `--ci`, `--report` and state files add
   * per-image statistics). Statistics kept only for the confidence intervals or the worst images leave
   * `libraries` as without them, so the JSON report is the CLI's with or without `--ci`.
   */
  readonly presetsPerImage: boolean;
}

/** Where a field's text comes from, for the shared parsers' messages (`Class names: the field …`). */
function fieldText(key: 'classNames' | 'labelMap' | 'palette'): SettingsTextSource {
  return { option: FIELD_LABELS[key], source: IN_FIELD };
}

function invalid(key: keyof WebSettings, message: string, value: string): SegmetricsError {
  const option = FIELD_LABELS[key];
  return new SegmetricsError(ErrorCode.INVALID_OPTION, `${option}: ${message}`, {
    context: { option, value },
  });
}

/** A whole number in [min, max] in decimal digits (surrounding white space ignored). */
export function parseWholeNumber(key: keyof WebSettings, text: string, min: number, max: number): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw invalid(key, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`, text);
  }
  const value = Number(trimmed);
  if (value < min || value > max) {
    throw invalid(key, `expected a whole number from ${min} to ${max}, got ${trimmed}`, text);
  }
  return value;
}

/**
 * Ignore labels: whole numbers (a leading minus allowed, not on 0: the CLI's rule) separated by commas
 * or spaces; sorted, unique.
 */
export function parseIgnoreLabels(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(/[\s,]+/)) {
    if (part === '') continue;
    const value = Number(part);
    if (/^-0+$/.test(part)) {
      throw invalid(
        'ignoreIndex',
        `got ${JSON.stringify(part)}: write 0 (a minus sign on 0 is refused)`,
        text,
      );
    }
    if (!/^-?\d+$/.test(part) || !Number.isSafeInteger(value) || value < -(2 ** 31) || value > 2 ** 32 - 1) {
      throw invalid(
        'ignoreIndex',
        `expected whole numbers separated by commas, got ${JSON.stringify(text)}`,
        text,
      );
    }
    out.add(value);
  }
  return [...out].sort((a, b) => a - b);
}

/** `nan`, `zero`, `one` (any case) or a number from -1 to 1. */
export function parseAbsentPolicy(text: string): AbsentPolicy {
  const lower = text.trim().toLowerCase();
  if (lower === 'nan' || lower === 'zero' || lower === 'one') return lower;
  const value = Number(lower);
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/.test(lower) || value < -1 || value > 1) {
    throw invalid(
      'absent',
      `expected nan, zero, one or a number from -1 to 1, got ${JSON.stringify(text)}`,
      text,
    );
  }
  return value === 0 ? 0 : value;
}

/**
 * A comma list (`iou,dice`, `0, sky`): trimmed items; an empty item is an error naming the field, as the
 * CLI's lists (dropped silently, it could change what the list means).
 */
export function parseCommaList(key: 'metrics' | 'excludeClasses', text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.includes('')) {
    throw invalid(key, `expected a comma list without empty items, got ${JSON.stringify(text)}`, text);
  }
  return items;
}

/** Boundary IoU's width: a decimal fraction of the image diagonal above 0 and at most 1 (e.g. `0.02`). */
function parseDilationRatio(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  // The CLI's decimal syntax (a leading + allowed).
  if (!/^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(trimmed) || !(value > 0) || value > 1) {
    throw invalid(
      'boundaryDilationRatio',
      `expected a fraction of the image diagonal above 0 and at most 1 (e.g. 0.02, or 0.005 as the paper uses for Cityscapes), got ${JSON.stringify(text)}`,
      text,
    );
  }
  return value;
}

function parseBeta(text: string): number {
  const value = Number(text.trim());
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text.trim()) || !(value > 0) || value > 1000) {
    throw invalid('beta', `expected a number above 0 and at most 1000, got ${JSON.stringify(text)}`, text);
  }
  return value;
}

/** A number strictly between 0 and 1 (`0.95`). */
function parseLevel(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^(?:0?\.\d+|0)$/.test(trimmed) || !(value > 0 && value < 1)) {
    throw invalid(
      'confidence',
      `expected a number between 0 and 1 (e.g. 0.95), got ${JSON.stringify(text)}`,
      text,
    );
  }
  return value;
}

/** The confidence level that samples or a seed given alone imply (the CLI's `--bootstrap`, `--seed`). */
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/**
 * The bootstrap's options (`evaluate()`'s `confidence`), or `undefined` when none of level, samples and
 * seed is given; samples or a seed alone imply the level {@link DEFAULT_CONFIDENCE_LEVEL}, as in the CLI.
 */
export function parseConfidence(web: WebSettings): ConfidenceOptions | undefined {
  const given = (key: 'confidence' | 'samples' | 'seed') => web[key].trim() !== '';
  if (!given('confidence') && !given('samples') && !given('seed')) return undefined;
  return {
    level: given('confidence') ? parseLevel(web.confidence) : DEFAULT_CONFIDENCE_LEVEL,
    ...(given('samples')
      ? { samples: parseWholeNumber('samples', web.samples, 1, MAX_BOOTSTRAP_SAMPLES) }
      : {}),
    ...(given('seed') ? { seed: parseWholeNumber('seed', web.seed, 0, Number.MAX_SAFE_INTEGER) } : {}),
  };
}

function pattern(key: 'gtPattern' | 'predPattern', text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (error) {
    throw invalid(key, `invalid regular expression: ${(error as Error).message}`, text);
  }
}

/**
 * A `cityscapes-labelids` run's settings as `segmetrics eval --dataset cityscapes-labelids
 * --no-instances` makes them (the CLI's `withCityscapesSettings`): predictions of ignored labelIds split
 * by value (caravan, trailer: category IoU). The page reads no instance-id maps, so there is no iIoU.
 * Choices that change the preset's labels are refused, as the CLI refuses them. Other runs: unchanged.
 */
export function cityscapesSettings(settings: RunSettings): RunSettings {
  if (settings.dataset !== CITYSCAPES_DATASET) return settings;
  const base = settings.matrixOptions;
  const matrixOptions: ConfusionMatrixOptions = {
    ...base,
    ...(base.labelMapping === undefined
      ? {}
      : { labelMapping: { ...base.labelMapping, unmapped: 'invalid' as const } }),
    splitPredictedIgnore: true,
    splitIgnoredGroundTruth: true,
  };
  try {
    checkCityscapesMatrix(new ConfusionMatrix(matrixOptions));
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    const problems = String(error.context.problems ?? error.message);
    throw invalid(
      'dataset',
      `${CITYSCAPES_DATASET}: the Cityscapes scores need the preset's labels unchanged (${problems}); clear ${FIELD_LABELS.numClasses}, ${FIELD_LABELS.ignoreIndex}, ${FIELD_LABELS.reduceZeroLabel} and ${FIELD_LABELS.mappingAppliesTo}`,
      CITYSCAPES_DATASET,
    );
  }
  return { ...settings, matrixOptions };
}

/**
 * Parses the form's settings (each field by its own rules, errors naming the field) and resolves them
 * with @segmetrics/report's `resolveRunSettings`, the rules the CLI uses: the same choices give the
 * same matrix, decoder and evaluation options as `segmetrics eval` with the corresponding flags.
 */
export function parseWebSettings(web: WebSettings): WebRun {
  const given = (key: keyof WebSettings) => web[key].trim() !== '';
  const classNames = given('classNames')
    ? parseClassNames(web.classNames, fieldText('classNames'))
    : undefined;
  if (!given('numClasses') && classNames !== undefined && classNames.length > MAX_NUM_CLASSES) {
    throw invalid(
      'classNames',
      `${IN_FIELD} holds ${classNames.length} class names, more than the largest class count segmetrics evaluates (${MAX_NUM_CLASSES})`,
      web.classNames,
    );
  }
  let input: RunSettingsInput = {
    ...(given('dataset') ? { dataset: web.dataset.trim() } : {}),
    ...(given('numClasses')
      ? { numClasses: parseWholeNumber('numClasses', web.numClasses, 1, MAX_NUM_CLASSES) }
      : {}),
    ignoreIndex: parseIgnoreLabels(web.ignoreIndex),
    ...(web.reduceZeroLabel === '' ? {} : { reduceZeroLabel: web.reduceZeroLabel === 'on' }),
    ...(web.mappingAppliesTo === '' ? {} : { labelMappingApplyTo: web.mappingAppliesTo }),
    ...(classNames === undefined ? {} : { classNames }),
    ...(given('labelMap') ? { labelMap: parseLabelMap(web.labelMap, fieldText('labelMap')) } : {}),
    ...(given('palette') ? { colorPalette: parseColorPalette(web.palette, fieldText('palette')) } : {}),
    ...(given('unknownColor')
      ? { unknownColor: parseWholeNumber('unknownColor', web.unknownColor, 0, 65535) }
      : {}),
    ...(web.aggregate === '' ? {} : { aggregate: web.aggregate }),
    ...(web.imageReduce === '' ? {} : { imageReduce: web.imageReduce }),
    ...(web.average === '' ? {} : { average: web.average }),
    ...(given('absent') ? { absent: parseAbsentPolicy(web.absent) } : {}),
    ...(given('preset') ? { preset: web.preset.trim() } : {}),
    ...(given('presetOptions') ? { presetOptions: listItems(web.presetOptions) } : {}),
    ...(web.predictedOnly === '' ? {} : { predictedOnly: web.predictedOnly }),
    ...(given('beta') ? { beta: parseBeta(web.beta) } : {}),
    ...(given('excludeClasses')
      ? { excludeClasses: parseCommaList('excludeClasses', web.excludeClasses) }
      : {}),
    ...(given('metrics') ? { metrics: parseCommaList('metrics', web.metrics) } : {}),
    // A width alone turns Boundary IoU on too (the CLI's --boundary-dilation-ratio).
    ...(web.boundaryIou === 'on' || given('boundaryDilationRatio')
      ? {
          boundary: given('boundaryDilationRatio')
            ? { dilationRatio: parseDilationRatio(web.boundaryDilationRatio) }
            : {},
        }
      : {}),
  };
  const confidence = parseConfidence(web);
  const naming = { optionNames: OPTION_NAMES, classNamesSource: IN_FIELD };
  // The settings without the intervals first: what the run asks for per image itself (the CLI's
  // `requested` settings, before `--ci` turns per-image statistics on).
  const requested = resolveRunSettings(input, naming);
  if (confidence !== undefined) input = { ...input, confidence };
  const resolved = cityscapesSettings(
    confidence === undefined ? requested : resolveRunSettings(input, naming),
  );
  const settings =
    web.scoresLayout === ''
      ? resolved
      : { ...resolved, decodeOptions: { ...resolved.decodeOptions, scoresLayout: web.scoresLayout } };
  const include = listItems(web.include);
  const exclude = listItems(web.exclude);
  const pairing: PairingOptions = {
    ...(given('gtSuffix') ? { gtSuffix: web.gtSuffix.trim() } : {}),
    ...(given('predSuffix') ? { predSuffix: web.predSuffix.trim() } : {}),
    ...(given('gtPattern') ? { gtPattern: pattern('gtPattern', web.gtPattern.trim()) } : {}),
    ...(given('predPattern') ? { predPattern: pattern('predPattern', web.predPattern.trim()) } : {}),
    ...(web.matchBy === '' ? {} : { matchBy: web.matchBy }),
    ...(include.length > 0 ? { include } : {}),
    ...(exclude.length > 0 ? { exclude } : {}),
  };
  if (pairing.gtSuffix !== undefined && pairing.gtPattern !== undefined) {
    throw invalid(
      'gtPattern',
      `give ${FIELD_LABELS.gtSuffix} or ${FIELD_LABELS.gtPattern}, not both`,
      web.gtPattern,
    );
  }
  if (pairing.predSuffix !== undefined && pairing.predPattern !== undefined) {
    throw invalid(
      'predPattern',
      `give ${FIELD_LABELS.predSuffix} or ${FIELD_LABELS.predPattern}, not both`,
      web.predPattern,
    );
  }
  return {
    settings,
    pairing,
    workers: given('workers') ? parseWholeNumber('workers', web.workers, 1, MAX_WORKERS) : null,
    reportImages: given('reportImages')
      ? parseWholeNumber('reportImages', web.reportImages, 0, 1000)
      : DEFAULT_REPORT_IMAGES,
    topImages: given('topImages')
      ? parseWholeNumber('topImages', web.topImages, 0, MAX_TOP_IMAGES)
      : DEFAULT_TOP_IMAGES,
    presetsPerImage: requested.matrixOptions.perImage === true,
  };
}
