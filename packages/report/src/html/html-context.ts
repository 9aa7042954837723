import type { Report } from '../report-model.js';
import { type MetricSelection, selectMetrics } from '../select-metrics.js';
import { cssColor, defaultClassColors, REPORT_PICTURE_COLORS, type RgbTriple } from './class-colors.js';
import type { HtmlReportImage, HtmlReportInput } from './html-report-input.js';

/** An interval `[low, high]` of a confidence estimate (NaN/`null` when undefined). */
export type Interval = readonly [number | null, number | null];

/**
 * Fields other streams add to the report model, read when present: bootstrap confidence intervals
 * (issue 11); Cityscapes categories (issue 13) are in the model (`perCategory`). Per-class extras (`boundaryIoU`, `iiou`) are read from
 * the rows by key. Kept structural so that the page renders them as soon as a run computes them.
 */
export interface OptionalReportFields {
  readonly confidence?: {
    readonly level: number;
    readonly samples: number;
    readonly seed: number;
    readonly method: string;
    readonly unit: string;
    readonly summary: Readonly<Record<string, Interval | null | undefined>>;
    readonly perClass: readonly (Interval | null)[];
  };
}

/** Everything a section renderer reads. */
export interface HtmlContext {
  readonly report: Report & OptionalReportFields;
  /** `#rrggbb` per class. */
  readonly colors: readonly string[];
  readonly pictureColors: Readonly<Record<'ignored' | 'correct' | 'wrong' | 'errorIgnored', string>>;
  /** The human-readable selection (`settings.metrics`): summary cards and extra table columns. */
  readonly selection: MetricSelection;
  readonly images: readonly HtmlReportImage[];
  readonly imagesNote: string | null;
}

/** Builds the {@link HtmlContext} of an input (default colours filled in). */
export function htmlContext(input: HtmlReportInput): HtmlContext {
  const { report } = input;
  const fallback = defaultClassColors(report.numClasses);
  const colors = fallback.map((color, k) => cssColor(input.classColors?.[k] ?? color));
  const picture = { ...REPORT_PICTURE_COLORS, ...input.pictureColors } as Record<string, RgbTriple>;
  return {
    report,
    colors,
    pictureColors: {
      ignored: cssColor(picture.ignored!),
      correct: cssColor(picture.correct!),
      wrong: cssColor(picture.wrong!),
      errorIgnored: cssColor(picture.errorIgnored!),
    },
    selection: selectMetrics(report.settings.metrics ?? []),
    images: input.images ?? [],
    imagesNote: input.imagesNote ?? null,
  };
}
