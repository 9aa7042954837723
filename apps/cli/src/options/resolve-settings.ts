import { readFile } from 'node:fs/promises';
import { type ConfusionMatrixOptions, ErrorCode, type LabelMapping, SegmetricsError } from '@segmetrics/core';
import { type ColorPalette, colorLookup, getDatasetPreset } from '@segmetrics/io';
import { getMetric, getPreset, type Preset, parsePresetOptions } from '@segmetrics/metrics';
import { usageError } from '../errors/usage-error.js';
import {
  defaultClassNames,
  type EvaluationSettings,
  type ReportOptions,
} from '../pipeline/evaluation-settings.js';
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
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!/^-?\d+$/.test(key) || Number(key) < min || Number(key) > max || !valid(value)) {
      throw usageError(
        '--label-map',
        `${file}: entry "${key}": ${JSON.stringify(value)} is not label value → class id (or null); label values are whole numbers from ${min} to ${max}`,
        file,
      );
    }
    table[Number(key)] = value as number | null;
  }
  return table;
}

/**
 * Turns the dataset and report flags into the run's {@link EvaluationSettings}: `--dataset` supplies
 * defaults (class count, names, ignore labels, mapping) that explicit flags override;
 * `--reduce-zero-label` without `--ignore-index` ignores 255 (mmsegmentation's convention).
 * Per-image statistics are kept only when needed (`--aggregate image` or `--per-image`).
 */
export async function resolveSettings(flags: SettingsFlags): Promise<EvaluationSettings> {
  const dataset = flags.dataset === undefined ? null : getDatasetPreset(flags.dataset as 'cityscapes');
  let classNames: string[] | null = flags.classes === undefined ? null : await readClassNames(flags.classes);
  let numClasses: number | undefined =
    flags.numClasses === undefined
      ? undefined
      : parseInteger('--num-classes', flags.numClasses, {
          min: 1,
          max: MAX_NUM_CLASSES,
          maxReason: 'the largest class count segmetrics evaluates',
        });
  if (numClasses === undefined) numClasses = classNames?.length ?? dataset?.numClasses;
  if (numClasses === undefined) {
    throw usageError('--num-classes', 'required (or give --dataset or --classes)');
  }
  if (numClasses > MAX_NUM_CLASSES) {
    throw usageError(
      '--classes',
      `${flags.classes} holds ${numClasses} class names, more than the largest class count segmetrics evaluates (${MAX_NUM_CLASSES})`,
      flags.classes,
    );
  }
  if (classNames !== null && classNames.length !== numClasses) {
    throw usageError(
      '--classes',
      `${flags.classes} holds ${classNames.length} names but there are ${numClasses} classes`,
      flags.classes,
    );
  }
  if (classNames === null && dataset !== null && dataset.numClasses === numClasses) {
    classNames = [...dataset.classNames];
  }
  const names = classNames ?? defaultClassNames(numClasses);

  const reduceZeroLabel =
    flags.reduceZeroLabel === true ||
    (flags.reduceZeroLabel === undefined && dataset?.reduceZeroLabel === true);
  const explicitIgnore = parseIgnoreIndex(flags.ignoreIndex ?? []);
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
  const table = flags.labelMap !== undefined ? await readLabelMapFile(flags.labelMap) : presetMapping?.table;
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
  const matrixOptions: ConfusionMatrixOptions = {
    numClasses,
    ignoreIndex,
    ...(boundary === null ? {} : { boundary }),
    ...(table !== undefined || reduceZeroLabel
      ? {
          labelMapping: {
            ...(table === undefined ? {} : { table }),
            reduceZeroLabel,
            ...(presetMapping?.applyTo === undefined ? {} : { applyTo: presetMapping.applyTo }),
          },
        }
      : {}),
  };

  const excludeClasses = resolveClassList(parseList(flags.excludeClasses ?? []), numClasses, names);
  const preset = resolvePreset(flags.preset);
  if (flags.presetOption !== undefined && preset === null) {
    throw usageError('--preset-option', 'needs --preset (the library whose parameter it sets)');
  }
  const presetOptions = preset === null ? null : parsePresetOptions(preset.name, flags.presetOption ?? []);
  const metrics = parseList(flags.metrics ?? []);
  for (const id of metrics) getMetric(id);
  const report: ReportOptions = {
    aggregate: (flags.aggregate ?? null) as ReportOptions['aggregate'],
    imageReduce: (flags.imageReduce ?? null) as ReportOptions['imageReduce'],
    average: (flags.average ?? null) as ReportOptions['average'],
    absent: flags.absent === undefined ? null : parseAbsent(flags.absent),
    excludeClasses,
    metrics,
    preset: preset?.name ?? null,
    beta: flags.beta === undefined ? null : parseBeta(flags.beta),
    ...(presetOptions !== null && Object.keys(presetOptions).length > 0 ? { presetOptions } : {}),
    ...(flags.predictedOnly === undefined
      ? {}
      : { predictedOnly: flags.predictedOnly as NonNullable<ReportOptions['predictedOnly']> }),
  };
  const aggregate = report.aggregate ?? preset?.aggregate ?? 'dataset';
  const perImage = aggregate === 'image' || flags.perImage !== undefined;
  const decodeOptions: Record<string, unknown> = {};
  // Colour-coded masks decode through the dataset's mask palette (which also holds the colours of
  // ignored regions, e.g. VOC's border), else through its class colours.
  const colorPalette =
    flags.palette !== undefined
      ? await readPaletteFile(flags.palette)
      : (dataset?.maskPalette ?? dataset?.colors);
  if (colorPalette !== undefined) decodeOptions.colorPalette = colorPalette;
  if (flags.unknownColor !== undefined) {
    const id = parseInteger('--unknown-color', flags.unknownColor, {
      min: 0,
      max: MAX_UNKNOWN_COLOR,
      maxReason: 'the largest label a mask decodes to',
    });
    if (matrixOptions.labelMapping === undefined && id >= numClasses && !ignoreIndex.includes(id)) {
      throw usageError(
        '--unknown-color',
        `${id} is neither a class id (0 … ${numClasses - 1}) nor an ignore label (${ignoreIndex.length === 0 ? 'none given' : ignoreIndex.join(', ')})`,
        flags.unknownColor,
      );
    }
    decodeOptions.unknownColor = id;
  }
  if (flags.scoresLayout !== undefined) {
    if (flags.scoresLayout !== 'chw' && flags.scoresLayout !== 'hwc') {
      throw usageError('--scores-layout', `expected chw or hwc, got ${JSON.stringify(flags.scoresLayout)}`);
    }
    decodeOptions.scoresLayout = flags.scoresLayout;
  }
  return {
    numClasses,
    classNames: names,
    matrixOptions: { ...matrixOptions, perImage },
    decodeOptions,
    report,
    dataset: flags.dataset ?? null,
  };
}

/**
 * Looks up `--preset` (own property names only); an unknown name is `UNKNOWN_PRESET` (exit code 2) listing
 * the known ones.
 */
export function resolvePreset(name: string | undefined): Preset | null {
  if (name === undefined) return null;
  try {
    return getPreset(name);
  } catch (error) {
    if (!SegmetricsError.isInstance(error)) throw error;
    throw new SegmetricsError(ErrorCode.UNKNOWN_PRESET, `--preset: ${error.message}`, {
      context: { ...error.context, option: '--preset' },
      cause: error,
    });
  }
}
