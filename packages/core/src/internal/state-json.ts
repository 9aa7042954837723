import { ErrorCode, SegmetricsError } from '../errors/segmetrics-error.js';
import { normalizeSettings, settingsEqual } from '../normalize-settings.js';
import {
  CONFUSION_MATRIX_KIND,
  CONFUSION_MATRIX_SCHEMA_VERSION,
  type ConfusionMatrixJSON,
  type ConfusionMatrixSettings,
  type ConfusionMatrixSettingsJSON,
  type ImageStats,
  type ImageStatsJSON,
  type LabelMapping,
} from '../types.js';
import { fnv1a64 } from './fnv1a64.js';

/** A validated state, ready to be loaded into a matrix. */
export interface ParsedState {
  settings: ConfusionMatrixSettings;
  counts: Float64Array;
  predictedIgnore: Float64Array;
  ignoredPixels: number;
  images: number;
  sampleIds: string[];
  imageStats: ImageStats[];
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

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(path, `must be a non-negative safe integer, got ${describe(value)}`, value);
  }
  return value;
}

function countArray(value: unknown, length: number, path: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length) {
    invalid(path, `must be an array of ${length} counts, got ${describe(value)}`, value);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = count(value[i], `${path}[${i}]`);
  return out;
}

function safeSum(a: number, b: number, path: string): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) invalid(path, 'sums beyond 2^53 (counts would not be exact)', s);
  return s;
}

