import type { PerImageRow } from '../per-image-rows.js';
import type { Report } from '../report-model.js';
import type { RgbTriple } from './class-colors.js';
import type { HtmlPicture } from './png-data-url.js';

/** One of the worst images shown by the HTML report. */
export interface HtmlReportImage {
  /** The image's per-image row (`perImageRows(evaluation, n)`): id, mIoU and the classes that hurt it. */
  readonly row: PerImageRow;
  /** The full image's size in pixels, when known (shown beside the pictures). */
  readonly width?: number;
  readonly height?: number;
  /** Thumbnails (PNG bytes or `data:image/png;base64,` URLs); absent pictures are left out. */
  readonly groundTruth?: HtmlPicture;
  readonly prediction?: HtmlPicture;
  /** Error map: correct / wrong / ignored pixels (`encodeErrorMapPng`). */
  readonly errorMap?: HtmlPicture;
}

/** What {@link renderHtmlReport} turns into one HTML file. */
export interface HtmlReportInput {
  /** The report model: every number the page shows comes from here (and is embedded as JSON). */
  readonly report: Report;
  /** The worst images, worst first, with their pictures (default none). */
  readonly images?: readonly HtmlReportImage[];
  /**
   * A sentence shown above the worst images, e.g. why pictures are missing ("merge reads no image
   * files"). Without images and note, the section says that the run kept no per-image statistics.
   */
  readonly imagesNote?: string;
  /** Colour of each class in the pictures and the legend (default: the VOC colour map). */
  readonly classColors?: readonly (RgbTriple | null | undefined)[];
  /** Colours the pictures use besides the class colours (default {@link REPORT_PICTURE_COLORS}). */
  readonly pictureColors?: Partial<
    Readonly<Record<'ignored' | 'correct' | 'wrong' | 'errorIgnored', RgbTriple>>
  >;
  /** The page title (default: `segmetrics report · mIoU … · N images`). */
  readonly title?: string;
}
