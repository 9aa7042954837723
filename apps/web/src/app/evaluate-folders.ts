import type { ConfusionMatrix } from '@segmetrics/core';
import { type Comparison, compareMatrices, type EvaluationReport } from '@segmetrics/metrics';
import {
  buildComparisonReport,
  buildRunReport,
  type ComparisonReport,
  comparisonToJson,
  type HtmlReportImage,
  perImageRows,
  type Report,
  renderComparisonHtml,
  renderHtmlReport,
  reportToCsv,
  reportToJson,
  runClassColors,
  runEvaluateOptions,
} from '@segmetrics/report';
import type { FolderFiles } from '../files/folder-files.js';
import { type PairedFolders, pairFolders, type WebPair } from '../files/pair-folders.js';
import { paletteMismatchNote } from '../files/palette-mismatch.js';
import { CancelledError, CountPool, type WorkerLike } from '../run/count-pool.js';
import type { PictureTask } from '../run/messages.js';
import { MAX_WORKERS, parseWebSettings, type WebRun } from '../settings/run-input.js';
import type { WebSettings } from '../settings/web-settings.js';
import { VERSION } from '../version.js';

/** What a run evaluates: the folders and the form's settings. */
export interface EvaluationInput {
  readonly gt: FolderFiles;
  /** One prediction folder, or two to compare (A, then B). */
  readonly predictions: readonly FolderFiles[];
  readonly settings: WebSettings;
}

/** What the page hears while a run goes on. */
export interface EvaluationCallbacks {
  /** The pairs were found; counting starts on `workers` workers. */
  onPaired?(paired: PairedFolders, workers: number): void;
  /** After each image counted. */
  onProgress?(done: number, total: number): void;
  /** Counting is done; the worst images are being drawn. */
  onPictures?(count: number): void;
  /**
   * The first pair's palette PNGs colour an index differently and no palette reads them by colour (the
   * CLI's warning): the note to show.
   */
  onPaletteMismatch?(note: string): void;
  /** Two folders: the paired comparison is being computed. */
  onComparing?(): void;
  readonly signal?: AbortSignal;
}

/** One prediction folder's report and its views. */
export interface FolderReport {
  /** The prediction folder's name. */
  readonly folder: string;
  readonly matrix: ConfusionMatrix;
  readonly evaluation: EvaluationReport;
  readonly report: Report;
  /** `reportToJson(report)`: the CLI's `--format json` output. */
  readonly json: string;
  /** `reportToCsv(report)`: the CLI's `--format csv` output. */
  readonly csv: string;
  /** `renderHtmlReport(...)`: the CLI's `--report` file. */
  readonly html: string;
  /** Worst images whose files could not be read again. */
  readonly problems: readonly string[];
}

/** The comparison of two prediction folders, as `segmetrics compare` writes it. */
export interface ComparisonViews {
  readonly report: ComparisonReport;
  /** `comparisonToJson(report)`: `segmetrics compare --format json`. */
  readonly json: string;
  /** `renderComparisonHtml({ report })`: `segmetrics compare --report`. */
  readonly html: string;
}

/** The result of a run. */
export interface EvaluationOutput {
  readonly run: WebRun;
  readonly paired: PairedFolders;
  /** One per prediction folder, in the order given. */
  readonly reports: readonly FolderReport[];
  /**
   * With two prediction folders: @segmetrics/metrics' `compareMatrices(A, B)` — the differences B − A
   * (exactly those of the two reports), their paired bootstrap intervals and permutation p-values.
   */
  readonly comparison: Comparison | null;
  /**
   * With two prediction folders: the comparison's report model (`buildComparisonReport`, as `segmetrics
   * compare` builds it) and its views, the CLI's `compare --format json` output and `--report` file.
   */
  readonly comparisonReport: ComparisonViews | null;
  /** Counting kernels the workers reported (`lastCountKernel()`), sorted. */
  readonly kernels: readonly string[];
  readonly workers: number;
  /** Seconds spent decoding and counting (without the pictures). */
  readonly countSeconds: number;
}

