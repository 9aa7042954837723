import { ErrorCode, SegmetricsError } from '../errors/segmetrics-error.js';
import { normalizeSettings, settingsEqual } from '../normalize-settings.js';
import {
  type BoundaryCounts,
  type BoundaryCountsJSON,
  CONFUSION_MATRIX_KIND,
  CONFUSION_MATRIX_SCHEMA_VERSION,
  type ConfusionMatrixJSON,
  type ConfusionMatrixOptions,
  type ConfusionMatrixSettings,
  type ConfusionMatrixSettingsJSON,
  type ImageStats,
  type ImageStatsJSON,
  type InstanceStats,
  type InstanceStatsJSON,
  type LabelMapping,
  MAX_DILATION_RATIO,
} from '../types.js';
import { fnv1a64 } from './fnv1a64.js';
import { classifyValue, IGNORED } from './label-lut.js';

/*
 * The serialised state of a confusion matrix.
 *
 * Version 2 (written): every field of ConfusionMatrixJSON, in its order; no other field. The Boundary IoU
 * fields (`settings.boundary`, `boundaryCounts`, `imageStats[i].boundary`) came later within version 2:
 * states written before lack `settings.boundary` and `boundaryCounts` (off), and the per-image field may
 * be `null` when off (as the version before accepted it). The checksum is FNV-1a 64 of the canonical
 * text: JSON.stringify of the state without `checksum`, rebuilt from the validated content in that order
 * (fields absent from the file stay absent, `null`s stay `null`), so the key order of a file does not
 * matter.
 *
 * `settings.splitIgnoredGroundTruth` and `ignoredGroundTruthByValue` are written only when that split is on
 * (absent: off), so states without it, written before or after the option existed, are one format.
 *
 * Version 1 (read, upgraded): no `unmapped`, `instances`, `splitPredictedIgnore`, `predictedIgnoreByValue`;
 * unknown fields ignored; its own checksum text (canonicalTextV1).
 */

/** A validated state, ready to be loaded into a matrix. */
export interface ParsedState {
  settings: ConfusionMatrixSettings;
  counts: Float64Array;
  predictedIgnore: Float64Array;
  /** `null` unless `settings.splitPredictedIgnore`; sorted by raw value. */
  predictedIgnoreByValue: Map<number, Float64Array> | null;
  /** `null` unless `settings.boundary`. */
  boundaryCounts: BoundaryCounts | null;
  /** `null` unless `settings.splitIgnoredGroundTruth`; both levels sorted by raw value. */
  ignoredGroundTruthByValue: Map<number, Map<number, number>> | null;
  ignoredPixels: number;
  images: number;
  /** Every pixel counted: ignored + Σ counts + Σ predictedIgnore (a safe integer). */
  pixels: number;
  sampleIds: string[];
  imageStats: ImageStats[];
}

/** The content of a version 2 state (what the checksum covers), as `toJSON` writes it. */
export type StateBody = Omit<ConfusionMatrixJSON, 'checksum'>;

/**
 * How a state without Boundary IoU wrote its boundary fields (see the header comment), so that the
 * checksum text is rebuilt as written.
 */
interface BoundaryPresence {
  /** Whether `settings.boundary` is in the file. */
  settings: boolean;
  /** Whether `boundaryCounts` is in the file. */
  counts: boolean;
  /** Indices of the image entries that hold `boundary: null`. */
  nullImages: Set<number>;
}

function invalid(path: string, message: string, value?: unknown): never {
  throw new SegmetricsError(ErrorCode.INVALID_STATE, `invalid confusion-matrix state: ${path} ${message}`, {
    context: { path, value },
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) invalid(path, `must be an object, got ${describe(value)}`, value);
  return value;
}

/** Refuses fields this version does not know (a version 2 state holds exactly its fields). */
function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      invalid(path === '' ? key : `${path}.${key}`, 'is not a field of a version 2 state', value[key]);
    }
  }
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(path, `must be a non-negative safe integer, got ${describe(value)}`, value);
  }
  return value;
}

function positiveCount(value: unknown, path: string): number {
  if (count(value, path) === 0)
    invalid(path, 'must be at least 1 (only values that occur are listed)', value);
  return value as number;
}

function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    invalid(path, `must be a safe integer, got ${describe(value)}`, value);
  }
  // -0 and 0 are the same value
  return value === 0 ? 0 : value;
}

function array(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value)) invalid(path, `must be an array of ${what}, got ${describe(value)}`, value);
  return value;
}

function countArray(value: unknown, length: number, path: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length) {
    invalid(path, `must be an array of ${length} counts, got ${describe(value)}`, value);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = value[i];
    // The element's path is built only to name a bad value (a string per count made large states slow).
    out[i] = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : count(v, `${path}[${i}]`);
  }
  return out;
}

