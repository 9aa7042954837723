import { readFile } from 'node:fs/promises';
import { ErrorCode, type LabelMapping, SegmetricsError } from '@segmetrics/core';
import type { ColorPalette } from '@segmetrics/io/presets';
import type { Aggregate, ImageReduce, PredictedOnlyPolicy } from '@segmetrics/metrics';
import {
  parseClassNames,
  parseColorPalette,
  parseLabelMap,
  type RunSettingsInput,
  type RunSettingsNaming,
  resolveRunSettings,
} from '@segmetrics/report';
import { usageError } from '../errors/usage-error.js';
import type { EvaluationSettings } from '../pipeline/evaluation-settings.js';
import { MAX_NUM_CLASSES, MAX_UNKNOWN_COLOR } from './limits.js';
import {
  parseAbsent,
  parseBeta,
  parseDilationRatio,
  parseIgnoreIndex,
  parseInteger,
  parseList,
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

/** Reads `--classes FILE`: one name per line (@segmetrics/report's `parseClassNames`). */
export async function readClassNames(file: string): Promise<string[]> {
  return parseClassNames(await readText(file, 'class names'), { option: '--classes', source: file });
}

/**
 * Reads `--palette FILE`: a JSON object `{"#rrggbb": id}` or an array of `[r, g, b]` (or null) indexed by
 * id (@segmetrics/report's `parseColorPalette`: usage errors naming the file).
 */
export async function readPaletteFile(file: string): Promise<ColorPalette> {
  return parseColorPalette(await readText(file, 'colour palette'), { option: '--palette', source: file });
}

/**
 * Reads `--label-map FILE`: a JSON object `{"raw id": class id | null}` (null or -1 = ignored) or an
 * array indexed by raw id (@segmetrics/report's `parseLabelMap`). Raw ids not listed pass through.
 */
export async function readLabelMapFile(file: string): Promise<NonNullable<LabelMapping['table']>> {
  return parseLabelMap(await readText(file, 'label map'), { option: '--label-map', source: file });
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
  boundary: '--boundary-dilation-ratio',
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
    // Class names or ids, resolved against the run's class names.
    ...(flags.excludeClasses === undefined
      ? {}
      : { excludeClasses: parseList(flags.excludeClasses, '--exclude-classes') }),
    ...(flags.preset === undefined ? {} : { preset: flags.preset }),
    ...(flags.presetOption === undefined ? {} : { presetOptions: flags.presetOption }),
    ...(flags.predictedOnly === undefined
      ? {}
      : { predictedOnly: flags.predictedOnly as PredictedOnlyPolicy }),
    ...(flags.beta === undefined ? {} : { beta: parseBeta(flags.beta) }),
    // --boundary-dilation-ratio alone turns Boundary IoU on too: the ratio says what to count
    ...(flags.boundaryIou === true || flags.boundaryDilationRatio !== undefined
      ? {
          boundary:
            flags.boundaryDilationRatio === undefined
              ? {}
              : { dilationRatio: parseDilationRatio(flags.boundaryDilationRatio) },
        }
      : {}),
    perImage: flags.perImage !== undefined,
  };
  const resolved = resolveRunSettings(input, {
    optionNames: OPTION_NAMES,
    ...(flags.classes === undefined ? {} : { classNamesSource: flags.classes }),
  });
  if (flags.scoresLayout !== undefined && flags.scoresLayout !== 'chw' && flags.scoresLayout !== 'hwc') {
    throw usageError('--scores-layout', `expected chw or hwc, got ${JSON.stringify(flags.scoresLayout)}`);
  }
  if (flags.scoresLayout === undefined) return resolved;
  return { ...resolved, decodeOptions: { ...resolved.decodeOptions, scoresLayout: flags.scoresLayout } };
}
