import { ConfusionMatrix, ErrorCode, SegmetricsError } from '@segmetrics/core';
import { type ColorPalette, colorLookup, datasetPresets } from '@segmetrics/io/presets';
import { getMetric, presets } from '@segmetrics/metrics';
import {
  ABSENT_RANGE,
  LABEL_VALUE_RANGE,
  MAX_BETA,
  MAX_NUM_CLASSES,
  MAX_SHARD_COUNT,
  MAX_UNKNOWN_COLOR,
} from '../options/limits.js';
import type { Shard } from '../options/shard.js';
import { canonicalJson } from '../util/canonical-json.js';
import type { EvaluationSettings, ReportOptions } from './evaluation-settings.js';
import type { PairingOptions } from './pairing-options.js';
import type { StateSelection } from './state-file.js';
import type { StateSource } from './state-source.js';

/** Deepest nesting a state file may have (its own structure needs 8 levels). */
export const MAX_STATE_DEPTH = 32;

/** An `INVALID_STATE` error naming the file and the offending field. */
export function invalidState(file: string, field: string, problem: string, cause?: unknown): SegmetricsError {
  return new SegmetricsError(
    ErrorCode.INVALID_STATE,
    `${file}: ${field === '' ? '' : `${field}: `}${problem}`,
    {
      context: { file, field },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Refuses JSON nested deeper than {@link MAX_STATE_DEPTH} without recursing (a hand-made file with
 * 100,000 nested arrays must not overflow the stack of the checksum or the validators).
 */
export function checkDepth(file: string, value: unknown): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_STATE_DEPTH) {
      throw invalidState(file, item.path, `nested deeper than ${MAX_STATE_DEPTH} levels`);
    }
    if (Array.isArray(item.value)) {
      // Arrays of numbers (counts) are the bulk of a state: only arrays that hold objects go deeper.
      item.value.forEach((member, i) => {
        if (typeof member === 'object' && member !== null) {
          stack.push({ value: member, depth: item.depth + 1, path: `${item.path}[${i}]` });
        }
      });
    } else {
      for (const [key, member] of Object.entries(item.value)) {
        if (typeof member === 'object' && member !== null) {
          stack.push({
            value: member,
            depth: item.depth + 1,
            path: item.path === '' ? key : `${item.path}.${key}`,
          });
        }
      }
    }
  }
}

