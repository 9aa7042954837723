import { availableParallelism } from 'node:os';

/**
 * Upper bounds of the CLI's numeric options, chosen from what a run can use. Each is documented in the
 * README ("Limits"); a value beyond one is a usage error (exit code 2) naming the option and the bound.
 */

/**
 * Largest class count C. The pipeline keeps a C×C float64 matrix per counter and ships one per chunk from
 * each worker thread (8 MiB at C = 1024), and per-image statistics cost 24·C bytes per image: 1024 covers
 * every common benchmark (ADE20K-847, Pascal Context-459, COCO-Stuff, Cityscapes, VOC, Mapillary).
 */
export const MAX_NUM_CLASSES = 1024;

/** Decoders per available core beyond which more threads only add memory (decoding is CPU-bound). */
export const WORKERS_PER_CORE = 4;

/** Absolute cap on `--workers`, whatever the core count (each thread costs ~10 MB before any image). */
export const MAX_WORKERS_CAP = 64;

/** Largest `--workers` on a machine with `cores` available cores: min(4 × cores, 64). */
export function maxWorkers(cores: number = availableParallelism()): number {
  return Math.min(WORKERS_PER_CORE * Math.max(1, cores), MAX_WORKERS_CAP);
}

/** Largest shard count n of `--shard i/n` and `--shard-count` (Kubernetes' limit on indexed Job completions). */
export const MAX_SHARD_COUNT = 100_000;

/** Largest β of the F-score: beyond it F-β equals recall to every printed digit. */
export const MAX_BETA = 1000;

/** `--absent NUMBER` lies in [-1, 1]: metric values are fractions, -1 is the usual "undefined" sentinel. */
export const ABSENT_RANGE = [-1, 1] as const;

/** Raw label values (ignore labels, label-map keys) are int32/uint32 values of a label map. */
export const LABEL_VALUE_RANGE = [-(2 ** 31), 2 ** 32 - 1] as const;

/** `--unknown-color ID`: a label a mask decoder may emit (16-bit at most). */
export const MAX_UNKNOWN_COLOR = 65_535;

/** `SEGMETRICS_SAVE_INTERVAL` (seconds between periodic state saves) lies in [0, 86400]. */
export const MAX_SAVE_INTERVAL_SECONDS = 86_400;

/** `--stop-after n` (a testing hook): at most 2^53 − 1 images. */
export const MAX_STOP_AFTER = Number.MAX_SAFE_INTEGER;

/** `--report-images N`: worst images pictured in the HTML report (three ~256 px PNGs each, ~0.1 MB). */
export const MAX_REPORT_IMAGES = 1000;

/** Boundary IoU's default dilation ratio r (the paper's default, `--boundary-dilation-ratio`). */
export const DEFAULT_DILATION_RATIO = 0.02;

/**
 * The largest `--boundary-dilation-ratio`: core's `MAX_DILATION_RATIO` (a boundary as wide as the
 * diagonal), repeated here so that `--help` and `--version` do not load core (a test checks they agree).
 */
export const MAX_DILATION_RATIO = 1;
