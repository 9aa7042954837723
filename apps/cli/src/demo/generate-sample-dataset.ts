import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, SegmetricsError } from '@segmetrics/core';
import { makeFolder } from '@segmetrics/io/node';
import { encode } from 'fast-png';
import { CITYSCAPES_CLASS_NAMES, CITYSCAPES_IGNORE_INDEX } from './cityscapes-classes.js';
import { checkSceneOptions } from './internal/check-options.js';
import { TRAIN } from './internal/class-ids.js';
import { majorityFilter5x5 } from './internal/majority-filter.js';
import { mixSeed } from './internal/prng.js';
import { renderScene } from './render-scene.js';

/** Options of {@link generateSampleDataset}. */
export interface SampleDatasetOptions {
  /** Number of ground-truth/prediction pairs, an integer in [1, 100000]. Default 20. */
  pairs?: number;
  /** Image width in pixels, an integer in [16, 16384]. Default 512. */
  width?: number;
  /** Image height in pixels, an integer in [16, 16384]. Default 256. */
  height?: number;
  /** Seed of the whole set, an integer in [0, 2^32). Default 1. */
  seed?: number;
  /**
   * Also write a second model's predictions to `outDir/pred-b`: the first model's followed by a 5×5
   * majority filter (for `segmetrics compare`). Default false.
   */
  secondModel?: boolean;
}

/** What {@link generateSampleDataset} wrote, and how to evaluate it. */
export interface SampleDataset {
  /** The output folder (absolute). */
  readonly outDir: string;
  /** Folder of ground-truth label maps: `<name>.png`, 8-bit gray, Cityscapes train ids and 255. */
  readonly gtDir: string;
  /** Folder of predictions with the same file names as `gtDir`. */
  readonly predDir: string;
  /** Folder of the second model's predictions (`secondModel`), else null. */
  readonly predBDir: string | null;
  /** `classes.txt` in `outDir`: the class names, one per line (for `segmetrics eval --classes`). */
  readonly classesFile: string;
  /** The file names (without `.png`) of the pairs, in order: `sample_000`, `sample_001`, … */
  readonly names: readonly string[];
  readonly numClasses: 19;
  /** The 19 Cityscapes class names in train-id order. */
  readonly classNames: readonly string[];
  readonly ignoreIndex: 255;
  readonly pairs: number;
  readonly width: number;
  readonly height: number;
  readonly seed: number;
  /** The class that occurs in neither ground truth nor predictions: `train` (id 16). */
  readonly neverPresentClass: { readonly id: number; readonly name: string };
}

const MAX_PAIRS = 100_000;

/** Where {@link generateSampleDataset} writes in `outDir` (all absolute), known before anything is written. */
export type SampleLayout = Pick<SampleDataset, 'outDir' | 'gtDir' | 'predDir' | 'predBDir' | 'classesFile'>;

/**
 * The folders and the class file a sample written to `outDir` consists of: `gt/`, `pred/`, `pred-b/`
 * (with `secondModel`, else null) and `classes.txt`, as absolute paths.
 */
export function sampleLayout(outDir: string, secondModel: boolean): SampleLayout {
  const root = resolve(outDir);
  return {
    outDir: root,
    gtDir: join(root, 'gt'),
    predDir: join(root, 'pred'),
    predBDir: secondModel ? join(root, 'pred-b') : null,
    classesFile: join(root, 'classes.txt'),
  };
}

/** The text of a sample's `classes.txt`: the 19 Cityscapes class names in train-id order, one per line. */
export function sampleClassesText(): string {
  return `${CITYSCAPES_CLASS_NAMES.join('\n')}\n`;
}

/**
 * The seed of pair `index` of a sample dataset with seed `seed`: pair i of {@link generateSampleDataset}
 * is `renderScene(sampleSceneSeed(seed, i), width, height)`.
 */
export function sampleSceneSeed(seed: number, index: number): number {
  return mixSeed(seed, index);
}

/** The file name (without extension) of pair `index` in a set of `pairs` pairs. */
export function sampleName(index: number, pairs: number): string {
  return `sample_${String(index).padStart(Math.max(3, String(pairs - 1).length), '0')}`;
}

/**
 * Writes a small Cityscapes-like evaluation set: `outDir/gt/<name>.png` and `outDir/pred/<name>.png`
 * (8-bit grayscale PNGs encoded with fast-png) for each pair, rendered by {@link renderScene}, plus
 * `outDir/classes.txt` (and `outDir/pred-b/<name>.png` with `secondModel`). The bytes are identical on every machine for the same options. Ground truth
 * uses the 19 Cityscapes train ids and 255 (ignored); class 16 (`train`) never occurs in ground truth
 * or predictions, so it is an absent class (IoU 0/0: NaN, left out of the mean under the default
 * policy). Existing files with the same names are overwritten; other files are left alone.
 *
 * @throws SegmetricsError INVALID_OPTION for an option outside its range; IO_FAILED (naming the path)
 *   when a folder or file cannot be written
 */
export async function generateSampleDataset(
  outDir: string,
  options: SampleDatasetOptions = {},
): Promise<SampleDataset> {
  const pairs = options.pairs ?? 20;
  const width = options.width ?? 512;
  const height = options.height ?? 256;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > MAX_PAIRS) {
    throw new SegmetricsError(
      ErrorCode.INVALID_OPTION,
      `pairs must be an integer between 1 and ${MAX_PAIRS}, got ${String(pairs)}`,
      { context: { option: 'pairs', value: pairs } },
    );
  }
  checkSceneOptions(seed, width, height);

  const {
    outDir: root,
    gtDir,
    predDir,
    predBDir,
    classesFile,
  } = sampleLayout(outDir, options.secondModel === true);
  // Not node's recursive mkdir: it loops forever where a file system refuses folders with ENOENT (/proc).
  if (predBDir !== null) await write(predBDir, () => makeFolder(predBDir));
  await write(gtDir, () => makeFolder(gtDir));
  await write(predDir, () => makeFolder(predDir));
  await write(classesFile, () => writeFile(classesFile, sampleClassesText()));

  const names: string[] = [];
  for (let i = 0; i < pairs; i++) {
    const name = sampleName(i, pairs);
    const { gt, pred } = renderScene(sampleSceneSeed(seed, i), width, height);
    const gtFile = join(gtDir, `${name}.png`);
    const predFile = join(predDir, `${name}.png`);
    await write(gtFile, () => writeFile(gtFile, encodeGray(gt, width, height)));
    await write(predFile, () => writeFile(predFile, encodeGray(pred, width, height)));
    if (predBDir !== null) {
      const predBFile = join(predBDir, `${name}.png`);
      const filtered = majorityFilter5x5(pred, width, height);
      await write(predBFile, () => writeFile(predBFile, encodeGray(filtered, width, height)));
    }
    names.push(name);
  }
  return {
    outDir: root,
    gtDir,
    predDir,
    predBDir,
    classesFile,
    names,
    numClasses: 19,
    classNames: CITYSCAPES_CLASS_NAMES,
    ignoreIndex: CITYSCAPES_IGNORE_INDEX,
    pairs,
    width,
    height,
    seed,
    neverPresentClass: { id: TRAIN, name: CITYSCAPES_CLASS_NAMES[TRAIN] },
  };
}

function encodeGray(data: Uint8Array, width: number, height: number): Uint8Array {
  return encode({ width, height, data, depth: 8, channels: 1 });
}

async function write(path: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new SegmetricsError(ErrorCode.IO_FAILED, `cannot write ${path}: ${(error as Error).message}`, {
      context: { file: path },
      cause: error,
    });
  }
}