/** Field checks that throw {@link invalidState} naming the file and field. */
class Checker {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): never {
    throw invalidState(this.file, field, problem);
  }

  record(value: unknown, field: string, keys: readonly string[], optional: readonly string[] = []) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(field, `must be an object, got ${describe(value)}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!keys.includes(key) && !optional.includes(key)) this.fail(join(field, key), 'is not a known field');
    }
    for (const key of keys) {
      if (!Object.hasOwn(record, key)) this.fail(join(field, key), 'is missing');
    }
    return record;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(field, `must be a whole number from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${describe(value)}`);
    return value;
  }

  nullableString(value: unknown, field: string): string | null {
    if (value !== null && typeof value !== 'string')
      this.fail(field, `must be a string or null, got ${describe(value)}`);
    return value;
  }

  choice<T>(value: unknown, field: string, choices: readonly T[]): T {
    if (!choices.includes(value as T)) {
      this.fail(
        field,
        `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, got ${describe(value)}`,
      );
    }
    return value as T;
  }

  array(value: unknown, field: string, maxLength = Number.POSITIVE_INFINITY): unknown[] {
    if (!Array.isArray(value)) this.fail(field, `must be an array, got ${describe(value)}`);
    if (value.length > maxLength)
      this.fail(field, `must hold at most ${maxLength} entries, got ${value.length}`);
    return value;
  }
}

function join(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

/** Checks the `tool` field. */
export function checkTool(check: Checker, value: unknown): void {
  const tool = check.record(value, 'tool', ['name', 'version']);
  check.choice(tool.name, 'tool.name', ['segmetrics']);
  if (typeof tool.version !== 'string')
    check.fail('tool.version', `must be a string, got ${describe(tool.version)}`);
}

/** Checks `selection`; `shardBase` is 0 for version-1 files (0-based shard index), 1 from version 2 on. */
export function checkSelection(check: Checker, value: unknown, shardBase: 0 | 1): StateSelection {
  const selection = check.record(value, 'selection', ['shard', 'datasetPairs', 'pairs'], ['datasetDigest']);
  let shard: Shard | null = null;
  if (selection.shard !== null) {
    const raw = check.record(selection.shard, 'selection.shard', ['index', 'count']);
    const count = check.integer(raw.count, 'selection.shard.count', 1, MAX_SHARD_COUNT);
    const index = check.integer(raw.index, 'selection.shard.index', shardBase, count - 1 + shardBase);
    shard = { index: index - shardBase + 1, count };
  }
  const datasetPairs = check.integer(
    selection.datasetPairs,
    'selection.datasetPairs',
    0,
    Number.MAX_SAFE_INTEGER,
  );
  const pairs = check.integer(selection.pairs, 'selection.pairs', 0, datasetPairs);
  if (selection.datasetDigest === undefined) return { shard, datasetPairs, pairs };
  const digest = selection.datasetDigest;
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) {
    check.fail('selection.datasetDigest', `must be 64 hexadecimal digits, got ${describe(digest)}`);
  }
  return { shard, datasetPairs, pairs, datasetDigest: digest };
}

/** Checks `source`: the folders, and the pairing options when recorded (states of older versions lack them). */
export function checkSource(check: Checker, value: unknown): StateSource {
  const source = check.record(value, 'source', ['gt', 'pred'], ['gtInstances', 'pairing']);
  const gtInstances = source.gtInstances;
  if (gtInstances !== undefined && typeof gtInstances !== 'string') {
    check.fail('source.gtInstances', `must be a string, got ${describe(gtInstances)}`);
  }
  return {
    gt: check.nullableString(source.gt, 'source.gt'),
    pred: check.nullableString(source.pred, 'source.pred'),
    ...(gtInstances === undefined ? {} : { gtInstances }),
    ...(source.pairing === undefined ? {} : { pairing: checkPairing(check, source.pairing) }),
  };
}

function checkPairing(check: Checker, value: unknown): PairingOptions {
  const field = 'source.pairing';
  const pairing = check.record(value, field, [
    'gtSuffix',
    'predSuffix',
    'gtPattern',
    'predPattern',
    'matchBy',
    'include',
    'exclude',
  ]);
  const globs = (key: 'include' | 'exclude') =>
    check.array(pairing[key], `${field}.${key}`, 10_000).map((glob, i) => {
      if (typeof glob !== 'string')
        check.fail(`${field}.${key}[${i}]`, `must be a string, got ${describe(glob)}`);
      return glob;
    });
  return {
    gtSuffix: check.nullableString(pairing.gtSuffix, `${field}.gtSuffix`),
    predSuffix: check.nullableString(pairing.predSuffix, `${field}.predSuffix`),
    gtPattern: check.nullableString(pairing.gtPattern, `${field}.gtPattern`),
    predPattern: check.nullableString(pairing.predPattern, `${field}.predPattern`),
    matchBy: check.choice(pairing.matchBy, `${field}.matchBy`, ['path', 'basename'] as const),
    include: globs('include'),
    exclude: globs('exclude'),
  };
}

/**
 * Refuses a matrix whose images are not each named once: the CLI counts every image under its sample id,
 * so the image count must equal the number of sample ids, and every per-image entry must name one of
 * them, once. A hand-edited state that breaks this (an entry whose `sampleId` is null, a dropped id)
 * would let a resume count an image a second time.
 */
export function checkSampleIds(file: string, matrix: ConfusionMatrix): void {
  const ids = matrix.sampleIds;
  if (ids.length !== matrix.images) {
    throw invalidState(
      file,
      'matrix.sampleIds',
      `${matrix.images} images counted but ${ids.length} sample ids recorded: every image must be named by one sample id`,
    );
  }
  if (!matrix.settings.perImage) return;
  if (matrix.imageStats.length !== ids.length) {
    throw invalidState(
      file,
      'matrix.imageStats',
      `holds ${matrix.imageStats.length} per-image entries for ${ids.length} counted images`,
    );
  }
  const known = new Set(ids);
  const seen = new Set<string>();
  matrix.imageStats.forEach((stats, i) => {
    const id: unknown = stats.sampleId;
    if (typeof id !== 'string' || !known.has(id) || seen.has(id)) {
      throw invalidState(
        file,
        `matrix.imageStats[${i}].sampleId`,
        typeof id !== 'string'
          ? `must be the sample id of a counted image, got ${describe(id)}`
          : seen.has(id)
            ? `${describe(id)} names a second entry for one image`
            : `${describe(id)} is not among the state's sample ids`,
      );
    }
    seen.add(id);
  });
}