/**
 * `a + b`, which must be a safe integer. The field is `path`, with its `#` replaced by `index` (built only
 * to name a sum that is not: a string per sum made large states slow to read).
 */
function safeSum(a: number, b: number, path: string, index?: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) {
    invalid(
      index === undefined ? path : path.replace('#', String(index)),
      'sums beyond 2^53 (counts would not be exact)',
      s,
    );
  }
  return s;
}

function parseSettings(value: unknown, version: 1 | 2, presence: BoundaryPresence): ConfusionMatrixSettings {
  const s = record(value, 'settings');
  if (version === 2) {
    onlyKeys(
      s,
      [
        'numClasses',
        'ignoreIndex',
        'labelMapping',
        'perImage',
        'instances',
        'splitPredictedIgnore',
        'splitIgnoredGroundTruth',
        'boundary',
      ],
      'settings',
    );
    presence.settings = 'boundary' in s;
  }
  const boundary = version === 2 ? parseBoundarySettings(s.boundary) : null;
  const numClasses = s.numClasses;
  if (typeof numClasses !== 'number' || !Number.isSafeInteger(numClasses) || numClasses < 1) {
    invalid('settings.numClasses', `must be a positive integer, got ${describe(numClasses)}`, numClasses);
  }
  if (!Array.isArray(s.ignoreIndex)) invalid('settings.ignoreIndex', 'must be an array', s.ignoreIndex);
  if (typeof s.perImage !== 'boolean') invalid('settings.perImage', 'must be a boolean', s.perImage);
  let labelMapping: unknown;
  let givenMapping: Record<string, unknown> | null = null;
  if (s.labelMapping !== null) {
    const m = record(s.labelMapping, 'settings.labelMapping');
    if (version === 2)
      onlyKeys(m, ['table', 'reduceZeroLabel', 'applyTo', 'unmapped'], 'settings.labelMapping');
    if (!Array.isArray(m.table)) invalid('settings.labelMapping.table', 'must be an array', m.table);
    const table: Record<number, number | null> = {};
    m.table.forEach((entry: unknown, i: number) => {
      const path = `settings.labelMapping.table[${i}]`;
      if (!Array.isArray(entry) || entry.length !== 2) invalid(path, 'must be a [raw, mapped] pair', entry);
      const [raw, mapped] = entry as [unknown, unknown];
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw))
        invalid(path, 'has a non-integer raw id', raw);
      if (mapped !== null && (typeof mapped !== 'number' || !Number.isSafeInteger(mapped))) {
        invalid(path, 'maps to neither an integer nor null', mapped);
      }
      table[raw] = mapped;
    });
    if (typeof m.reduceZeroLabel !== 'boolean') {
      invalid('settings.labelMapping.reduceZeroLabel', 'must be a boolean', m.reduceZeroLabel);
    }
    const unmapped = version === 1 ? 'pass' : m.unmapped;
    if (unmapped !== 'pass' && unmapped !== 'invalid') {
      invalid(
        'settings.labelMapping.unmapped',
        `must be "pass" or "invalid", got ${describe(unmapped)}`,
        unmapped,
      );
    }
    labelMapping = { table, reduceZeroLabel: m.reduceZeroLabel, applyTo: m.applyTo, unmapped };
    givenMapping = { table: m.table, reduceZeroLabel: m.reduceZeroLabel, applyTo: m.applyTo, unmapped };
  }
  let instances: unknown = null;
  let splitPredictedIgnore: unknown = false;
  let splitIgnoredGroundTruth = false;
  if (version === 2) {
    if ('splitIgnoredGroundTruth' in s) {
      if (s.splitIgnoredGroundTruth !== true) {
        invalid(
          'settings.splitIgnoredGroundTruth',
          `must be true or absent (off), got ${describe(s.splitIgnoredGroundTruth)}`,
          s.splitIgnoredGroundTruth,
        );
      }
      splitIgnoredGroundTruth = true;
    }
    if (s.instances !== null) {
      const inst = record(s.instances, 'settings.instances');
      onlyKeys(inst, ['minInstanceId'], 'settings.instances');
      count(inst.minInstanceId, 'settings.instances.minInstanceId');
      instances = { minInstanceId: inst.minInstanceId };
    }
    splitPredictedIgnore = s.splitPredictedIgnore;
    if (typeof splitPredictedIgnore !== 'boolean') {
      invalid('settings.splitPredictedIgnore', 'must be a boolean', splitPredictedIgnore);
    }
  }
  let settings: ConfusionMatrixSettings;
  try {
    settings = normalizeSettings({
      numClasses,
      ignoreIndex: s.ignoreIndex as number[],
      labelMapping: labelMapping as LabelMapping | undefined,
      perImage: s.perImage,
      instances: instances as ConfusionMatrixOptions['instances'],
      splitPredictedIgnore: splitPredictedIgnore as boolean,
      boundary,
      splitIgnoredGroundTruth,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SegmetricsError(
      ErrorCode.INVALID_STATE,
      `invalid confusion-matrix state: settings: ${message}`,
      {
        context: { path: 'settings', value },
        cause: error,
      },
    );
  }
  const given = {
    numClasses,
    ignoreIndex: s.ignoreIndex,
    labelMapping: givenMapping,
    perImage: s.perImage,
    instances,
    splitPredictedIgnore,
    boundary,
    splitIgnoredGroundTruth,
  } as unknown as ConfusionMatrixSettings;
  if (!settingsEqual(settings, given)) {
    invalid(
      'settings',
      'are not in normalised form (sorted unique ignore labels, sorted table pairs)',
      value,
    );
  }
  return settings;
}

/** `settings.boundary`: absent or `null` (off), or `{ dilationRatio }` in (0, MAX_DILATION_RATIO]. */
function parseBoundarySettings(value: unknown): { dilationRatio: number } | null {
  if (value === undefined || value === null) return null;
  const b = record(value, 'settings.boundary');
  onlyKeys(b, ['dilationRatio'], 'settings.boundary');
  const r = b.dilationRatio;
  if (typeof r !== 'number' || !Number.isFinite(r) || r <= 0 || r > MAX_DILATION_RATIO) {
    invalid(
      'settings.boundary.dilationRatio',
      `must be a number in (0, ${MAX_DILATION_RATIO}], got ${describe(r)}`,
      r,
    );
  }
  return { dilationRatio: r };
}

/** Boundary counts `{ tp, support, predicted }` with tp ≤ support and tp ≤ predicted per class. */
function parseBoundaryCounts(value: unknown, c: number, path: string): BoundaryCounts {
  const b = record(value, path);
  onlyKeys(b, ['tp', 'support', 'predicted'], path);
  const tp = countArray(b.tp, c, `${path}.tp`);
  const support = countArray(b.support, c, `${path}.support`);
  const predicted = countArray(b.predicted, c, `${path}.predicted`);
  for (let k = 0; k < c; k++) {
    if (tp[k]! > support[k]! || tp[k]! > predicted[k]!) {
      invalid(`${path}.tp[${k}]`, 'exceeds the boundary support or predicted pixels of the class', tp[k]);
    }
  }
  return { tp, support, predicted };
}

/**
 * Boundary pixels are pixels of the class: per class, boundary tp, support and predicted are at most the
 * unit's tp, support and predicted.
 */
function checkBoundaryWithin(
  boundary: BoundaryCounts,
  tp: ArrayLike<number>,
  support: ArrayLike<number>,
  predicted: ArrayLike<number>,
  path: string,
): void {
  for (let k = 0; k < boundary.tp.length; k++) {
    const over =
      boundary.tp[k]! > tp[k]!
        ? 'tp'
        : boundary.support[k]! > support[k]!
          ? 'support'
          : boundary.predicted[k]! > predicted[k]!
            ? 'predicted'
            : null;
    if (over !== null) {
      invalid(
        `${path}.${over}[${k}]`,
        `exceeds the ${over} pixels of the class (boundary pixels are pixels of the class)`,
        boundary[over][k],
      );
    }
  }
}

/** {@link BoundaryCounts} as JSON. */
export function boundaryCountsToJSON(counts: BoundaryCounts): BoundaryCountsJSON {
  return {
    tp: Array.from(counts.tp),
    support: Array.from(counts.support),
    predicted: Array.from(counts.predicted),
  };
}

/** The checksum text of a version 1 state (kept to read states written by @segmetrics/core 0.1). */
export function canonicalTextV1(state: {
  settings: ConfusionMatrixSettingsJSON;
  counts: unknown;
  predictedIgnore: unknown;
  ignoredPixels: number;
  images: number;
  sampleIds: string[];
  imageStats: ImageStatsJSON[] | null;
}): string {
  const s = state.settings;
  const m = s.labelMapping;
  return JSON.stringify([
    1,
    CONFUSION_MATRIX_KIND,
    [s.numClasses, s.ignoreIndex, m === null ? null : [m.table, m.reduceZeroLabel, m.applyTo], s.perImage],
    state.counts,
    state.predictedIgnore,
    state.ignoredPixels,
    state.images,
    state.sampleIds,
    state.imageStats === null
      ? null
      : state.imageStats.map((t) => [t.sampleId, t.tp, t.support, t.predicted, t.ignored]),
  ]);
}

/** The checksum of a version 2 state body (see the header comment): 16 lowercase hex digits. */
export function stateChecksum(body: StateBody): string {
  return fnv1a64(JSON.stringify(body));
}

/** Settings as plain JSON, in the order of {@link ConfusionMatrixSettingsJSON}. */
export function settingsToJSON(settings: ConfusionMatrixSettings): ConfusionMatrixSettingsJSON {
  const m = settings.labelMapping;
  return {
    numClasses: settings.numClasses,
    ignoreIndex: [...settings.ignoreIndex],
    labelMapping:
      m === null
        ? null
        : {
            table: m.table.map(([raw, mapped]) => [raw, mapped] as [number, number | null]),
            reduceZeroLabel: m.reduceZeroLabel,
            applyTo: m.applyTo,
            unmapped: m.unmapped,
          },
    perImage: settings.perImage,
    instances: settings.instances === null ? null : { minInstanceId: settings.instances.minInstanceId },
    splitPredictedIgnore: settings.splitPredictedIgnore,
    boundary: settings.boundary === null ? null : { dilationRatio: settings.boundary.dilationRatio },
    ...(settings.splitIgnoredGroundTruth ? { splitIgnoredGroundTruth: true as const } : {}),
  };
}

/** One image's statistics as JSON, in the order of {@link ImageStatsJSON}. */
export function imageStatsToJSON(s: ImageStats): ImageStatsJSON {
  const out: ImageStatsJSON = {
    sampleId: s.sampleId,
    tp: Array.from(s.tp),
    support: Array.from(s.support),
    predicted: Array.from(s.predicted),
    ignored: s.ignored,
  };
  if (s.instances !== undefined) out.instances = s.instances.map(instanceToJSON);
  if (s.boundary !== undefined) out.boundary = boundaryCountsToJSON(s.boundary);
  return out;
}

function instanceToJSON(t: InstanceStats): InstanceStatsJSON {
  return { id: t.id, pixels: t.pixels, predictions: t.predictions.map(([v, n]) => [v, n]) };
}

/** `predictedIgnoreByValue` as JSON: `[rawValue, counts]` sorted by value, or `null` when off. */
export function byValueToJSON(map: ReadonlyMap<number, Float64Array> | null): [number, number[]][] | null {
  if (map === null) return null;
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([v, row]) => [v, Array.from(row)]);
}