/**
 * Web Workers for a run: one per core (`navigator.hardwareConcurrency`), at most {@link MAX_WORKERS}
 * and never more than there are pairs; `requested` (the Workers setting) overrides the core count.
 */
export function workerCount(requested: number | null, cores: number | undefined, pairs: number): number {
  const wanted = requested ?? Math.min(Math.max(1, cores ?? 2), MAX_WORKERS);
  return Math.max(1, Math.min(wanted, pairs));
}

function pictureNote(limit: number, problems: readonly string[]): string | undefined {
  if (limit === 0) return 'No images listed (worst images: 0).';
  if (problems.length > 0) {
    return `Pictures of ${problems.length} image(s) left out, their files could not be read again: ${problems[0]}`;
  }
  return undefined;
}

/**
 * Runs an evaluation in the page, as `segmetrics eval` (with `--report`) runs it: parses and resolves
 * the settings with the CLI's shared rules, pairs the folders, decodes and counts on Web Workers (with
 * per-image statistics, for the worst images), builds each prediction folder's report with the CLI's
 * `buildRunReport` (so its JSON is byte-identical to `--format json`), re-reads only the worst images'
 * files for their pictures and renders the HTML report; with two folders, compares them with
 * `compareMatrices` (the confidence settings, else 1000 samples at 95 %, seed 0). Throws the settings', pairing's or counting's
 * error (naming the file), or `CancelledError`.
 */