function checkReport(check: Checker, value: unknown, numClasses: number): ReportOptions {
  const field = 'settings.report';
  const report = check.record(
    value,
    field,
    ['aggregate', 'imageReduce', 'average', 'absent', 'excludeClasses', 'metrics', 'preset', 'beta'],
    ['presetOptions', 'predictedOnly'],
  );
  const absent = report.absent;
  if (
    absent !== null &&
    absent !== 'nan' &&
    absent !== 'zero' &&
    absent !== 'one' &&
    !(typeof absent === 'number' && absent >= ABSENT_RANGE[0] && absent <= ABSENT_RANGE[1])
  ) {
    check.fail(
      `${field}.absent`,
      `must be "nan", "zero", "one", a number from ${ABSENT_RANGE[0]} to ${ABSENT_RANGE[1]} or null, got ${describe(absent)}`,
    );
  }
  const excludeClasses = check
    .array(report.excludeClasses, `${field}.excludeClasses`, numClasses)
    .map((id, i) => check.integer(id, `${field}.excludeClasses[${i}]`, 0, numClasses - 1));
  const metrics = check.array(report.metrics, `${field}.metrics`, 1000).map((id, i) => {
    if (typeof id !== 'string')
      check.fail(`${field}.metrics[${i}]`, `must be a metric id, got ${describe(id)}`);
    try {
      getMetric(id);
    } catch {
      check.fail(`${field}.metrics[${i}]`, `unknown metric ${describe(id)}`);
    }
    return id;
  });
  const preset = report.preset;
  if (preset !== null && !(typeof preset === 'string' && Object.hasOwn(presets, preset))) {
    check.fail(
      `${field}.preset`,
      `must be a preset name (${Object.keys(presets).join(', ')}) or null, got ${describe(preset)}`,
    );
  }
  const beta = report.beta;
  if (beta !== null && !(typeof beta === 'number' && beta > 0 && beta <= MAX_BETA)) {
    check.fail(
      `${field}.beta`,
      `must be a number above 0 and at most ${MAX_BETA}, or null, got ${describe(beta)}`,
    );
  }
  const presetOptions = report.presetOptions;
  if (presetOptions !== undefined) {
    const options = check.record(
      presetOptions,
      `${field}.presetOptions`,
      [],
      Object.keys(presetOptions ?? {}),
    );
    if (preset === null) check.fail(`${field}.presetOptions`, 'given without a preset');
    for (const [name, option] of Object.entries(options)) {
      const ok =
        option === null ||
        typeof option === 'boolean' ||
        typeof option === 'string' ||
        (typeof option === 'number' && Number.isFinite(option)) ||
        (Array.isArray(option) &&
          option.length <= numClasses &&
          option.every((v) => Number.isSafeInteger(v)));
      if (!ok)
        check.fail(
          `${field}.presetOptions.${name}`,
          `is not a preset parameter value, got ${describe(option)}`,
        );
    }
  }
  const predictedOnly =
    report.predictedOnly === undefined
      ? undefined
      : check.choice(report.predictedOnly, `${field}.predictedOnly`, ['score', 'skip'] as const);
  return {
    aggregate: check.choice(report.aggregate, `${field}.aggregate`, ['dataset', 'image', null]),
    imageReduce: check.choice(report.imageReduce, `${field}.imageReduce`, [
      'per-class',
      'per-image',
      'pooled',
      null,
    ]),
    average: check.choice(report.average, `${field}.average`, ['macro', 'micro', 'weighted', null]),
    absent: absent as ReportOptions['absent'],
    excludeClasses,
    metrics,
    preset: preset as string | null,
    beta: beta as number | null,
    ...(presetOptions === undefined
      ? {}
      : { presetOptions: presetOptions as ReportOptions['presetOptions'] }),
    ...(predictedOnly === undefined ? {} : { predictedOnly }),
  };
}

