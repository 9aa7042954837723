import { readFile } from 'node:fs/promises';
import { ErrorCode, type LabelMapping, SegmetricsError } from '@segmetrics/core';
import { type ColorPalette, colorLookup } from '@segmetrics/io/presets';
import type { Aggregate, ImageReduce, PredictedOnlyPolicy } from '@segmetrics/metrics';
import { type RunSettingsInput, type RunSettingsNaming, resolveRunSettings } from '@segmetrics/report';
import { usageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { repeatedJsonKey } from '../util/repeated-json-key.js';
import { DEFAULT_DILATION_RATIO, LABEL_VALUE_RANGE, MAX_NUM_CLASSES, MAX_UNKNOWN_COLOR } from './limits.js';
import {
  parseAbsent,
  parseBeta,
  parseDilationRatio,
  parseIgnoreIndex,
  parseInteger,
  parseList,
  resolveClassList,
} from './parse-values.js';

/** Raw commander values of the dataset and report options. */
export interface SettingsFlags {
  numClasses?: string;
  ignoreIndex?: string[];
  reduceZeroLabel?: boolean;
  labelMap?: string;
  mappingAppliesTo?: string;
  classes?: string;
  palette?: string;
  unknownColor?: string;
  dataset?: string;
  aggregate?: string;
  imageReduce?: string;
  average?: string;
  absent?: string;
  excludeClasses?: string[];
  metrics?: string[];
  preset?: string;
  presetOption?: string[];
  predictedOnly?: string;
  beta?: string;
  perImage?: string;
  scoresLayout?: string;
  boundaryIou?: boolean;
  boundaryDilationRatio?: string;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SegmetricsError(ErrorCode.IO_FAILED, `${file}: cannot read ${what}: ${reason}`, {
      context: { file },
      cause: error,
    });
  }
}

/** Reads `--classes FILE`: one name per line; blank lines and lines starting with `#` are skipped. */
export async function readClassNames(file: string): Promise<string[]> {
  const text = await readText(file, 'class names');
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (names.length === 0) throw usageError('--classes', `${file} holds no class names`, file);
  const first = new Map<string, number>();
  names.forEach((name, id) => {
    const earlier = first.get(name);
    if (earlier !== undefined) {
      throw usageError(
        '--classes',
        `${file}: the name "${name}" is given to classes ${earlier} and ${id}`,
        file,
      );
    }
    first.set(name, id);
  });
  return names;
}

/**
 * Reads `--palette FILE`: a JSON object `{"#rrggbb": id}` or an array of `[r, g, b]` (or null) indexed by
 * id, checked with @segmetrics/io's `colorLookup` (malformed colours, non-integer ids and a colour given
 * two ids are usage errors naming the file).
 */