export async function evaluateFolders(
  input: EvaluationInput,
  callbacks: EvaluationCallbacks,
  createWorker: () => WorkerLike,
  cores: number | undefined,
): Promise<EvaluationOutput> {
  const run = parseWebSettings(input.settings);
  const { settings } = run;
  const paired = pairFolders(input.gt, input.predictions, run.pairing);
  const workers = workerCount(run.workers, cores, paired.pairs.length);
  callbacks.onPaired?.(paired, workers);
  if (settings.decodeOptions.colorPalette === undefined) {
    const note = await paletteMismatchNote(paired.pairs[0]);
    if (note !== null) callbacks.onPaletteMismatch?.(note);
  }
  // Per-image statistics always (the worst images); the presets see them only when the settings asked
  // for them, so the JSON report is the CLI's with or without `--report` and `--ci`.
  const countOptions = { ...settings.matrixOptions, perImage: true };
  const predictions = input.predictions.length === 2 ? 2 : 1;
  const pool = new CountPool(
    createWorker,
    workers,
    { matrixOptions: countOptions, decodeOptions: settings.decodeOptions },
    predictions,
  );
  try {
    const started = performance.now();
    const counted = await pool.count(paired.pairs, {
      onProgress: (done, total) => callbacks.onProgress?.(done, total),
      ...(callbacks.signal === undefined ? {} : { signal: callbacks.signal }),
    });
    const countSeconds = (performance.now() - started) / 1000;
    const colors = runClassColors(settings);
    const built = counted.matrices.map((matrix) => {
      const one = buildRunReport(matrix, settings, {
        toolVersion: VERSION,
        // The report lists the worst images only: every image is ranked, only those get full results.
        perImage: { worst: run.reportImages },
        // The CLI's rule: statistics kept for the worst images or the confidence intervals only do not
        // turn imagewise presets on (see `WebRun.presetsPerImage`).
        presetsPerImage: run.presetsPerImage,
      });
      return { ...one, report: completeRun(one.report) };
    });
    const rows = built.map(({ evaluation }) =>
      run.reportImages === 0 ? [] : perImageRows(evaluation, run.reportImages),
    );
    const tasks: RankedPictureTask[] = [];
    const byId = new Map(paired.pairs.map((pair) => [pair.id, pair]));
    rows.forEach((list, side) => {
      list.forEach((row, i) => {
        const pair = byId.get(row.id);
        if (pair === undefined) return;
        tasks.push(pictureTask(pair, side, tasks.length, row.id, i));
      });
    });
    callbacks.onPictures?.(tasks.length);
    const pictures = await pool.pictures(tasks, colors, callbacks.signal);
    const reports = built.map(({ evaluation, report }, side): FolderReport => {
      const problems: string[] = [];
      const images: HtmlReportImage[] = rows[side]!.map((row, i) => {
        const at = tasks.findIndex((task) => task.side === side && task.rank === i);
        const result = at < 0 ? undefined : pictures[at];
        if (result === undefined || result.problem !== undefined) {
          if (result?.problem !== undefined) problems.push(result.problem);
          return { row };
        }
        return {
          row,
          ...(result.width === undefined ? {} : { width: result.width }),
          ...(result.height === undefined ? {} : { height: result.height }),
          ...(result.groundTruth === undefined ? {} : { groundTruth: result.groundTruth }),
          ...(result.prediction === undefined ? {} : { prediction: result.prediction }),
          ...(result.errorMap === undefined ? {} : { errorMap: result.errorMap }),
        };
      });
      const note = pictureNote(run.reportImages, problems);
      const html = renderHtmlReport({
        report,
        images,
        classColors: colors,
        ...(note === undefined ? {} : { imagesNote: note }),
      });
      return {
        folder: input.predictions[side]!.name,
        matrix: counted.matrices[side]!,
        evaluation,
        report,
        json: reportToJson(report),
        csv: reportToCsv(report),
        html,
        problems,
      };
    });
    let comparison: Comparison | null = null;
    let comparisonReport: ComparisonViews | null = null;
    if (counted.matrices.length === 2) {
      callbacks.onComparing?.();
      // Let the page show what it is doing before the bootstrap and permutations take the thread.
      await new Promise((done) => setTimeout(done, 0));
      if (callbacks.signal?.aborted === true) throw new CancelledError();
      // As `segmetrics compare` (its compareCounts): the same options, model and views.
      comparison = compareMatrices(counted.matrices[0]!, counted.matrices[1]!, {
        ...runEvaluateOptions(settings, true),
        ...(settings.report.confidence ?? {}),
        topImages: run.topImages,
      });
      const model = buildComparisonReport({
        comparison,
        sources: { a: input.predictions[0]!.name, b: input.predictions[1]!.name },
        boundary: counted.matrices[0]!.settings.boundary,
        run: { toolVersion: VERSION, metrics: settings.report.metrics, dataset: settings.dataset },
      });
      comparisonReport = {
        report: model,
        json: comparisonToJson(model),
        html: renderComparisonHtml({ report: model }),
      };
    }
    return {
      run,
      paired,
      reports,
      comparison,
      comparisonReport,
      kernels: counted.kernels,
      workers,
      countSeconds,
    };
  } finally {
    pool.close();
  }
}

/**
 * The report with the run facts the CLI adds after the model (its `withRunFacts`): `settings.partial`,
 * `null` for a complete run — the page always evaluates every pair. Drop once the model carries it.
 */
function completeRun(report: Report): Report {
  return { ...report, settings: { ...report.settings, partial: null } as Report['settings'] };
}

/** A picture task with the report (`side`: 0 = A, 1 = B) and rank among its worst images it is for. */
type RankedPictureTask = PictureTask & { readonly side: number; readonly rank: number };

function pictureTask(
  pair: WebPair,
  side: number,
  index: number,
  id: string,
  rank: number,
): RankedPictureTask {
  const second = side === 1 && pair.predB !== undefined && pair.predBPath !== undefined;
  return {
    index,
    id,
    gt: pair.gt,
    gtPath: pair.gtPath,
    pred: second ? pair.predB! : pair.pred,
    predPath: second ? pair.predBPath! : pair.predPath,
    side,
    rank,
  };
}