function checkDecodeOptions(check: Checker, value: unknown): Record<string, unknown> {
  const field = 'settings.decodeOptions';
  const options = check.record(value, field, [], ['colorPalette', 'unknownColor', 'scoresLayout']);
  if (options.colorPalette !== undefined) {
    const palette = options.colorPalette;
    if (typeof palette !== 'object' || palette === null) {
      check.fail(`${field}.colorPalette`, `must be an object or an array, got ${describe(palette)}`);
    }
    const ids = Array.isArray(palette) ? palette.map((_, i) => i) : Object.values(palette);
    ids.forEach((id) => {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_UNKNOWN_COLOR) {
        check.fail(
          `${field}.colorPalette`,
          `class id ${describe(id)} is not a whole number from 0 to ${MAX_UNKNOWN_COLOR}`,
        );
      }
    });
    try {
      colorLookup(palette as ColorPalette);
    } catch (error) {
      // A colour shared by two ids is what a run itself accepts (a dataset's class colours, e.g.
      // ADE20K's, may repeat one): it matters only when a colour-coded mask is decoded, where the reader
      // says so. A state must read back whatever its run wrote.
      if (!(SegmetricsError.isInstance(error) && Array.isArray(error.context.ids))) {
        check.fail(`${field}.colorPalette`, error instanceof Error ? error.message : String(error));
      }
    }
  }
  if (options.unknownColor !== undefined) {
    check.integer(options.unknownColor, `${field}.unknownColor`, 0, MAX_UNKNOWN_COLOR);
  }
  if (options.scoresLayout !== undefined)
    check.choice(options.scoresLayout, `${field}.scoresLayout`, ['chw', 'hwc']);
  return options;
}

/**
 * Checks `settings` field by field (types, ranges, known names, own-property lookups only) and
 * against the matrix: its class count and its normalised counting settings must be the ones the
 * settings describe.
 */
export function checkSettings(
  check: Checker,
  value: unknown,
  matrixJson: unknown,
): { settings: EvaluationSettings; matrixSettings: string } {
  const settings = check.record(value, 'settings', [
    'numClasses',
    'classNames',
    'matrixOptions',
    'decodeOptions',
    'report',
    'dataset',
  ]);
  const numClasses = check.integer(settings.numClasses, 'settings.numClasses', 1, MAX_NUM_CLASSES);
  const classNames = check.array(settings.classNames, 'settings.classNames', numClasses);
  if (classNames.length !== numClasses) {
    check.fail('settings.classNames', `must hold ${numClasses} names, got ${classNames.length}`);
  }
  classNames.forEach((name, i) => {
    if (typeof name !== 'string')
      check.fail(`settings.classNames[${i}]`, `must be a string, got ${describe(name)}`);
  });
  const options = check.record(
    settings.matrixOptions,
    'settings.matrixOptions',
    ['numClasses', 'ignoreIndex', 'perImage'],
    // Core's optional counting features; their values are checked by core below (new ConfusionMatrix).
    ['labelMapping', 'instances', 'splitPredictedIgnore', 'splitIgnoredGroundTruth', 'boundary'],
  );
  check.integer(options.numClasses, 'settings.matrixOptions.numClasses', numClasses, numClasses);
  const ignoreIndex = check.array(options.ignoreIndex, 'settings.matrixOptions.ignoreIndex', 65_536);
  for (const [i, v] of ignoreIndex.entries()) {
    check.integer(v, `settings.matrixOptions.ignoreIndex[${i}]`, LABEL_VALUE_RANGE[0], LABEL_VALUE_RANGE[1]);
  }
  check.boolean(options.perImage, 'settings.matrixOptions.perImage');
  // The matrix state's own class count, before core allocates C×C counts for it.
  const matrixSettings = (matrixJson as { settings?: { numClasses?: unknown } } | null)?.settings;
  check.integer(matrixSettings?.numClasses, 'matrix.settings.numClasses', numClasses, numClasses);
  let normalized: string;
  try {
    normalized = canonicalJson(new ConfusionMatrix(options as never).settings);
  } catch (error) {
    check.fail('settings.matrixOptions', error instanceof Error ? error.message : String(error));
  }
  const dataset = settings.dataset;
  if (dataset !== null && !(typeof dataset === 'string' && Object.hasOwn(datasetPresets, dataset))) {
    check.fail(
      'settings.dataset',
      `must be a dataset name (${Object.keys(datasetPresets).join(', ')}) or null, got ${describe(dataset)}`,
    );
  }
  return {
    settings: {
      numClasses,
      classNames: classNames as string[],
      matrixOptions: options as unknown as EvaluationSettings['matrixOptions'],
      decodeOptions: checkDecodeOptions(check, settings.decodeOptions),
      report: checkReport(check, settings.report, numClasses),
      dataset: dataset as string | null,
    },
    // The canonical text of the counting settings these options give, to compare with the matrix's.
    matrixSettings: normalized,
  };
}

/** Builds a {@link Checker} for `file`. */
export function stateChecker(file: string): Checker {
  return new Checker(file);
}

export type { Checker };
