/**
 * The page's settings as the form holds them: text and choices, `''` = not given (the dataset preset's
 * value, else the library default), exactly like a flag the CLI was not given. They live in the URL's
 * query under the CLI's flag names, so a shared link reads like the command line and holds no data
 * (class names, label map and palette hold the text of the file the CLI's flag names).
 */
export interface WebSettings {
  /** Dataset preset name (`''`: none). */
  dataset: string;
  numClasses: string;
  /** Ignore labels, comma separated. */
  ignoreIndex: string;
  /** `''`: the dataset's choice; `'on'`/`'off'`. */
  reduceZeroLabel: '' | 'on' | 'off';
  /** The maps the label mapping applies to (`''`: both, or the dataset's choice); `'gt'`: class-id predictions. */
  mappingAppliesTo: '' | 'both' | 'gt';
  /** Class names, one per line (the text of the CLI's `--classes FILE`; `''`: the dataset's, else class_k). */
  classNames: string;
  /** Raw label → class table as JSON (the text of `--label-map FILE`). */
  labelMap: string;
  /** Colour → id table of colour-coded masks as JSON (the text of `--palette FILE`). */
  palette: string;
  aggregate: '' | 'dataset' | 'image';
  imageReduce: '' | 'per-class' | 'per-image' | 'pooled';
  average: '' | 'macro' | 'micro' | 'weighted';
  /** `nan`, `zero`, `one` or a number. */
  absent: string;
  predictedOnly: '' | 'score' | 'skip';
  beta: string;
  /** Classes left out of the means: ids or names, comma separated. */
  excludeClasses: string;
  /** Metric ids the report's cards and tables show besides the defaults, comma separated. */
  metrics: string;
  /** `'on'`: also count Boundary IoU. */
  boundaryIou: '' | 'on';
  /** Boundary IoU width as a fraction of the image diagonal (`''`: 0.02; given alone, Boundary IoU is on). */
  boundaryDilationRatio: string;
  /** Compatibility preset name (`''`: none). */
  preset: string;
  /** The preset's parameters, `NAME=VALUE` per line (or separated by `;`). */
  presetOptions: string;
  /** Label for mask colours missing from the palette (`''`: an error naming the colour). */
  unknownColor: string;
  /** Axis order of float score arrays in `.npy` files (`''`: inferred where the shape tells). */
  scoresLayout: '' | 'chw' | 'hwc';
  gtSuffix: string;
  predSuffix: string;
  gtPattern: string;
  predPattern: string;
  matchBy: '' | 'path' | 'basename';
  /** Glob patterns over ids, one per line (or separated by `;`). */
  include: string;
  exclude: string;
  /** Web Workers (`''`: one per core). */
  workers: string;
  /** Worst images shown with pictures (`''`: 24). */
  reportImages: string;
  /** With two prediction folders: images listed where B loses and gains most (`''`: 10). */
  topImages: string;
  /** Confidence level of bootstrap intervals, e.g. `0.95` (`''`: no intervals). */
  confidence: string;
  /** Bootstrap resamples (`''`: 1000). */
  samples: string;
  /** Seed of the resampling (`''`: 0). */
  seed: string;
}

/** Every setting not given. */
export const DEFAULT_SETTINGS: Readonly<WebSettings> = Object.freeze({
  dataset: '',
  numClasses: '',
  ignoreIndex: '',
  reduceZeroLabel: '',
  mappingAppliesTo: '',
  classNames: '',
  labelMap: '',
  palette: '',
  aggregate: '',
  imageReduce: '',
  average: '',
  absent: '',
  predictedOnly: '',
  beta: '',
  excludeClasses: '',
  metrics: '',
  boundaryIou: '',
  boundaryDilationRatio: '',
  preset: '',
  presetOptions: '',
  unknownColor: '',
  scoresLayout: '',
  gtSuffix: '',
  predSuffix: '',
  gtPattern: '',
  predPattern: '',
  matchBy: '',
  include: '',
  exclude: '',
  workers: '',
  reportImages: '',
  topImages: '',
  confidence: '',
  samples: '',
  seed: '',
});