/** `ignoredGroundTruthByValue` as JSON: `[gtValue, [predValue, pixels][]]`, both levels sorted by value. */
export function ignoredGroundTruthToJSON(
  map: ReadonlyMap<number, ReadonlyMap<number, number>>,
): [number, [number, number][]][] {
  return [...map.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([g, row]) => [g, [...row.entries()].sort((a, b) => a[0] - b[0])]);
}

/** Validates everything in a serialised state; throws INVALID_STATE naming the first problem. */
export function parseState(value: unknown): ParsedState {
  try {
    return parseStateUnguarded(value);
  } catch (error) {
    if (SegmetricsError.isInstance(error)) throw error;
    // e.g. a throwing getter, a revoked Proxy or a stack overflow: still a typed error, never a crash
    throw new SegmetricsError(ErrorCode.INVALID_STATE, 'invalid confusion-matrix state: unreadable value', {
      cause: error,
    });
  }
}

const ROOT_KEYS_V2 = [
  'schemaVersion',
  'kind',
  'settings',
  'counts',
  'predictedIgnore',
  'predictedIgnoreByValue',
  'boundaryCounts',
  'ignoredPixels',
  'ignoredGroundTruthByValue',
  'images',
  'sampleIds',
  'imageStats',
  'checksum',
] as const;