function parseSettings(value: unknown): ConfusionMatrixSettings {
  const s = record(value, 'settings');
  const numClasses = s.numClasses;
  if (typeof numClasses !== 'number' || !Number.isSafeInteger(numClasses) || numClasses < 1) {
    invalid('settings.numClasses', `must be a positive integer, got ${describe(numClasses)}`, numClasses);
  }
  if (!Array.isArray(s.ignoreIndex)) invalid('settings.ignoreIndex', 'must be an array', s.ignoreIndex);
  if (typeof s.perImage !== 'boolean') invalid('settings.perImage', 'must be a boolean', s.perImage);
  let labelMapping: unknown;
  if (s.labelMapping !== null) {
    const m = record(s.labelMapping, 'settings.labelMapping');
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
    labelMapping = { table, reduceZeroLabel: m.reduceZeroLabel, applyTo: m.applyTo };
  }
  let settings: ConfusionMatrixSettings;
  try {
    settings = normalizeSettings({
      numClasses,
      ignoreIndex: s.ignoreIndex as number[],
      labelMapping: labelMapping as LabelMapping | undefined,
      perImage: s.perImage,
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
  const m = s.labelMapping as Record<string, unknown> | null;
  const given = {
    numClasses,
    ignoreIndex: s.ignoreIndex,
    labelMapping:
      m === null ? null : { table: m.table, reduceZeroLabel: m.reduceZeroLabel, applyTo: m.applyTo },
    perImage: s.perImage,
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

/** The canonical text the checksum is computed over. */
export function canonicalText(state: Omit<ConfusionMatrixJSON, 'checksum'>): string {
  const s = state.settings;
  const m = s.labelMapping;
  return JSON.stringify([
    state.schemaVersion,
    state.kind,
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

/** Settings as plain JSON. */
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
          },
    perImage: settings.perImage,
  };
}

/** Validates everything in a serialised state; throws INVALID_STATE naming the first problem. */
export function parseState(value: unknown): ParsedState {
  try {
    return parseStateUnguarded(value);
  } catch (error) {
    if (SegmetricsError.isInstance(error)) throw error;
    // e.g. a throwing getter or a revoked Proxy: still a typed error, never a crash
    throw new SegmetricsError(ErrorCode.INVALID_STATE, 'invalid confusion-matrix state: unreadable value', {
      cause: error,
    });
  }
}

function parseStateUnguarded(value: unknown): ParsedState {
  const root = record(value, 'state');
  if (root.schemaVersion !== CONFUSION_MATRIX_SCHEMA_VERSION) {
    invalid(
      'schemaVersion',
      `must be ${CONFUSION_MATRIX_SCHEMA_VERSION} (this version of @segmetrics/core), got ${describe(root.schemaVersion)}`,
      root.schemaVersion,
    );
  }
  if (root.kind !== CONFUSION_MATRIX_KIND) {
    invalid('kind', `must be "${CONFUSION_MATRIX_KIND}", got ${describe(root.kind)}`, root.kind);
  }
  const settings = parseSettings(root.settings);
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
  let total = ignoredPixels;
  for (let g = 0; g < c; g++) {
    support[g] = predictedIgnore[g]!;
    for (let p = 0; p < c; p++) {
      const v = counts[g * c + p]!;
      support[g] = safeSum(support[g]!, v, `counts[${g}]`);
      predicted[p] = safeSum(predicted[p]!, v, `counts[*][${p}]`);
    }
    total = safeSum(total, support[g]!, 'counts');
  }

  if (!Array.isArray(root.sampleIds)) invalid('sampleIds', 'must be an array of strings', root.sampleIds);
  const sampleIds: string[] = [];
  const seen = new Set<string>();
  root.sampleIds.forEach((id: unknown, i: number) => {
    if (typeof id !== 'string') invalid(`sampleIds[${i}]`, `must be a string, got ${describe(id)}`, id);
    if (seen.has(id)) invalid(`sampleIds[${i}]`, `repeats sample id ${describe(id)}`, id);
    seen.add(id);
    sampleIds.push(id);
  });
  if (sampleIds.length > images) {
    invalid('sampleIds', `lists ${sampleIds.length} samples but only ${images} images were counted`);
  }

  const imageStats: ImageStats[] = [];
  if (!settings.perImage) {
    if (root.imageStats !== null && root.imageStats !== undefined) {
      invalid('imageStats', 'must be null when settings.perImage is false', root.imageStats);
    }
  } else {
    if (!Array.isArray(root.imageStats) || root.imageStats.length !== images) {
      invalid('imageStats', `must be an array of ${images} entries (one per image)`, root.imageStats);
    }
    const sumTp = new Float64Array(c);
    const sumSupport = new Float64Array(c);
    const sumPredicted = new Float64Array(c);
    let sumIgnored = 0;
    const statIds = new Set<string>();
    root.imageStats.forEach((entry: unknown, i: number) => {
      const path = `imageStats[${i}]`;
      const e = record(entry, path);
      if (e.sampleId !== null && typeof e.sampleId !== 'string') {
        invalid(`${path}.sampleId`, `must be a string or null, got ${describe(e.sampleId)}`, e.sampleId);
      }
      if (e.sampleId !== null) {
        if (!seen.has(e.sampleId)) invalid(`${path}.sampleId`, `${describe(e.sampleId)} is not in sampleIds`);
        if (statIds.has(e.sampleId)) invalid(`${path}.sampleId`, `repeats sample id ${describe(e.sampleId)}`);
        statIds.add(e.sampleId);
      }
      const tp = countArray(e.tp, c, `${path}.tp`);
      const sup = countArray(e.support, c, `${path}.support`);
      const pred = countArray(e.predicted, c, `${path}.predicted`);
      const ignored = count(e.ignored, `${path}.ignored`);
      for (let k = 0; k < c; k++) {
        if (tp[k]! > sup[k]! || tp[k]! > pred[k]!) {
          invalid(`${path}.tp[${k}]`, 'exceeds the support or the predicted pixels of the class', tp[k]);
        }
        sumTp[k]! += tp[k]!;
        sumSupport[k]! += sup[k]!;
        sumPredicted[k]! += pred[k]!;
      }
      sumIgnored += ignored;
      imageStats.push({ sampleId: e.sampleId as string | null, tp, support: sup, predicted: pred, ignored });
    });
    if (statIds.size !== sampleIds.length) {
      invalid('imageStats', 'sample ids do not match sampleIds');
    }
    for (let k = 0; k < c; k++) {
      if (sumTp[k] !== counts[k * c + k])
        invalid(`imageStats[*].tp[${k}]`, `do not sum to counts[${k}][${k}]`);
      if (sumSupport[k] !== support[k]) {
        invalid(`imageStats[*].support[${k}]`, `do not sum to row ${k} of counts plus predictedIgnore[${k}]`);
      }
      if (sumPredicted[k] !== predicted[k]) {
        invalid(`imageStats[*].predicted[${k}]`, `do not sum to column ${k} of counts`);
      }
    }
    if (sumIgnored !== ignoredPixels) invalid('imageStats[*].ignored', 'do not sum to ignoredPixels');
  }

  if (typeof root.checksum !== 'string' || !/^[0-9a-f]{16}$/.test(root.checksum)) {
    invalid('checksum', `must be 16 lowercase hex digits, got ${describe(root.checksum)}`, root.checksum);
  }
  const expected = fnv1a64(
    canonicalText({
      schemaVersion: CONFUSION_MATRIX_SCHEMA_VERSION,
      kind: CONFUSION_MATRIX_KIND,
      settings: settingsToJSON(settings),
      counts: root.counts as number[][],
      predictedIgnore: root.predictedIgnore as number[],
      ignoredPixels,
      images,
      sampleIds,
      imageStats: settings.perImage ? (root.imageStats as ImageStatsJSON[]) : null,
    }),
  );
  if (expected !== root.checksum) {
    invalid('checksum', 'does not match the content: the state was edited or corrupted');
  }
  return { settings, counts, predictedIgnore, ignoredPixels, images, sampleIds, imageStats };
}