/** The query parameter of each setting: the CLI's flag name. */
export const QUERY_KEYS: Readonly<Record<keyof WebSettings, string>> = Object.freeze({
  dataset: 'dataset',
  numClasses: 'num-classes',
  ignoreIndex: 'ignore-index',
  reduceZeroLabel: 'reduce-zero-label',
  mappingAppliesTo: 'mapping-applies-to',
  classNames: 'classes',
  labelMap: 'label-map',
  palette: 'palette',
  aggregate: 'aggregate',
  imageReduce: 'image-reduce',
  average: 'average',
  absent: 'absent',
  predictedOnly: 'predicted-only',
  beta: 'beta',
  excludeClasses: 'exclude-classes',
  metrics: 'metrics',
  boundaryIou: 'boundary-iou',
  boundaryDilationRatio: 'boundary-dilation-ratio',
  preset: 'preset',
  presetOptions: 'preset-option',
  unknownColor: 'unknown-color',
  scoresLayout: 'scores-layout',
  gtSuffix: 'gt-suffix',
  predSuffix: 'pred-suffix',
  gtPattern: 'gt-pattern',
  predPattern: 'pred-pattern',
  matchBy: 'match-by',
  include: 'include',
  exclude: 'exclude',
  workers: 'workers',
  reportImages: 'report-images',
  topImages: 'top-images',
  confidence: 'confidence',
  samples: 'samples',
  seed: 'seed',
});

/**
 * Other names a query may give a setting: the CLI's flags where the page's name differs (`?ci=0.9`,
 * `?bootstrap=500`, as `segmetrics eval --ci 0.9 --bootstrap 500`). The page's own name wins.
 */
const QUERY_ALIASES: Partial<Record<keyof WebSettings, string>> = { confidence: 'ci', samples: 'bootstrap' };

/** Settings whose values are lists: one query parameter per item (as the CLI repeats a flag). */
const LIST_SETTINGS: ReadonlySet<keyof WebSettings> = new Set(['presetOptions', 'include', 'exclude']);

/** The allowed values of the choice settings (anything else in a URL is dropped). */
const CHOICES: Partial<Record<keyof WebSettings, readonly string[]>> = {
  reduceZeroLabel: ['', 'on', 'off'],
  mappingAppliesTo: ['', 'both', 'gt'],
  aggregate: ['', 'dataset', 'image'],
  imageReduce: ['', 'per-class', 'per-image', 'pooled'],
  average: ['', 'macro', 'micro', 'weighted'],
  predictedOnly: ['', 'score', 'skip'],
  boundaryIou: ['', 'on'],
  scoresLayout: ['', 'chw', 'hwc'],
  matchBy: ['', 'path', 'basename'],
};

/** `text` without control characters other than tab and line feed. */
function withoutControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) continue;
    out += ch;
  }
  return out;
}

/** Splits a list setting's text into items: one per line (`;` also separates; blank items dropped). */
export function listItems(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The URL query (`?dataset=voc&ignore-index=255`, or `''`) of the settings that are given, in a fixed
 * order; list settings repeat their parameter per item.
 */
export function settingsToQuery(settings: WebSettings): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(QUERY_KEYS) as (keyof WebSettings)[]) {
    const value = settings[key].trim();
    if (value === '') continue;
    if (LIST_SETTINGS.has(key)) for (const item of listItems(value)) params.append(QUERY_KEYS[key], item);
    else params.set(QUERY_KEYS[key], value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The settings a URL query holds (unknown parameters and invalid choices are ignored; what is missing is
 * not given). Inverse of {@link settingsToQuery} for every setting it writes.
 */
export function settingsFromQuery(query: string): WebSettings {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const settings: WebSettings = { ...DEFAULT_SETTINGS };
  const record = settings as unknown as Record<keyof WebSettings, string>;
  for (const key of Object.keys(QUERY_KEYS) as (keyof WebSettings)[]) {
    let values = params.getAll(QUERY_KEYS[key]);
    const alias = QUERY_ALIASES[key];
    if (values.length === 0 && alias !== undefined) values = params.getAll(alias);
    if (values.length === 0) continue;
    // Control characters (a NUL, an escape) have no place in a setting; line breaks separate list items.
    const clean = values.map(withoutControlCharacters);
    const value = LIST_SETTINGS.has(key) ? clean.join('\n') : clean[clean.length - 1]!;
    const choices = CHOICES[key];
    if (choices !== undefined && !choices.includes(value)) continue;
    record[key] = value;
  }
  return settings;
}