function parseStateUnguarded(value: unknown): ParsedState {
  const root = record(value, 'state');
  const version = root.schemaVersion;
  if (version !== 1 && version !== CONFUSION_MATRIX_SCHEMA_VERSION) {
    invalid(
      'schemaVersion',
      `must be 1 or ${CONFUSION_MATRIX_SCHEMA_VERSION} (the versions this version of @segmetrics/core reads), got ${describe(version)}`,
      version,
    );
  }
  if (root.kind !== CONFUSION_MATRIX_KIND) {
    invalid('kind', `must be "${CONFUSION_MATRIX_KIND}", got ${describe(root.kind)}`, root.kind);
  }
  const presence: BoundaryPresence = { settings: false, counts: false, nullImages: new Set() };
  if (version === 2) {
    onlyKeys(root, ROOT_KEYS_V2, '');
    presence.counts = 'boundaryCounts' in root;
  }
  const settings = parseSettings(root.settings, version, presence);
  const c = settings.numClasses;
  if (!Array.isArray(root.counts) || root.counts.length !== c) {
    invalid('counts', `must be an array of ${c} rows, got ${describe(root.counts)}`, root.counts);
  }
  const counts = new Float64Array(c * c);
  for (let g = 0; g < c; g++) counts.set(countArray(root.counts[g], c, `counts[${g}]`), g * c);
  const predictedIgnore = countArray(root.predictedIgnore, c, 'predictedIgnore');
  const ignoredPixels = count(root.ignoredPixels, 'ignoredPixels');
  const images = count(root.images, 'images');

  const support = new Float64Array(c);
  const predicted = new Float64Array(c);
  let pixels = ignoredPixels;
  for (let g = 0; g < c; g++) {
    support[g] = predictedIgnore[g]!;
    for (let p = 0; p < c; p++) {
      const v = counts[g * c + p]!;
      support[g] = safeSum(support[g]!, v, 'counts[#]', g);
      predicted[p] = safeSum(predicted[p]!, v, 'counts[*][#]', p);
    }
    pixels = safeSum(pixels, support[g]!, 'counts');
  }

  const predictedIgnoreByValue =
    version === 2 ? parseByValue(root.predictedIgnoreByValue, settings, predictedIgnore) : null;
  let boundaryCounts: BoundaryCounts | null = null;
  if (settings.boundary === null) {
    if (root.boundaryCounts !== undefined && root.boundaryCounts !== null) {
      invalid('boundaryCounts', 'must be null when settings.boundary is null', root.boundaryCounts);
    }
  } else {
    if (root.boundaryCounts === undefined || root.boundaryCounts === null) {
      invalid(
        'boundaryCounts',
        'must hold the boundary counts when settings.boundary is set',
        root.boundaryCounts,
      );
    }
    boundaryCounts = parseBoundaryCounts(root.boundaryCounts, c, 'boundaryCounts');
    const diagonal = Array.from({ length: c }, (_, k) => counts[k * c + k]!);
    checkBoundaryWithin(boundaryCounts, diagonal, support, predicted, 'boundaryCounts');
  }
  const ignoredGroundTruthByValue =
    version === 2 ? parseIgnoredGroundTruth(root, settings, ignoredPixels) : null;

  const sampleIds = parseSampleIds(root.sampleIds, images);
  const imageStats = parseImageStats(
    root.imageStats,
    version,
    settings,
    { counts, support, predicted, ignoredPixels, images, boundaryCounts },
    new Set(sampleIds),
    presence,
  );

  if (typeof root.checksum !== 'string' || !/^[0-9a-f]{16}$/.test(root.checksum)) {
    invalid('checksum', `must be 16 lowercase hex digits, got ${describe(root.checksum)}`, root.checksum);
  }
  const rows: number[][] = [];
  for (let g = 0; g < c; g++) rows.push(Array.from(counts.subarray(g * c, g * c + c)));
  let expected: string;
  if (version === 1) {
    expected = fnv1a64(
      canonicalTextV1({
        settings: settingsToJSON(settings),
        counts: root.counts,
        predictedIgnore: root.predictedIgnore,
        ignoredPixels,
        images,
        sampleIds,
        imageStats: settings.perImage ? (root.imageStats as ImageStatsJSON[]) : null,
      }),
    );
  } else {
    const settingsJSON: ConfusionMatrixSettingsJSON = settingsToJSON(settings);
    if (!presence.settings) delete settingsJSON.boundary;
    const body: StateBody = {
      schemaVersion: CONFUSION_MATRIX_SCHEMA_VERSION,
      kind: CONFUSION_MATRIX_KIND,
      settings: settingsJSON,
      counts: rows,
      predictedIgnore: Array.from(predictedIgnore),
      predictedIgnoreByValue: byValueToJSON(predictedIgnoreByValue),
      ...(boundaryCounts !== null
        ? { boundaryCounts: boundaryCountsToJSON(boundaryCounts) }
        : presence.counts
          ? { boundaryCounts: null }
          : {}),
      ignoredPixels,
      ...(ignoredGroundTruthByValue === null
        ? {}
        : { ignoredGroundTruthByValue: ignoredGroundTruthToJSON(ignoredGroundTruthByValue) }),
      images,
      sampleIds,
      imageStats: settings.perImage
        ? imageStats.map((s, i) => {
            const json: ImageStatsJSON = imageStatsToJSON(s);
            // as written by a version that reserved the field: `boundary: null` (off)
            if (presence.nullImages.has(i)) return { ...json, boundary: null } as unknown as ImageStatsJSON;
            return json;
          })
        : null,
    };
    expected = stateChecksum(body);
  }
  if (expected !== root.checksum) {
    invalid('checksum', 'does not match the content: the state was edited or corrupted');
  }
  return {
    settings,
    counts,
    predictedIgnore,
    predictedIgnoreByValue,
    boundaryCounts,
    ignoredGroundTruthByValue,
    ignoredPixels,
    images,
    pixels,
    sampleIds,
    imageStats,
  };
}