export async function readPaletteFile(file: string): Promise<ColorPalette> {
  const text = await readText(file, 'colour palette');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw usageError('--palette', `${file} is not valid JSON`, file);
  }
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) {
    throw usageError('--palette', `${file}: the colour "${repeated}" is given twice`, file);
  }
  if (typeof data !== 'object' || data === null) {
    throw usageError(
      '--palette',
      `${file}: expected an object {"#rrggbb": id} or an array of [r, g, b]`,
      file,
    );
  }
  const ids: unknown[] = Array.isArray(data)
    ? data.map((_, id) => id)
    : Object.values(data as Record<string, unknown>);
  for (const id of ids) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_UNKNOWN_COLOR) {
      throw usageError(
        '--palette',
        `${file}: class id ${JSON.stringify(id)} is not a whole number from 0 to ${MAX_UNKNOWN_COLOR}`,
        file,
      );
    }
  }
  try {
    if (colorLookup(data as ColorPalette).size === 0) throw new Error('the palette holds no colour');
  } catch (error) {
    throw usageError('--palette', `${file}: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  return data as ColorPalette;
}

/**
 * Reads `--label-map FILE`: a JSON object `{"raw id": class id | null}` (null or -1 = ignored) or an
 * array indexed by raw id. Raw ids not listed pass through unchanged.
 */
export async function readLabelMapFile(file: string): Promise<NonNullable<LabelMapping['table']>> {
  const text = await readText(file, 'label map');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw usageError('--label-map', `${file} is not valid JSON`, file);
  }
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) {
    throw usageError('--label-map', `${file}: the label value "${repeated}" is given twice`, file);
  }
  const [min, max] = LABEL_VALUE_RANGE;
  const valid = (v: unknown) =>
    v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= -1 && v <= max);
  if (Array.isArray(data)) {
    const bad = data.findIndex((v) => !valid(v));
    if (bad >= 0) {
      throw usageError(
        '--label-map',
        `${file}: entry ${bad}: ${JSON.stringify(data[bad])} is not a class id (a whole number from -1 to ${max}) or null`,
        file,
      );
    }
    return data as (number | null)[];
  }
  if (typeof data !== 'object' || data === null) {
    throw usageError('--label-map', `${file}: expected an object {"raw": class} or an array`, file);
  }
  const table: Record<number, number | null> = {};
  const keyOf = new Map<number, string>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!/^-?\d+$/.test(key) || Number(key) < min || Number(key) > max || !valid(value)) {
      throw usageError(
        '--label-map',
        `${file}: entry "${key}": ${JSON.stringify(value)} is not label value → class id (or null); label values are whole numbers from ${min} to ${max}`,
        file,
      );
    }
    // "1" and "01" (or "-0" and "0") name one label value: one of them would be lost.
    const other = keyOf.get(Number(key));
    if (other !== undefined) {
      throw usageError(
        '--label-map',
        `${file}: entries "${other}" and "${key}" both name label value ${Number(key)}`,
        file,
      );
    }
    keyOf.set(Number(key), key);
    table[Number(key)] = value as number | null;
  }
  return table;
}

/** What the CLI's messages call each setting: its flags. */
const OPTION_NAMES: RunSettingsNaming['optionNames'] = {
  dataset: '--dataset',
  numClasses: '--num-classes',
  classNames: '--classes',
  ignoreIndex: '--ignore-index',
  reduceZeroLabel: '--reduce-zero-label',
  labelMap: '--label-map',
  labelMappingApplyTo: '--mapping-applies-to',
  colorPalette: '--palette',
  unknownColor: '--unknown-color',
  aggregate: '--aggregate',
  imageReduce: '--image-reduce',
  average: '--average',
  absent: '--absent',
  excludeClasses: '--exclude-classes',
  metrics: '--metrics',
  preset: '--preset',
  presetOptions: '--preset-option',
  predictedOnly: '--predicted-only',
  beta: '--beta',
  perImage: '--per-image',
};

/**
 * Turns the dataset and report flags into the run's {@link EvaluationSettings}: parses the flags and
 * reads the files they name, then applies @segmetrics/report's `resolveRunSettings` (the rules the web
 * app shares): `--dataset` supplies defaults (class count, names, ignore labels, mapping) that explicit
 * flags override; `--reduce-zero-label` without `--ignore-index` ignores 255 (mmsegmentation's
 * convention). Per-image statistics are kept only when needed (`--aggregate image` or `--per-image`).
 */
export async function resolveSettings(flags: SettingsFlags): Promise<EvaluationSettings> {
  const classNames = flags.classes === undefined ? undefined : await readClassNames(flags.classes);
  if (flags.numClasses === undefined && classNames !== undefined && classNames.length > MAX_NUM_CLASSES) {
    throw usageError(
      '--classes',
      `${flags.classes} holds ${classNames.length} class names, more than the largest class count segmetrics evaluates (${MAX_NUM_CLASSES})`,
      flags.classes,
    );
  }
  const input: RunSettingsInput = {
    ...(flags.dataset === undefined ? {} : { dataset: flags.dataset }),
    ...(flags.numClasses === undefined
      ? {}
      : {
          numClasses: parseInteger('--num-classes', flags.numClasses, {
            min: 1,
            max: MAX_NUM_CLASSES,
            maxReason: 'the largest class count segmetrics evaluates',
          }),
        }),
    ...(classNames === undefined ? {} : { classNames }),
    ignoreIndex: parseIgnoreIndex(flags.ignoreIndex ?? []),
    ...(flags.reduceZeroLabel === undefined ? {} : { reduceZeroLabel: flags.reduceZeroLabel }),
    ...(flags.labelMap === undefined ? {} : { labelMap: await readLabelMapFile(flags.labelMap) }),
    ...(flags.mappingAppliesTo === undefined
      ? {}
      : { labelMappingApplyTo: flags.mappingAppliesTo as 'gt' | 'both' }),
    ...(flags.palette === undefined ? {} : { colorPalette: await readPaletteFile(flags.palette) }),
    ...(flags.unknownColor === undefined
      ? {}
      : {
          unknownColor: parseInteger('--unknown-color', flags.unknownColor, {
            min: 0,
            max: MAX_UNKNOWN_COLOR,
            maxReason: 'the largest label a mask decodes to',
          }),
        }),
    ...(flags.aggregate === undefined ? {} : { aggregate: flags.aggregate as Aggregate }),
    ...(flags.imageReduce === undefined ? {} : { imageReduce: flags.imageReduce as ImageReduce }),
    ...(flags.average === undefined
      ? {}
      : { average: flags.average as NonNullable<RunSettingsInput['average']> }),
    ...(flags.absent === undefined ? {} : { absent: parseAbsent(flags.absent) }),
    metrics: parseList(flags.metrics ?? [], '--metrics'),
    ...(flags.preset === undefined ? {} : { preset: flags.preset }),
    ...(flags.presetOption === undefined ? {} : { presetOptions: flags.presetOption }),
    ...(flags.predictedOnly === undefined
      ? {}
      : { predictedOnly: flags.predictedOnly as PredictedOnlyPolicy }),
    ...(flags.beta === undefined ? {} : { beta: parseBeta(flags.beta) }),
    perImage: flags.perImage !== undefined,
  };
  const resolved = resolveRunSettings(input, {
    optionNames: OPTION_NAMES,
    ...(flags.classes === undefined ? {} : { classNamesSource: flags.classes }),
  });
  if (flags.scoresLayout !== undefined && flags.scoresLayout !== 'chw' && flags.scoresLayout !== 'hwc') {
    throw usageError('--scores-layout', `expected chw or hwc, got ${JSON.stringify(flags.scoresLayout)}`);
  }
  // --boundary-dilation-ratio alone turns Boundary IoU on too: the ratio says what to count
  const boundary =
    flags.boundaryIou === true || flags.boundaryDilationRatio !== undefined
      ? {
          dilationRatio:
            flags.boundaryDilationRatio === undefined
              ? DEFAULT_DILATION_RATIO
              : parseDilationRatio(flags.boundaryDilationRatio),
        }
      : null;
  const counted =
    boundary === null ? resolved : { ...resolved, matrixOptions: { ...resolved.matrixOptions, boundary } };
  const settings =
    flags.scoresLayout === undefined
      ? counted
      : { ...counted, decodeOptions: { ...counted.decodeOptions, scoresLayout: flags.scoresLayout } };
  if (flags.excludeClasses === undefined) return settings;
  // Class names or ids: resolved against the run's class names.
  const excludeClasses = resolveClassList(
    parseList(flags.excludeClasses, '--exclude-classes'),
    settings.numClasses,
    settings.classNames,
  );
  return { ...settings, report: { ...settings.report, excludeClasses } };
}
