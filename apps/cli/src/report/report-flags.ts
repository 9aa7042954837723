import { usageError } from '../errors/usage-error.js';
import { MAX_REPORT_IMAGES } from '../options/limits.js';
import { parseInteger } from '../options/parse-values.js';

/** Default of `--report-images`: how many worst images the HTML report shows. */
export const DEFAULT_REPORT_IMAGES = 24;

/** The output flags `--report` and `--report-images` (and the outputs they must not collide with). */
export interface ReportFlags {
  output?: string;
  perImage?: string;
  report?: string;
  reportImages?: string;
}

/**
 * Checks `--report FILE [--report-images N]` before any file is read: N is an integer >= 0 (default
 * 24), `--report-images` needs `--report`, and the HTML file differs from `-o` and `--per-image`.
 * Returns N, or `null` without `--report`.
 */
export function reportImagesLimit(flags: ReportFlags): number | null {
  if (flags.report === undefined) {
    if (flags.reportImages !== undefined) throw usageError('--report-images', 'needs --report FILE');
    return null;
  }
  if (flags.report === flags.output) throw usageError('--report', 'must differ from -o/--output');
  if (flags.report === flags.perImage) throw usageError('--report', 'must differ from --per-image');
  return flags.reportImages === undefined
    ? DEFAULT_REPORT_IMAGES
    : parseInteger('--report-images', flags.reportImages, {
        min: 0,
        max: MAX_REPORT_IMAGES,
        maxReason: 'the HTML report holds ~0.1 MB of pictures per image',
      });
}