function parseSampleIds(value: unknown, images: number): string[] {
  const list = array(value, 'sampleIds', 'strings');
  if (list.length > images) {
    invalid('sampleIds', `lists ${list.length} samples but only ${images} images were counted`);
  }
  const sampleIds: string[] = [];
  const seen = new Set<string>();
  list.forEach((id: unknown, i: number) => {
    if (typeof id !== 'string') invalid(`sampleIds[${i}]`, `must be a string, got ${describe(id)}`, id);
    if (seen.has(id)) invalid(`sampleIds[${i}]`, `repeats sample id ${describe(id)}`, id);
    seen.add(id);
    sampleIds.push(id);
  });
  return sampleIds;
}

/**
 * `predictedIgnoreByValue`: `null` exactly when the split is off; otherwise `[rawValue, counts]` entries,
 * values strictly ascending, each a value that the prediction side classifies as ignored and counted at
 * least once, the counts of each class summing to `predictedIgnore`.
 */
function parseByValue(
  value: unknown,
  settings: ConfusionMatrixSettings,
  predictedIgnore: Float64Array,
): Map<number, Float64Array> | null {
  if (!settings.splitPredictedIgnore) {
    if (value !== null)
      invalid('predictedIgnoreByValue', 'must be null when settings.splitPredictedIgnore is false', value);
    return null;
  }
  const c = settings.numClasses;
  const list = array(value, 'predictedIgnoreByValue', '[rawValue, counts] pairs');
  const mapPrediction = settings.labelMapping?.applyTo !== 'gt';
  const out = new Map<number, Float64Array>();
  const sums = new Float64Array(c);
  let previous = Number.NEGATIVE_INFINITY;
  list.forEach((entry: unknown, i: number) => {
    const path = `predictedIgnoreByValue[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2)
      invalid(path, 'must be a [rawValue, counts] pair', entry);
    const raw = integer(entry[0], `${path}[0]`);
    if (raw <= previous)
      invalid(`${path}[0]`, 'is not above the previous value (values are sorted and unique)', raw);
    previous = raw;
    if (classifyValue(settings, raw, mapPrediction) !== IGNORED) {
      invalid(`${path}[0]`, `${raw} is not a prediction value the settings ignore`, raw);
    }
    const row = countArray(entry[1], c, `${path}[1]`);
    const rowPath = `${path}[1][#]`;
    let total = 0;
    for (let g = 0; g < c; g++) {
      total += row[g]!;
      sums[g] = safeSum(sums[g]!, row[g]!, rowPath, g);
    }
    if (total === 0) invalid(`${path}[1]`, 'counts no pixel (only values that occur are listed)');
    out.set(raw, row);
  });
  for (let g = 0; g < c; g++) {
    if (sums[g] !== predictedIgnore[g]) {
      invalid(`predictedIgnoreByValue[*][1][${g}]`, `do not sum to predictedIgnore[${g}]`);
    }
  }
  return out;
}

/**
 * `ignoredGroundTruthByValue`: absent exactly when the split is off; otherwise `[gtValue, [predValue,
 * pixels][]]` entries, ground-truth values strictly ascending, each one the ground-truth side ignores,
 * prediction values strictly ascending safe integers, counts ≥ 1, all counts summing to `ignoredPixels`.
 */
function parseIgnoredGroundTruth(
  root: Record<string, unknown>,
  settings: ConfusionMatrixSettings,
  ignoredPixels: number,
): Map<number, Map<number, number>> | null {
  const path = 'ignoredGroundTruthByValue';
  if (!settings.splitIgnoredGroundTruth) {
    if (path in root)
      invalid(path, 'must be absent when settings.splitIgnoredGroundTruth is off', root[path]);
    return null;
  }
  const list = array(root[path], path, '[groundTruthValue, [predictionValue, pixels][]] pairs');
  const out = new Map<number, Map<number, number>>();
  let total = 0;
  let previous = Number.NEGATIVE_INFINITY;
  list.forEach((entry: unknown, i: number) => {
    const at = `${path}[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2)
      invalid(at, 'must be a [groundTruthValue, pairs] pair', entry);
    const gt = integer(entry[0], `${at}[0]`);
    if (gt <= previous)
      invalid(`${at}[0]`, 'is not above the previous value (values are sorted and unique)', gt);
    previous = gt;
    if (classifyValue(settings, gt, true) !== IGNORED) {
      invalid(`${at}[0]`, `${gt} is not a ground-truth value the settings ignore`, gt);
    }
    const pairs = array(entry[1], `${at}[1]`, '[predictionValue, pixels] pairs');
    if (pairs.length === 0) invalid(`${at}[1]`, 'counts no pixel (only values that occur are listed)');
    const row = new Map<number, number>();
    let previousPred = Number.NEGATIVE_INFINITY;
    pairs.forEach((pair: unknown, k: number) => {
      const where = `${at}[1][${k}]`;
      if (!Array.isArray(pair) || pair.length !== 2)
        invalid(where, 'must be a [predictionValue, pixels] pair', pair);
      const pred = integer(pair[0], `${where}[0]`);
      if (pred <= previousPred) {
        invalid(`${where}[0]`, 'is not above the previous value (values are sorted and unique)', pred);
      }
      previousPred = pred;
      const pixels = positiveCount(pair[1], `${where}[1]`);
      total = safeSum(total, pixels, path);
      row.set(pred, pixels);
    });
    out.set(gt, row);
  });
  if (total !== ignoredPixels)
    invalid(path, `counts ${total} pixels, not ignoredPixels (${ignoredPixels})`, total);
  return out;
}

interface Totals {
  counts: Float64Array;
  support: Float64Array;
  predicted: Float64Array;
  ignoredPixels: number;
  images: number;
  boundaryCounts: BoundaryCounts | null;
}

function parseImageStats(
  value: unknown,
  version: 1 | 2,
  settings: ConfusionMatrixSettings,
  totals: Totals,
  sampleIds: Set<string>,
  presence: BoundaryPresence,
): ImageStats[] {
  const imageStats: ImageStats[] = [];
  if (!settings.perImage) {
    if (value !== null && (value !== undefined || version === 2)) {
      invalid('imageStats', 'must be null when settings.perImage is false', value);
    }
    return imageStats;
  }
  const { images } = totals;
  if (!Array.isArray(value) || value.length !== images) {
    invalid('imageStats', `must be an array of ${images} entries (one per image)`, value);
  }
  const c = settings.numClasses;
  const sumTp = new Float64Array(c);
  const sumSupport = new Float64Array(c);
  const sumPredicted = new Float64Array(c);
  let sumIgnored = 0;
  const boundarySums = settings.boundary === null ? null : new Float64Array(3 * c);
  const statIds = new Set<string>();
  const keys = ['sampleId', 'tp', 'support', 'predicted', 'ignored', 'instances', 'boundary'];
  value.forEach((entry: unknown, i: number) => {
    const path = `imageStats[${i}]`;
    const e = record(entry, path);
    if (version === 2) {
      onlyKeys(e, keys, path);
      if (settings.boundary === null && 'boundary' in e) {
        if (e.boundary !== null) {
          invalid(`${path}.boundary`, 'must be absent (or null) when settings.boundary is null', e.boundary);
        }
        presence.nullImages.add(i);
      }
    }
    if (e.sampleId !== null && typeof e.sampleId !== 'string') {
      invalid(`${path}.sampleId`, `must be a string or null, got ${describe(e.sampleId)}`, e.sampleId);
    }
    if (e.sampleId !== null) {
      if (!sampleIds.has(e.sampleId))
        invalid(`${path}.sampleId`, `${describe(e.sampleId)} is not in sampleIds`);
      if (statIds.has(e.sampleId)) invalid(`${path}.sampleId`, `repeats sample id ${describe(e.sampleId)}`);
      statIds.add(e.sampleId);
    }
    const tp = countArray(e.tp, c, `${path}.tp`);
    const sup = countArray(e.support, c, `${path}.support`);
    const pred = countArray(e.predicted, c, `${path}.predicted`);
    const ignored = count(e.ignored, `${path}.ignored`);
    let pixels = ignored;
    const supportPath = `${path}.support`;
    for (let k = 0; k < c; k++) {
      if (tp[k]! > sup[k]! || tp[k]! > pred[k]!) {
        invalid(`${path}.tp[${k}]`, 'exceeds the support or the predicted pixels of the class', tp[k]);
      }
      sumTp[k] = safeSum(sumTp[k]!, tp[k]!, 'imageStats[*].tp[#]', k);
      sumSupport[k] = safeSum(sumSupport[k]!, sup[k]!, 'imageStats[*].support[#]', k);
      sumPredicted[k] = safeSum(sumPredicted[k]!, pred[k]!, 'imageStats[*].predicted[#]', k);
      pixels = safeSum(pixels, sup[k]!, supportPath);
    }
    sumIgnored = safeSum(sumIgnored, ignored, 'imageStats[*].ignored');
    const stats: ImageStats =
      settings.instances === null
        ? { sampleId: e.sampleId as string | null, tp, support: sup, predicted: pred, ignored }
        : {
            sampleId: e.sampleId as string | null,
            tp,
            support: sup,
            predicted: pred,
            ignored,
            instances: parseInstances(
              e.instances,
              `${path}.instances`,
              settings.instances.minInstanceId,
              pixels,
            ),
          };
    if (settings.instances === null && e.instances !== undefined) {
      invalid(`${path}.instances`, 'must be absent when settings.instances is null', e.instances);
    }
    if (boundarySums === null) {
      imageStats.push(stats);
      return;
    }
    if (e.boundary === undefined || e.boundary === null) {
      invalid(
        `${path}.boundary`,
        'must hold the image boundary counts when settings.boundary is set',
        e.boundary,
      );
    }
    const boundary = parseBoundaryCounts(e.boundary, c, `${path}.boundary`);
    checkBoundaryWithin(boundary, tp, sup, pred, `${path}.boundary`);
    for (let k = 0; k < c; k++) {
      boundarySums[k] = safeSum(boundarySums[k]!, boundary.tp[k]!, 'imageStats[*].boundary.tp[#]', k);
      boundarySums[c + k] = safeSum(boundarySums[c + k]!, boundary.support[k]!, 'imageStats[*].boundary');
      boundarySums[2 * c + k] = safeSum(
        boundarySums[2 * c + k]!,
        boundary.predicted[k]!,
        'imageStats[*].boundary',
      );
    }
    // Object.assign, not `{ ...stats, boundary }`: in Node 20's V8 that spread gives every image's
    // statistics a hidden class of its own (kept for the whole run).
    imageStats.push(Object.assign({}, stats, { boundary }));
  });
  if (statIds.size !== sampleIds.size) {
    invalid('imageStats', 'sample ids do not match sampleIds');
  }
  const { counts, support, predicted, ignoredPixels } = totals;
  for (let k = 0; k < c; k++) {
    if (sumTp[k] !== counts[k * c + k]) invalid(`imageStats[*].tp[${k}]`, `do not sum to counts[${k}][${k}]`);
    if (sumSupport[k] !== support[k]) {
      invalid(`imageStats[*].support[${k}]`, `do not sum to row ${k} of counts plus predictedIgnore[${k}]`);
    }
    if (sumPredicted[k] !== predicted[k]) {
      invalid(`imageStats[*].predicted[${k}]`, `do not sum to column ${k} of counts`);
    }
  }
  if (sumIgnored !== ignoredPixels) invalid('imageStats[*].ignored', 'do not sum to ignoredPixels');
  const { boundaryCounts } = totals;
  if (boundarySums !== null && boundaryCounts !== null) {
    const fields = ['tp', 'support', 'predicted'] as const;
    fields.forEach((field, f) => {
      for (let k = 0; k < c; k++) {
        if (boundarySums[f * c + k] !== boundaryCounts[field][k]) {
          invalid(`imageStats[*].boundary.${field}[${k}]`, `do not sum to boundaryCounts.${field}[${k}]`);
        }
      }
    });
  }
  return imageStats;
}

/**
 * One image's instances: ids strictly ascending and at least `minInstanceId`; each instance's
 * prediction histogram with raw values strictly ascending and counts ≥ 1 summing to its `pixels`; the
 * instances' pixels together no more than the image's pixels.
 */
function parseInstances(
  value: unknown,
  path: string,
  minInstanceId: number,
  imagePixels: number,
): InstanceStats[] {
  const list = array(value, path, 'instances');
  const out: InstanceStats[] = [];
  let previousId = Number.NEGATIVE_INFINITY;
  let total = 0;
  list.forEach((entry: unknown, j: number) => {
    const at = `${path}[${j}]`;
    const e = record(entry, at);
    onlyKeys(e, ['id', 'pixels', 'predictions'], at);
    const id = integer(e.id, `${at}.id`);
    if (id < minInstanceId)
      invalid(`${at}.id`, `is below settings.instances.minInstanceId (${minInstanceId})`, id);
    if (id <= previousId)
      invalid(`${at}.id`, 'is not above the previous id (instances are sorted and unique)', id);
    previousId = id;
    const pixels = positiveCount(e.pixels, `${at}.pixels`);
    const histogram = array(e.predictions, `${at}.predictions`, '[rawValue, count] pairs');
    const predictions: [number, number][] = [];
    let previousValue = Number.NEGATIVE_INFINITY;
    let sum = 0;
    histogram.forEach((pair: unknown, k: number) => {
      const where = `${at}.predictions[${k}]`;
      if (!Array.isArray(pair) || pair.length !== 2) invalid(where, 'must be a [rawValue, count] pair', pair);
      const raw = integer(pair[0], `${where}[0]`);
      if (raw <= previousValue) {
        invalid(`${where}[0]`, 'is not above the previous value (values are sorted and unique)', raw);
      }
      previousValue = raw;
      const n = positiveCount(pair[1], `${where}[1]`);
      sum = safeSum(sum, n, `${at}.predictions`);
      predictions.push([raw, n]);
    });
    if (sum !== pixels) invalid(`${at}.pixels`, `is not the sum of its predictions (${sum})`, pixels);
    total = safeSum(total, pixels, path);
    if (total > imagePixels) {
      invalid(`${at}.pixels`, `makes the instances hold more pixels than the image (${imagePixels})`, pixels);
    }
    out.push({ id, pixels, predictions });
  });
  return out;
}
